package org.opendispute.dispute;

public enum BuyerVerdict { ACCEPT, REJECT }
