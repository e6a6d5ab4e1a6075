package org.opendispute.dispute;

import java.util.List;

/** The groups of the identity store, and what each is for (POLICY.md "Parties"). */
public final class Groups {

    public static final String BUYERS = "buyers";
    public static final String SELLERS = "sellers";
    public static final String MEDIATORS = "mediators";
    public static final String INTEGRATORS = "integrators";
    /** Operators' monitoring: may read /actuator/prometheus, nothing else. */
    public static final String METRICS = "metrics";
    /** Camunda's own administrators' group. */
    public static final String ADMINS = "camunda-admin";

    public static final List<String> ALL = List.of(BUYERS, SELLERS, MEDIATORS, INTEGRATORS, METRICS, ADMINS);

    private Groups() {
    }
}
