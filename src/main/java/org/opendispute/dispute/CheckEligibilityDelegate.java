package org.opendispute.dispute;

import static org.opendispute.dispute.DisputeProcess.Vars.DESCRIPTION;
import static org.opendispute.dispute.DisputeProcess.Vars.ELIGIBLE;
import static org.opendispute.dispute.DisputeProcess.Vars.EVIDENCE_IDS;
import static org.opendispute.dispute.DisputeProcess.Vars.LINES;
import static org.opendispute.dispute.DisputeProcess.Vars.REJECTION_CODE;

import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.opendispute.engine.EngineCaller;
import org.opendispute.evidence.EvidenceStore;
import org.opendispute.order.Order;
import org.opendispute.order.OrderStore;
import org.springframework.stereotype.Component;

/**
 * The first step of every dispute, however the process was started: applies the opening rules and, when
 * they allow it, registers the dispute in the store under the process's business key.
 */
@Component("checkEligibilityDelegate")
class CheckEligibilityDelegate implements JavaDelegate {

    private final OpeningVariables openingVariables;
    private final EligibilityService eligibility;
    private final OrderStore orders;
    private final DisputeStore disputes;
    private final EvidenceStore evidence;
    private final Accounts accounts;
    private final DisputeHistory history;
    private final EngineCaller engineCaller;

    CheckEligibilityDelegate(OpeningVariables openingVariables, EligibilityService eligibility, OrderStore orders,
                             DisputeStore disputes, EvidenceStore evidence, Accounts accounts, DisputeHistory history,
                             EngineCaller engineCaller) {
        this.openingVariables = openingVariables;
        this.eligibility = eligibility;
        this.orders = orders;
        this.disputes = disputes;
        this.evidence = evidence;
        this.accounts = accounts;
        this.history = history;
        this.engineCaller = engineCaller;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Optional<OpeningRequest> read = openingVariables.read(execution, buyerOfRecord());
        if (read.isEmpty()) {
            reject(execution, "invalid-request");
            return;
        }
        OpeningRequest request = read.get();
        Optional<Order> order = orders.findForUpdate(request.orderId());
        Eligibility decision = eligibility.check(request, order);
        if (!decision.eligible()) {
            if (decision.rejection() == RejectionCode.TOO_MANY_DISPUTES) {
                accounts.markBuyerForReview(request.buyerId(), "More disputes than the policy allows in its window");
            }
            reject(execution, decision.rejection().code());
            return;
        }
        String disputeId = execution.getProcessBusinessKey();
        if (disputeId == null) {
            disputeId = DisputeIds.next();
            execution.setProcessBusinessKey(disputeId);
        }
        String sellerId = order.orElseThrow().sellerId();
        disputes.insert(disputeId, execution.getProcessInstanceId(), request, sellerId, decision);
        evidence.attach(disputeId, request.evidenceIds());
        history.record(disputeId, HistoryEvent.OPENED, request.buyerId(), request.reason() + ", asks for "
                + request.requestedType() + (decision.requestedAmount() == null ? "" : " " + decision.requestedAmount()));
        if (decision.flagForMediators()) {
            history.record(disputeId, HistoryEvent.FLAGGED_FOR_MEDIATORS, DisputeHistory.SYSTEM,
                    "The buyer opened more disputes than the policy allows without review");
        }
        execution.setVariable(ELIGIBLE, Variables.booleanValue(true, true));
        // The store holds the request and the parties from now on (DisputeParties assigns the tasks); the
        // process keeps only what it routes on.
        execution.removeVariables(List.of(DESCRIPTION, LINES, EVIDENCE_IDS));
    }

    /**
     * A buyer who starts the process through the engine (Tasklist, engine REST) opens it for themselves,
     * whatever buyerId says; integrators and admins may open on a buyer's behalf, and so may our API
     * (which calls the engine unauthenticated, having decided the buyer itself).
     */
    private String buyerOfRecord() {
        return engineCaller.current()
                .filter(initiator -> !initiator.groupIds().contains(Groups.INTEGRATORS)
                        && !initiator.groupIds().contains(Groups.ADMINS))
                .map(EngineCaller.User::userId)
                .orElse(null);
    }

    private static void reject(DelegateExecution execution, String code) {
        execution.setVariable(ELIGIBLE, Variables.booleanValue(false, true));
        execution.setVariable(REJECTION_CODE, code);
    }
}
