package org.opendispute.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A database grown in minutes instead of days: copies of the resolved disputes already in it, made with set-based
 * SQL ({@code INSERT … SELECT … CROSS JOIN generate_series}). Each copy carries every row a resolved dispute leaves:
 * the store's order (lines, charges, tracking), dispute, lines, messages, proposals, evidence, refund, timeline and
 * buyer account, the buyer's user in the engine's identity store (membership and the authorization on its profile),
 * and the engine's history (process, activity, task, variable, detail, identity link, decision, operation log, job
 * log and incident rows, and their byte arrays). Identifiers get a suffix of the copy
 * ({@code -g<tag><n>}), so a copy is a dispute of its own buyer and seller, its rows referring to each other as the
 * original's do (cut to 64 characters where needed); every timestamp moves back by the copy's offset. Not copied: events and webhook deliveries (their
 * retention removes them after 30 days) and the text of variables that repeat an identifier.
 */
final class DisputeCopies {

    /** Engine columns that name one instance's things; definitions, activities and users stay as they were. */
    private static final Set<String> ENGINE_IDS = Set.of("id_", "parent_act_inst_id_", "root_proc_inst_id_",
            "proc_inst_id_", "process_instance_id_", "execution_id_", "task_id_", "parent_task_id_",
            "call_proc_inst_id_", "act_inst_id_", "var_inst_id_", "bytearray_id_", "job_id_", "job_exception_stack_id_",
            "dec_inst_id_", "root_dec_inst_id_", "operation_id_", "business_key_", "cause_incident_id_",
            "root_cause_incident_id_", "configuration_", "history_configuration_", "error_details_id_", "ext_task_id_",
            "super_process_instance_id_", "content_id_");
    private static final Set<String> STORE_IDS = Set.of("order_id", "buyer_id", "seller_id", "dispute_id",
            "process_instance_id", "proposal_id", "refund_id", "idempotency_key", "evidence_id");

    private static final String TEMPLATE_INSTANCES = "SELECT proc_inst_id FROM copy_template";
    private static final String TEMPLATE_DISPUTES = "SELECT dispute_id FROM copy_template";
    private static final String TEMPLATE_TASKS = "SELECT id_ FROM act_hi_taskinst WHERE proc_inst_id_ IN (" + TEMPLATE_INSTANCES + ")";

    /** Which rows of a table belong to the template disputes, and columns renamed beside the usual ones. */
    private record Copied(String table, String rowsOfTemplates, Set<String> alsoRenamed) {
        Copied(String table, String rowsOfTemplates) {
            this(table, rowsOfTemplates, Set.of());
        }
    }

    private static final String TEMPLATE_BUYERS = "SELECT DISTINCT buyer_id FROM copy_template";

