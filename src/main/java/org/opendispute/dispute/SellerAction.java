package org.opendispute.dispute;

public enum SellerAction { ACCEPT, PROPOSE, REFUSE }
