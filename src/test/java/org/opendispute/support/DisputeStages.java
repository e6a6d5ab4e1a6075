package org.opendispute.support;

import java.math.BigDecimal;
import java.util.List;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.opendispute.dispute.DisputeIds;
import org.opendispute.dispute.DisputeProcess.Fields;
import org.opendispute.dispute.DisputeProcess.Messages;
import org.opendispute.dispute.MediatorAction;
import org.opendispute.dispute.OpeningRequest;
import org.opendispute.dispute.OpeningVariables;
import org.opendispute.dispute.Party;
import org.opendispute.dispute.Reason;
import org.opendispute.dispute.ResolutionType;
import org.opendispute.dispute.SellerAction;
import org.opendispute.dispute.TaskCommand;
import org.opendispute.order.Order;
import org.opendispute.order.OrderStore;

/**
 * Disputes between one buyer and one seller, brought in-process to the stage a test needs: each method
 * answers the new dispute's id, waiting at the user task its name says.
 */
public final class DisputeStages {

    private final OrderStore orders;
    private final OpeningVariables openingVariables;
    private final RuntimeService runtimeService;
    private final TaskService taskService;
    private final String buyer;
    private final String seller;

    public DisputeStages(OrderStore orders, OpeningVariables openingVariables, RuntimeService runtimeService,
                         TaskService taskService, String buyer, String seller) {
        this.orders = orders;
        this.openingVariables = openingVariables;
        this.runtimeService = runtimeService;
        this.taskService = taskService;
        this.buyer = buyer;
        this.seller = seller;
    }

    public Order order() {
        Order order = TestOrders.between(buyer, seller);
        orders.save(order);
        return order;
    }

    public ProcessInstance awaitingSeller(ResolutionType requested) {
        Order order = order();
        return runtimeService.startProcessInstanceByKey(org.opendispute.dispute.DisputeProcess.KEY, DisputeIds.next(),
                openingVariables.write(new OpeningRequest(order.orderId(), order.buyerId(), Reason.NOT_RECEIVED,
                        "Never arrived", List.of(), requested, null, List.of())));
    }

    public String awaitingSeller() {
        return awaitingSeller(ResolutionType.FULL_REFUND).getBusinessKey();
    }

    /** Reviewing the seller's proposal of a partial refund of 10.00. */
    public String negotiating() {
        String id = awaitingSeller();
        complete(id, TaskCommand.of(Fields.SELLER_ACTION, SellerAction.PROPOSE)
                .and(Fields.PROPOSAL_TYPE, ResolutionType.PARTIAL_REFUND).and(Fields.PROPOSAL_AMOUNT, new BigDecimal("10.00")));
        return id;
    }

    public String inMediation() {
        String id = negotiating();
        runtimeService.correlateMessage(Messages.BUYER_ESCALATES, id);
        return id;
    }

    public String awaitingInformationFromSeller() {
        String id = inMediation();
        complete(id, TaskCommand.of(Fields.MEDIATOR_ACTION, MediatorAction.REQUEST_INFORMATION)
                .and(Fields.INFORMATION_FROM, Party.SELLER).and(Fields.INFORMATION_QUESTION, "Proof of shipping?"));
        return id;
    }

    public String awaitingDecision() {
        String id = inMediation();
        complete(id, TaskCommand.of(Fields.MEDIATOR_ACTION, MediatorAction.ISSUE_PROPOSAL));
        return id;
    }

    public String awaitingReturn() {
        String id = awaitingSeller(ResolutionType.RETURN_AND_REFUND).getBusinessKey();
        complete(id, TaskCommand.of(Fields.SELLER_ACTION, SellerAction.ACCEPT));
        return id;
    }

    public String awaitingReturnReceipt() {
        String id = awaitingReturn();
        complete(id, TaskCommand.of(Fields.RETURN_CARRIER, "DHL").and(Fields.RETURN_TRACKING_NUMBER, "R-" + id));
        runtimeService.correlateMessage(Messages.RETURN_DELIVERED, id);
        return id;
    }

    public String awaitingReshipment() {
        String id = awaitingSeller(ResolutionType.RESHIPMENT).getBusinessKey();
        complete(id, TaskCommand.of(Fields.SELLER_ACTION, SellerAction.ACCEPT));
        return id;
    }

    /** Completes the dispute's one open task as the platform (no user), with the given submission. */
    public void complete(String disputeId, TaskCommand command) {
        taskService.complete(taskService.createTaskQuery().processInstanceBusinessKey(disputeId).singleResult().getId(),
                command.variables());
    }
}