    private static final List<Copied> TABLES = List.of(
            new Copied("disputes.marketplace_order", "order_id IN (SELECT order_id FROM copy_template)"),
            new Copied("disputes.order_line", "order_id IN (SELECT order_id FROM copy_template)"),
            new Copied("disputes.order_charge", "order_id IN (SELECT order_id FROM copy_template)"),
            new Copied("disputes.tracking_event", "order_id IN (SELECT order_id FROM copy_template)"),
            new Copied("disputes.dispute", "dispute_id IN (" + TEMPLATE_DISPUTES + ")"),
            new Copied("disputes.dispute_line", "dispute_id IN (" + TEMPLATE_DISPUTES + ")"),
            new Copied("disputes.dispute_message", "dispute_id IN (" + TEMPLATE_DISPUTES + ")"),
            new Copied("disputes.proposal", "dispute_id IN (" + TEMPLATE_DISPUTES + ")"),
            new Copied("disputes.evidence", "dispute_id IN (" + TEMPLATE_DISPUTES + ")"),
            new Copied("disputes.evidence_content", "evidence_id IN (SELECT evidence_id FROM disputes.evidence WHERE dispute_id IN ("
                    + TEMPLATE_DISPUTES + "))"),
            new Copied("disputes.refund", "dispute_id IN (" + TEMPLATE_DISPUTES + ")"),
            new Copied("disputes.dispute_history", "dispute_id IN (" + TEMPLATE_DISPUTES + ")"),
            new Copied("disputes.buyer_account", "buyer_id IN (SELECT DISTINCT buyer_id FROM copy_template)"),
            new Copied("disputes.account_event", "buyer_id IN (SELECT DISTINCT buyer_id FROM copy_template)"),
            // Each buyer is a user of the engine's identity store, a member of its group, with the authorization on
            // its own profile the engine gave it: a row of the authorization table per user
            new Copied("act_id_user", "id_ IN (" + TEMPLATE_BUYERS + ")"),
            new Copied("act_id_membership", "user_id_ IN (" + TEMPLATE_BUYERS + ")", Set.of("user_id_")),
            new Copied("act_ru_authorization", "user_id_ IN (" + TEMPLATE_BUYERS + ") AND resource_id_ = user_id_",
                    Set.of("user_id_", "resource_id_")),
            new Copied("act_ge_bytearray", "id_ IN ("
                    + "SELECT bytearray_id_ FROM act_hi_varinst WHERE proc_inst_id_ IN (" + TEMPLATE_INSTANCES + ") UNION "
                    + "SELECT bytearray_id_ FROM act_hi_detail WHERE proc_inst_id_ IN (" + TEMPLATE_INSTANCES + ") UNION "
                    + "SELECT job_exception_stack_id_ FROM act_hi_job_log WHERE process_instance_id_ IN (" + TEMPLATE_INSTANCES + ") UNION "
                    + "SELECT i.bytearray_id_ FROM act_hi_dec_in i JOIN act_hi_decinst d ON d.id_ = i.dec_inst_id_ WHERE d.proc_inst_id_ IN ("
                    + TEMPLATE_INSTANCES + ") UNION "
                    + "SELECT o.bytearray_id_ FROM act_hi_dec_out o JOIN act_hi_decinst d ON d.id_ = o.dec_inst_id_ WHERE d.proc_inst_id_ IN ("
                    + TEMPLATE_INSTANCES + "))"),
            new Copied("act_hi_procinst", "proc_inst_id_ IN (" + TEMPLATE_INSTANCES + ")"),
            new Copied("act_hi_actinst", "proc_inst_id_ IN (" + TEMPLATE_INSTANCES + ")"),
            new Copied("act_hi_taskinst", "proc_inst_id_ IN (" + TEMPLATE_INSTANCES + ")"),
            new Copied("act_hi_varinst", "proc_inst_id_ IN (" + TEMPLATE_INSTANCES + ")"),
            new Copied("act_hi_detail", "proc_inst_id_ IN (" + TEMPLATE_INSTANCES + ")"),
            new Copied("act_hi_identitylink", "task_id_ IN (" + TEMPLATE_TASKS + ") OR root_proc_inst_id_ IN (" + TEMPLATE_INSTANCES + ")"),
            new Copied("act_hi_decinst", "proc_inst_id_ IN (" + TEMPLATE_INSTANCES + ")"),
            new Copied("act_hi_dec_in", "dec_inst_id_ IN (SELECT id_ FROM act_hi_decinst WHERE proc_inst_id_ IN (" + TEMPLATE_INSTANCES + "))"),
            new Copied("act_hi_dec_out", "dec_inst_id_ IN (SELECT id_ FROM act_hi_decinst WHERE proc_inst_id_ IN (" + TEMPLATE_INSTANCES + "))"),
            new Copied("act_hi_op_log", "proc_inst_id_ IN (" + TEMPLATE_INSTANCES + ")"),
            new Copied("act_hi_job_log", "process_instance_id_ IN (" + TEMPLATE_INSTANCES + ")"),
            new Copied("act_hi_incident", "proc_inst_id_ IN (" + TEMPLATE_INSTANCES + ")"),
            new Copied("act_hi_comment", "proc_inst_id_ IN (" + TEMPLATE_INSTANCES + ")"),
            new Copied("act_hi_attachment", "proc_inst_id_ IN (" + TEMPLATE_INSTANCES + ")"),
            new Copied("act_hi_ext_task_log", "proc_inst_id_ IN (" + TEMPLATE_INSTANCES + ")"));

    /** The narrowest identifier column of those renamed. */
    private static final int ID_WIDTH = 64;

    /** Copies made in one statement per table (and one transaction): a round's rows stay within memory. */
    private static final int COPIES_PER_ROUND = 5;

    private final Connection db;
    /** Sets this fill's identifiers apart from an earlier fill's of the same templates: letters beyond hex. */
    private final String tag = "g" + randomLetters(4);

    DisputeCopies(Connection db) {
        this.db = db;
    }

