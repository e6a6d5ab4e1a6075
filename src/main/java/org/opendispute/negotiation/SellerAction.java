package org.opendispute.negotiation;

public enum SellerAction { ACCEPT, PROPOSE, REFUSE }
