package org.opendispute.security;

/** The part a caller plays for one dispute. */
public enum Role { BUYER, SELLER, MEDIATOR, INTEGRATOR, ADMIN, NONE }
