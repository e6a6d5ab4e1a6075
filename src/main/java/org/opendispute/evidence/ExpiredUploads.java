package org.opendispute.evidence;

import java.time.Duration;

import org.opendispute.jdbc.ClusterSchedule;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Removes uploads that no dispute took in time, every 15 minutes across the cluster. */
@Component
class ExpiredUploads {

    private final EvidenceStore evidence;
    private final ClusterSchedule schedule;
    private final TransactionTemplate transaction;

    ExpiredUploads(EvidenceStore evidence, ClusterSchedule schedule, TransactionTemplate transaction) {
        this.evidence = evidence;
        this.schedule = schedule;
        this.transaction = transaction;
    }

    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    void remove() {
        schedule.runIfDue("expired-uploads", Duration.ofMinutes(15),
                () -> transaction.executeWithoutResult(status -> evidence.removeExpiredUploads()));
    }
}
