package org.opendispute.mediation;

public enum MediatorAction { REQUEST_INFORMATION, ISSUE_PROPOSAL }
