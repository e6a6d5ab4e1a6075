package org.opendispute.dispute;

/** The buyer's final decision: the platform's proposal or the seller's last one. */
public enum Choice { PLATFORM, SELLER }
