package org.opendispute.negotiation;

import org.opendispute.dispute.Party;
import static org.opendispute.jdbc.SqlTime.instant;
import static org.opendispute.jdbc.SqlTime.ts;

import java.time.Clock;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The conversation of a dispute, with moderation flags. */
@Repository
public class MessageStore {

    private final JdbcClient jdbc;
    private final Clock clock;

    public MessageStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void add(String disputeId, String authorId, Party role, String body, MessageModerator.Verdict verdict) {
        jdbc.sql("""
                INSERT INTO disputes.dispute_message (dispute_id, author_id, author_role, body, flagged_off_platform,
                  flagged_abusive, posted_at) VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(disputeId, authorId, role.name(), body, verdict.offPlatform(), verdict.abusive(),
                        ts(clock.instant()))
                .update();
    }

    /** The author's messages moderation flagged since then, on any dispute. */
    public long countFlaggedOfAuthorSince(String authorId, java.time.Instant since) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM disputes.dispute_message
                WHERE author_id = ? AND posted_at >= ? AND (flagged_off_platform OR flagged_abusive)""")
                .params(authorId, ts(since))
                .query(Long.class)
                .single();
    }

    /** A page of the conversation, oldest first. */
    public List<Message> page(String disputeId, int page, int size) {
        return jdbc.sql("SELECT * FROM disputes.dispute_message WHERE dispute_id = ? ORDER BY message_id"
                        + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")
                .params(disputeId, (long) page * size, size)
                .query(MessageStore::message)
                .list();
    }

    public long count(String disputeId) {
        return jdbc.sql("SELECT COUNT(*) FROM disputes.dispute_message WHERE dispute_id = ?").param(disputeId)
                .query(Long.class).single();
    }

    public List<Message> ofDispute(String disputeId) {
        return jdbc.sql("SELECT * FROM disputes.dispute_message WHERE dispute_id = ? ORDER BY message_id")
                .param(disputeId)
                .query(MessageStore::message)
                .list();
    }

    private static Message message(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Message(rs.getLong("message_id"), rs.getString("dispute_id"),
                rs.getString("author_id"), Party.valueOf(rs.getString("author_role")), rs.getString("body"),
                rs.getBoolean("flagged_off_platform"), rs.getBoolean("flagged_abusive"),
                instant(rs, "posted_at"));
    }
}
