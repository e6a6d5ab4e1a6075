package org.opendispute.evidence;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Removes uploads that no dispute took in time. Idempotent, so every node may run it. */
@Component
class ExpiredUploads {

    private final EvidenceStore evidence;

    ExpiredUploads(EvidenceStore evidence) {
        this.evidence = evidence;
    }

    @Scheduled(fixedDelayString = "PT15M", initialDelayString = "PT1M")
    @Transactional
    void remove() {
        evidence.removeExpiredUploads();
    }
}
