package org.opendispute.api;

import org.opendispute.dispute.Deadlines;
import org.opendispute.dispute.Dispute;
import org.opendispute.dispute.DisputeStore;
import org.opendispute.negotiation.ProposalStore;
import org.opendispute.refund.RefundStore;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Builds what the API answers about a dispute, from the store and, for the allowed actions, the engine. */
@Component
class DisputeViews {

    private final DisputeStore disputes;
    private final ProposalStore proposals;
    private final RefundStore refunds;
    private final Deadlines deadlines;
    private final AllowedActions allowedActions;

    DisputeViews(DisputeStore disputes, ProposalStore proposals, RefundStore refunds, Deadlines deadlines,
                 AllowedActions allowedActions) {
        this.disputes = disputes;
        this.proposals = proposals;
        this.refunds = refunds;
        this.deadlines = deadlines;
        this.allowedActions = allowedActions;
    }

    /** The reads of an answer in one transaction: the action's, or a read-only one of their own. */
    @Transactional(readOnly = true)
    DisputeResponse full(Dispute dispute, Caller caller) {
        return new DisputeResponse(dispute.id(), dispute.orderId(), dispute.buyerId(), dispute.sellerId(),
                dispute.reason().name(), dispute.description(), dispute.status().name(),
                dispute.outcome() == null ? null : dispute.outcome().name(),
                new DisputeResponse.Requested(dispute.requestedType().name(), MoneyDto.of(dispute.requestedAmount())),
                disputes.lines(dispute.id()).stream()
                        .map(line -> new DisputeResponse.Line(line.sku(), line.quantity())).toList(),
                MoneyDto.of(dispute.disputedValue()), MoneyDto.of(dispute.refundableAmount()),
                dispute.resolutionType() == null ? null
                        : new DisputeResponse.Resolution(dispute.resolutionType().name(), MoneyDto.of(dispute.resolutionAmount())),
                proposals.ofDispute(dispute.id()).stream()
                        .map(p -> new DisputeResponse.Proposal(p.id(), p.by().name(), p.type().name(),
                                MoneyDto.of(p.amount()), p.state().name(), p.note(), p.createdAt()))
                        .toList(),
                refund(dispute),
                deadlines.running(dispute.id()),
                allowedActions.of(dispute, caller),
                caller.isStaff() ? dispute.flaggedForMediators() : null, // the abuse rules are staff's alone
                dispute.openedAt(),
                dispute.updatedAt());
    }

    /** A refund pays out a decided resolution: before one is decided there is none to look up. */
    private DisputeResponse.Refund refund(Dispute dispute) {
        if (dispute.resolutionType() == null) {
            return null;
        }
        return refunds.ofDispute(dispute.id())
                .map(r -> new DisputeResponse.Refund(MoneyDto.of(r.amount()), r.state().name(), r.providerReference(),
                        r.failureReason(), r.expectedArrivalDate()))
                .orElse(null);
    }

    /** For lists: no engine query per row. */
    DisputeSummary summary(Dispute dispute) {
        return new DisputeSummary(dispute.id(), dispute.orderId(), dispute.buyerId(), dispute.sellerId(),
                dispute.reason().name(), dispute.status().name(),
                dispute.outcome() == null ? null : dispute.outcome().name(), dispute.openedAt(), dispute.updatedAt());
    }
}
