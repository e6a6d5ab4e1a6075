package org.opendispute.api;

/** The part a caller plays for one dispute. */
public enum Role { BUYER, SELLER, MEDIATOR, INTEGRATOR, ADMIN, NONE }
