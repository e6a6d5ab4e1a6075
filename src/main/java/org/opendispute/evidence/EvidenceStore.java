package org.opendispute.evidence;

import static org.opendispute.jdbc.SqlTime.instant;
import static org.opendispute.jdbc.SqlTime.ts;

import java.security.MessageDigest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Evidence files: uploaded before or during a dispute, owned by the uploader until a dispute references
 * them. Bytes go to {@link EvidenceContent}, metadata to the evidence table.
 */
@Repository
public class EvidenceStore {

    public static final long MAX_BYTES = 10L * 1024 * 1024;
    public static final int MAX_FILE_NAME = 255;

    private final JdbcClient jdbc;
    private final EvidenceContent content;
    private final Clock clock;
    private final EvidenceLimits limits;

    public EvidenceStore(JdbcClient jdbc, EvidenceContent content, Clock clock, EvidenceLimits limits) {
        this.jdbc = jdbc;
        this.content = content;
        this.clock = clock;
        this.limits = limits;
    }

    /**
     * Stores a file without its images' location and other metadata; rejects an empty, oversize or
     * unrecognised file, an over-long name, and uploads beyond the user's daily quota with
     * {@link InvalidEvidenceException}.
     */
    public Evidence upload(String uploadedBy, String disputeId, String fileName, byte[] uploaded) {
        String name = EvidenceFileNames.sanitise(fileName);
        if (uploaded.length > MAX_BYTES) {
            throw new InvalidEvidenceException("evidence-too-large", "Evidence files are limited to 10 MB.");
        }
        FileType detected = uploaded.length == 0 ? null : FileType.detect(uploaded).orElse(null);
        byte[] bytes = detected == null ? uploaded : ImageMetadata.strip(detected, uploaded);
        if (bytes.length == 0) {
            throw new InvalidEvidenceException("evidence-empty", "The file is empty.");
        }
        if (detected == null) {
            throw new InvalidEvidenceException("evidence-type-not-allowed",
                    "Only JPEG, PNG, PDF and MP4 files are accepted.");
        }
        checkQuota(uploadedBy, bytes.length);
        Evidence evidence = new Evidence(UUID.randomUUID().toString(), disputeId, uploadedBy, name,
                detected.contentType(), bytes.length, sha256(bytes), clock.instant());
        jdbc.sql("""
                INSERT INTO disputes.evidence (evidence_id, dispute_id, uploaded_by, file_name, content_type,
                  size_bytes, sha256, storage, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(evidence.id(), disputeId, uploadedBy, evidence.fileName(), evidence.contentType(),
                        evidence.sizeBytes(), evidence.sha256(), content.storageName(), ts(evidence.uploadedAt()))
                .update();
        content.save(evidence.id(), bytes);
        return evidence;
    }

    public Optional<Evidence> find(String evidenceId) {
        return jdbc.sql("SELECT * FROM disputes.evidence WHERE evidence_id = ?")
                .param(evidenceId)
                .query(EvidenceStore::map)
                .optional();
    }

    public List<Evidence> ofDispute(String disputeId) {
        return jdbc.sql("SELECT * FROM disputes.evidence WHERE dispute_id = ? ORDER BY uploaded_at")
                .param(disputeId)
                .query(EvidenceStore::map)
                .list();
    }

    private static Evidence map(ResultSet rs, int row) throws SQLException {
        return new Evidence(rs.getString("evidence_id"), rs.getString("dispute_id"), rs.getString("uploaded_by"),
                rs.getString("file_name"), rs.getString("content_type"), rs.getLong("size_bytes"),
                rs.getString("sha256").trim(), instant(rs, "uploaded_at"));
    }

    /** Whether every file exists, was uploaded by this user and belongs to no dispute yet. */
    public boolean allAttachableBy(String uploadedBy, List<String> evidenceIds) {
        return evidenceIds.stream().distinct().allMatch(id -> find(id)
                .filter(e -> e.uploadedBy().equals(uploadedBy) && e.disputeId() == null)
                .isPresent());
    }

    /**
     * Attaches the files to the dispute, each to this one dispute only: when another opening took one of
     * them first (its row is locked until that opening commits, then no longer unattached), the whole
     * opening fails with {@code 422 evidence-already-attached} and nothing of it is written.
     */
    public void attach(String disputeId, List<String> evidenceIds) {
        for (String id : evidenceIds.stream().distinct().toList()) {
            int attached = jdbc.sql("UPDATE disputes.evidence SET dispute_id = ? WHERE evidence_id = ? AND dispute_id IS NULL")
                    .params(disputeId, id)
                    .update();
            if (attached == 0) {
                throw new InvalidEvidenceException("evidence-already-attached", "evidenceIds",
                        "Evidence " + id + " was attached to another dispute a moment ago.");
            }
        }
    }

    /** Uploads that no dispute took within {@code disputes.evidence.unattached-expiry} are removed. */
    public int removeExpiredUploads() {
        var before = ts(clock.instant().minus(limits.unattachedExpiry()));
        jdbc.sql("""
                DELETE FROM disputes.evidence_content WHERE evidence_id IN (
                  SELECT evidence_id FROM disputes.evidence WHERE dispute_id IS NULL AND uploaded_at < ?)""")
                .param(before)
                .update();
        return jdbc.sql("DELETE FROM disputes.evidence WHERE dispute_id IS NULL AND uploaded_at < ?")
                .param(before)
                .update();
    }

    private void checkQuota(String uploadedBy, long size) {
        var used = jdbc.sql("""
                SELECT COUNT(*), COALESCE(SUM(size_bytes), 0) FROM disputes.evidence
                WHERE uploaded_by = ? AND uploaded_at >= ?""")
                .params(uploadedBy, ts(clock.instant().minus(java.time.Duration.ofDays(1))))
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .single();
        if (used[0] + 1 > limits.dailyFiles() || used[1] + size > limits.dailyBytes().toBytes()) {
            throw new InvalidEvidenceException("upload-quota-exceeded",
                    "Uploads are limited to " + limits.dailyFiles() + " files or " + limits.dailyBytes().toMegabytes()
                            + " MB a day; try again later.");
        }
    }

    public byte[] content(String evidenceId) {
        return content.load(evidenceId);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
