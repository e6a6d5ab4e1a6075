package org.opendispute.dispute;

/** What the seller found in the returned package. */
public enum ReturnCondition { RECEIVED, DAMAGED, EMPTY_OR_DIFFERENT }
