package org.opendispute.dispute;

import java.util.Map;

/**
 * A change of a dispute that the parties and the marketplace must hear of: a step of its timeline, or a new
 * status. Published in the transaction of the change, so that whatever records it (the event outbox) commits or
 * rolls back with it.
 *
 * @param step   the timeline's entry, or null for a status change
 * @param status the new status, or null for a step
 * @param facts  what an event of the step says besides the dispute's state (a reminder's party, action, deadline)
 */
public record DisputeChanged(String disputeId, HistoryEvent step, DisputeStatus status, String actor, String detail,
                             Map<String, Object> facts) {

    static DisputeChanged step(String disputeId, HistoryEvent step, String actor, String detail,
                               Map<String, Object> facts) {
        return new DisputeChanged(disputeId, step, null, actor, detail, facts);
    }

    static DisputeChanged status(String disputeId, DisputeStatus status) {
        return new DisputeChanged(disputeId, null, status, DisputeHistory.SYSTEM, null, Map.of());
    }
}
