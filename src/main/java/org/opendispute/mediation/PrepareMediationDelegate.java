package org.opendispute.mediation;

import static org.opendispute.dispute.DisputeProcess.Vars.BUYER_HAS_EVIDENCE;
import static org.opendispute.dispute.DisputeProcess.Vars.CARRIER_CONFIRMED_DELIVERY;
import static org.opendispute.dispute.DisputeProcess.Vars.DISPUTED_VALUE;
import static org.opendispute.dispute.DisputeProcess.Vars.REASON;
import static org.opendispute.dispute.DisputeProcess.Vars.SILENT_PARTY;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.opendispute.dispute.Dispute;
import org.opendispute.dispute.DisputeHistory;
import org.opendispute.dispute.DisputeStatus;
import org.opendispute.dispute.DisputeStore;
import org.opendispute.dispute.HistoryEvent;
import org.opendispute.evidence.EvidenceStore;
import org.opendispute.order.OrderStore;
import org.springframework.stereotype.Component;

/** The dispute reaches mediation: the facts the platform-proposal decision table reads. */
@Component("prepareMediationDelegate")
class PrepareMediationDelegate implements JavaDelegate {

    private final DisputeStore disputes;
    private final OrderStore orders;
    private final EvidenceStore evidence;
    private final DisputeHistory history;

    PrepareMediationDelegate(DisputeStore disputes, OrderStore orders, EvidenceStore evidence, DisputeHistory history) {
        this.disputes = disputes;
        this.orders = orders;
        this.evidence = evidence;
        this.history = history;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Dispute dispute = disputes.get(execution.getProcessBusinessKey());
        disputes.markEscalated(dispute.id());
        disputes.updateStatus(dispute.id(), DisputeStatus.IN_MEDIATION);
        boolean delivered = orders.find(dispute.orderId()).map(orders::carrierReportedDelivery).orElse(false);
        boolean buyerEvidence = evidence.ofDispute(dispute.id()).stream()
                .anyMatch(file -> file.uploadedBy().equals(dispute.buyerId()));
        execution.setVariable(REASON, dispute.reason().name());
        execution.setVariable(CARRIER_CONFIRMED_DELIVERY, delivered);
        execution.setVariable(BUYER_HAS_EVIDENCE, buyerEvidence);
        execution.setVariable(DISPUTED_VALUE, dispute.disputedValue().amount().doubleValue());
        execution.setVariable(SILENT_PARTY, "NONE");
        history.record(dispute.id(), HistoryEvent.ESCALATED, DisputeHistory.SYSTEM, "Mediation by the platform");
    }
}
