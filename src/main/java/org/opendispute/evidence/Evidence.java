package org.opendispute.evidence;

import java.time.Instant;

/** A file backing a dispute: who uploaded it, what it is, and its checksum. */
public record Evidence(String id, String disputeId, String uploadedBy, String fileName, String contentType,
                       long sizeBytes, String sha256, Instant uploadedAt) {
}
