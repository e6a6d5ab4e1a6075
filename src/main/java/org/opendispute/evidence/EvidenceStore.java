package org.opendispute.evidence;

import static org.opendispute.config.SqlTime.instant;
import static org.opendispute.config.SqlTime.ts;

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

    private final JdbcClient jdbc;
    private final EvidenceContent content;
    private final Clock clock;

    public EvidenceStore(JdbcClient jdbc, EvidenceContent content, Clock clock) {
        this.jdbc = jdbc;
        this.content = content;
        this.clock = clock;
    }

    /** Stores a file; rejects empty, oversize and unrecognised content with {@link InvalidEvidenceException}. */
    public Evidence upload(String uploadedBy, String disputeId, String fileName, byte[] bytes) {
        if (bytes.length == 0) {
            throw new InvalidEvidenceException("evidence-empty", "The file is empty.");
        }
        if (bytes.length > MAX_BYTES) {
            throw new InvalidEvidenceException("evidence-too-large", "Evidence files are limited to 10 MB.");
        }
        FileType type = FileType.detect(bytes).orElseThrow(() -> new InvalidEvidenceException(
                "evidence-type-not-allowed", "Only JPEG, PNG, PDF and MP4 files are accepted."));
        Evidence evidence = new Evidence(UUID.randomUUID().toString(), disputeId, uploadedBy,
                fileName == null || fileName.isBlank() ? "evidence" : fileName, type.contentType(), bytes.length,
                sha256(bytes), clock.instant());
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

    public void attach(String disputeId, List<String> evidenceIds) {
        for (String id : evidenceIds) {
            jdbc.sql("UPDATE disputes.evidence SET dispute_id = ? WHERE evidence_id = ? AND dispute_id IS NULL")
                    .params(disputeId, id)
                    .update();
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