    /**
     * Adds at least {@code disputes} resolved disputes, copies of those resolved so far, their timestamps spread
     * evenly over {@code span}, the newest {@code olderBy} before the originals'.
     *
     * @return the disputes added
     */
    long add(long disputes, Duration olderBy, Duration span) throws SQLException {
        boolean autoCommit = db.getAutoCommit();
        try (var statement = db.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS copy_template");
            // Originals only: a dispute resolved by the application, its process ended, not an earlier copy
            statement.execute("""
                    CREATE TEMPORARY TABLE copy_template AS
                    SELECT d.dispute_id, d.order_id, d.buyer_id, d.process_instance_id AS proc_inst_id
                    FROM disputes.dispute d JOIN act_hi_procinst p ON p.proc_inst_id_ = d.process_instance_id
                    WHERE d.status = 'RESOLVED' AND p.end_time_ IS NOT NULL AND d.dispute_id NOT LIKE '%-g%'""");
            statement.execute("ANALYZE copy_template");
            long templates;
            try (var rs = statement.executeQuery("SELECT COUNT(*) FROM copy_template")) {
                rs.next();
                templates = rs.getLong(1);
            }
            if (templates == 0) {
                throw new IllegalStateException("no resolved dispute to copy: run the mix first");
            }
            long copies = (disputes + templates - 1) / templates;
            Duration spacing = span.dividedBy(copies);
            List<String> inserts = new ArrayList<>();
            for (Copied table : TABLES) {
                inserts.add(insertOfCopies(table, olderBy, spacing));
            }
            db.setAutoCommit(false);
            for (long first = 1; first <= copies; first += COPIES_PER_ROUND) {
                long last = Math.min(copies, first + COPIES_PER_ROUND - 1);
                for (String insert : inserts) {
                    try (var copy = db.prepareStatement(insert)) {
                        copy.setLong(1, first);
                        copy.setLong(2, last);
                        copy.executeUpdate();
                    }
                }
                db.commit();
                System.err.printf("bench: %d of %d disputes copied%n", last * templates, copies * templates);
            }
            db.setAutoCommit(true);
            // The planner must know the tables' new size (this machine's autovacuum may be off)
            for (Copied table : TABLES) {
                statement.execute("VACUUM ANALYZE " + table.table());
            }
            statement.execute("DROP TABLE copy_template");
            return copies * templates;
        } finally {
            db.setAutoCommit(autoCommit);
        }
    }

    private String insertOfCopies(Copied table, Duration olderBy, Duration spacing) throws SQLException {
        String[] schemaAndName = table.table().contains(".") ? table.table().split("\\.") : new String[] {"public", table.table()};
        Set<String> renamed = new HashSet<>(schemaAndName[0].equals("public") ? ENGINE_IDS : STORE_IDS);
        renamed.addAll(table.alsoRenamed());
        List<String> columns = new ArrayList<>();
        List<String> values = new ArrayList<>();
        try (var statement = db.prepareStatement("""
                SELECT column_name, data_type FROM information_schema.columns
                WHERE table_schema = ? AND table_name = ? AND is_identity = 'NO' ORDER BY ordinal_position""")) {
            statement.setString(1, schemaAndName[0]);
            statement.setString(2, schemaAndName[1]);
            try (var rs = statement.executeQuery()) {
                while (rs.next()) {
                    String column = rs.getString(1);
                    String type = rs.getString(2);
                    columns.add(column);
                    if (renamed.contains(column) && type.startsWith("character")) {
                        // Cut to fit 64 characters, the same way in every table: an activity instance id
                        // ("Task_RespondAsSeller:<uuid>") has no room for the suffix otherwise
                        String suffix = "('-" + tag + "' || copy.n)";
                        values.add("left(" + column + ", " + ID_WIDTH + " - length(" + suffix + ")) || " + suffix);
                    } else if (type.startsWith("timestamp") || type.equals("date")) {
                        values.add(column + " - (INTERVAL '" + olderBy.toSeconds() + " seconds' + copy.n * INTERVAL '"
                                + spacing.toSeconds() + " seconds')");
                    } else {
                        values.add(column);
                    }
                }
            }
        }
        if (columns.isEmpty()) {
            throw new IllegalStateException("no table " + table.table());
        }
        return "INSERT INTO " + table.table() + " (" + String.join(", ", columns) + ") SELECT " + String.join(", ", values)
                + " FROM " + table.table() + " CROSS JOIN generate_series(?::bigint, ?::bigint) AS copy(n) WHERE "
                + table.rowsOfTemplates();
    }

    private static String randomLetters(int count) {
        StringBuilder letters = new StringBuilder();
        for (int i = 0; i < count; i++) {
            letters.append((char) ('h' + ThreadLocalRandom.current().nextInt(19)));
        }
        return letters.toString();
    }
}
