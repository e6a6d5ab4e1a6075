package org.opendispute.negotiation;

public enum BuyerVerdict { ACCEPT, REJECT }
