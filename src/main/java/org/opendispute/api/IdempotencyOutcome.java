package org.opendispute.api;

import org.opendispute.dispute.DisputeStore;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Ties an action's committed result to the Idempotency-Key of its request, in the action's own
 * transaction, and rebuilds the answer from the store when the original answer was lost.
 */
@Component
class IdempotencyOutcome {

    static final String ATTRIBUTE = IdempotencyOutcome.class.getName();

    private final IdempotencyStore store;
    private final DisputeStore disputes;
    private final DisputeViews views;
    private final CurrentCaller currentCaller;

    IdempotencyOutcome(IdempotencyStore store, DisputeStore disputes, DisputeViews views, CurrentCaller currentCaller) {
        this.store = store;
        this.disputes = disputes;
        this.views = views;
        this.currentCaller = currentCaller;
    }

    /** Called inside the action's transaction: the request's key (if any) now answers with this result. */
    void record(int status, String disputeId) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        Object claim = request == null ? null : request.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        if (claim instanceof Claim held) {
            store.recordOutcome(held.caller(), held.key(), status, disputeId);
        }
    }

    /** The dispute the caller's own committed action produced, as the caller sees it now. */
    @Transactional(readOnly = true)
    DisputeResponse disputeAsSeenBy(String disputeId) {
        return views.full(disputes.get(disputeId), currentCaller.get());
    }

    record Claim(String caller, String key) {
    }
}
