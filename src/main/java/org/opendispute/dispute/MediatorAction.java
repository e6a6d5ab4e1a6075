package org.opendispute.dispute;

public enum MediatorAction { REQUEST_INFORMATION, ISSUE_PROPOSAL }
