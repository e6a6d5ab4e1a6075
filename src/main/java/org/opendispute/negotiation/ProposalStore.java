package org.opendispute.negotiation;

import org.opendispute.dispute.Party;
import static org.opendispute.jdbc.SqlTime.instant;
import static org.opendispute.jdbc.SqlTime.ts;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.opendispute.dispute.ResolutionType;
import org.opendispute.order.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Proposals of the seller and of the platform. A party has at most one open proposal: a new one supersedes it. */
@Repository
public class ProposalStore {

    private final JdbcClient jdbc;
    private final Clock clock;

    public ProposalStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Proposal propose(String disputeId, Party by, String authorId, ResolutionType type, Money amount,
                            Currency currency, String note) {
        jdbc.sql("""
                UPDATE disputes.proposal SET state = 'SUPERSEDED', decided_at = ?
                WHERE dispute_id = ? AND proposed_by = ? AND state = 'OPEN'""")
                .params(ts(clock.instant()), disputeId, by.name())
                .update();
        String id = UUID.randomUUID().toString();
        jdbc.sql("""
                INSERT INTO disputes.proposal (proposal_id, dispute_id, proposed_by, author_id, type, amount, currency,
                  state, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?)""")
                .params(id, disputeId, by.name(), authorId, type.name(), amount == null ? null : amount.amount(),
                        currency.getCurrencyCode(), note, ts(clock.instant()))
                .update();
        return find(id).orElseThrow();
    }

    public Optional<Proposal> find(String proposalId) {
        return jdbc.sql("SELECT * FROM disputes.proposal WHERE proposal_id = ?")
                .param(proposalId)
                .query(ProposalStore::map)
                .optional();
    }

    public Optional<Proposal> open(String disputeId, Party by) {
        return jdbc.sql("SELECT * FROM disputes.proposal WHERE dispute_id = ? AND proposed_by = ? AND state = 'OPEN'")
                .params(disputeId, by.name())
                .query(ProposalStore::map)
                .optional();
    }

    /** The party's most recent proposal, whatever became of it. */
    public Optional<Proposal> latest(String disputeId, Party by) {
        return jdbc.sql("""
                SELECT * FROM disputes.proposal WHERE dispute_id = ? AND proposed_by = ?
                ORDER BY created_at DESC, proposal_id FETCH FIRST 1 ROWS ONLY""")
                .params(disputeId, by.name())
                .query(ProposalStore::map)
                .optional();
    }

    public List<Proposal> ofDispute(String disputeId) {
        return jdbc.sql("SELECT * FROM disputes.proposal WHERE dispute_id = ? ORDER BY created_at, proposal_id")
                .param(disputeId)
                .query(ProposalStore::map)
                .list();
    }

    public void decide(String proposalId, Proposal.State state) {
        jdbc.sql("UPDATE disputes.proposal SET state = ?, decided_at = ? WHERE proposal_id = ?")
                .params(state.name(), ts(clock.instant()), proposalId)
                .update();
    }

    private static Proposal map(ResultSet rs, int row) throws SQLException {
        Currency currency = Currency.getInstance(rs.getString("currency").trim());
        BigDecimal amount = rs.getBigDecimal("amount");
        return new Proposal(rs.getString("proposal_id"), rs.getString("dispute_id"),
                Party.valueOf(rs.getString("proposed_by")), rs.getString("author_id"),
                ResolutionType.valueOf(rs.getString("type")), amount == null ? null : Money.rounded(amount, currency),
                Proposal.State.valueOf(rs.getString("state")), rs.getString("note"), instant(rs, "created_at"));
    }
}
