package org.opendispute.evidence;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Keeps evidence bytes in the store's own table, in the same transaction as their metadata. */
@Component
class DatabaseEvidenceContent implements EvidenceContent {

    private final JdbcClient jdbc;

    DatabaseEvidenceContent(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String storageName() {
        return "DATABASE";
    }

    @Override
    public void save(String evidenceId, byte[] content) {
        jdbc.sql("INSERT INTO disputes.evidence_content (evidence_id, content) VALUES (?, ?)")
                .params(evidenceId, content)
                .update();
    }

    @Override
    public byte[] load(String evidenceId) {
        return jdbc.sql("SELECT content FROM disputes.evidence_content WHERE evidence_id = ?")
                .param(evidenceId)
                .query((rs, n) -> rs.getBytes(1))
                .single();
    }
}
