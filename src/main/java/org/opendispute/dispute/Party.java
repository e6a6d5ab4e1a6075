package org.opendispute.dispute;

/** Who proposes: one of the two parties, or the platform through its mediator. */
public enum Party { BUYER, SELLER, PLATFORM }
