package org.opendispute.demo;

import static org.opendispute.dispute.DisputeProcess.Fields.INFORMATION_FROM;
import static org.opendispute.dispute.DisputeProcess.Fields.INFORMATION_QUESTION;
import static org.opendispute.dispute.DisputeProcess.Fields.MEDIATOR_ACTION;
import static org.opendispute.dispute.DisputeProcess.Fields.PROPOSAL_AMOUNT;
import static org.opendispute.dispute.DisputeProcess.Fields.PROPOSAL_TYPE;
import static org.opendispute.dispute.DisputeProcess.Fields.RETURN_CARRIER;
import static org.opendispute.dispute.DisputeProcess.Fields.RETURN_TRACKING_NUMBER;
import static org.opendispute.dispute.DisputeProcess.Fields.SELLER_ACTION;
import static org.opendispute.dispute.DisputeProcess.Fields.SELLER_REASON;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Currency;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.opendispute.dispute.Dispute;
import org.opendispute.engine.ClusterLock;
import org.opendispute.dispute.DisputeOpening;
import org.opendispute.dispute.DisputeProcess.Vars;
import org.opendispute.dispute.DisputeProcess;
import org.opendispute.dispute.DisputeStore;
import org.opendispute.dispute.DisputedLine;
import org.opendispute.dispute.MediatorAction;
import org.opendispute.dispute.OpeningRequest;
import org.opendispute.dispute.Party;
import org.opendispute.dispute.Reason;
import org.opendispute.dispute.ResolutionType;
import org.opendispute.dispute.SellerAction;
import org.opendispute.dispute.TaskCommand;
import org.opendispute.evidence.EvidenceStore;
import org.opendispute.order.OrderLine;
import org.opendispute.order.OrderStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo profile's disputes, one waiting at each user task, opened and moved on through the same code
 * as real ones (the opening service, task completion, message correlation). Created once.
 */
@Component
@Profile("demo")
class DemoDisputes {

    private static final Logger LOG = LoggerFactory.getLogger(DemoDisputes.class);
    /** A 1x1 PNG, as the photo the demo buyers attach. */
    private static final byte[] PHOTO = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    private final DisputeOpening opening;
    private final DisputeStore disputes;
    private final OrderStore orders;
    private final EvidenceStore evidence;
    private final TaskService taskService;
    private final RuntimeService runtimeService;
    private final Clock clock;
    private final ClusterLock clusterLock;

    DemoDisputes(DisputeOpening opening, DisputeStore disputes, OrderStore orders, EvidenceStore evidence,
                 TaskService taskService, RuntimeService runtimeService, Clock clock, ClusterLock clusterLock) {
        this.opening = opening;
        this.disputes = disputes;
        this.orders = orders;
        this.evidence = evidence;
        this.taskService = taskService;
        this.runtimeService = runtimeService;
        this.clock = clock;
        this.clusterLock = clusterLock;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(20) // after the demo users and orders
    void openDemoDisputes() {
        clusterLock.exclusively(ClusterLock.START_UP, this::openWhenMissing);
    }

    private void openWhenMissing() {
        if (!disputes.statusesOfOrder("ORD-2001").isEmpty()) {
            return;
        }
        Dispute awaitingSeller = open("ORD-2001", "buyer", Reason.NOT_RECEIVED, ResolutionType.FULL_REFUND, null,
                "Tracking has not moved for ten days.", "Smart watch", "129.00");

        Dispute negotiating = open("ORD-2002", "buyer", Reason.NOT_AS_DESCRIBED, ResolutionType.PARTIAL_REFUND, "20.00",
                "The colour is grey, the listing said navy blue.", "Wool scarf", "39.00");
        complete(negotiating, TaskCommand.of(SELLER_ACTION, SellerAction.PROPOSE)
                .and(PROPOSAL_TYPE, ResolutionType.PARTIAL_REFUND).and(PROPOSAL_AMOUNT, new BigDecimal("8.00"))
                .and(SELLER_REASON, "The photo was taken in daylight."));

        Dispute inMediation = open("ORD-2003", "buyer", Reason.DAMAGED, ResolutionType.FULL_REFUND, null,
                "The screen arrived cracked, photo attached.", "Tablet stand with display", "45.00");
        complete(inMediation, TaskCommand.of(SELLER_ACTION, SellerAction.REFUSE)
                .and(SELLER_REASON, "It left our warehouse intact."));
        runtimeService.correlateMessage(DisputeProcess.Messages.PARTY_MESSAGE_POSTED, inMediation.id(),
                Map.of(Vars.MESSAGE_AUTHOR, "seller", Vars.MESSAGE_BODY, "Close the dispute and I will pay you by PayPal."));
        runtimeService.correlateMessage(DisputeProcess.Messages.BUYER_ESCALATES, inMediation.id());

        Dispute awaitingInformation = open("ORD-2004", "buyer", Reason.MISSING_ITEMS, ResolutionType.PARTIAL_REFUND,
                "12.00", "Only two of the three cables were in the parcel.", "USB-C cable", "12.00");
        complete(awaitingInformation, TaskCommand.of(SELLER_ACTION, SellerAction.REFUSE)
                .and(SELLER_REASON, "We packed three."));
        runtimeService.correlateMessage(DisputeProcess.Messages.BUYER_ESCALATES, awaitingInformation.id());
        complete(awaitingInformation, TaskCommand.of(MEDIATOR_ACTION, MediatorAction.REQUEST_INFORMATION)
                .and(INFORMATION_FROM, Party.SELLER)
                .and(INFORMATION_QUESTION, "What was the packed weight of the parcel?"));

        Dispute awaitingDecision = open("ORD-2005", "buyer2", Reason.NOT_RECEIVED, ResolutionType.FULL_REFUND, null,
                "Never arrived.", "Hiking boots", "79.00");
        complete(awaitingDecision, TaskCommand.of(SELLER_ACTION, SellerAction.PROPOSE)
                .and(PROPOSAL_TYPE, ResolutionType.PARTIAL_REFUND).and(PROPOSAL_AMOUNT, new BigDecimal("40.00")));
        runtimeService.correlateMessage(DisputeProcess.Messages.BUYER_ESCALATES, awaitingDecision.id());
        complete(awaitingDecision, TaskCommand.of(MEDIATOR_ACTION, MediatorAction.ISSUE_PROPOSAL));

        Dispute awaitingReturn = open("ORD-2006", "buyer2", Reason.NOT_AS_DESCRIBED, ResolutionType.RETURN_AND_REFUND,
                null, "Size XL was ordered, size S arrived.", "Rain jacket", "120.00");
        complete(awaitingReturn, TaskCommand.of(SELLER_ACTION, SellerAction.ACCEPT));

        Dispute awaitingReceipt = open("ORD-2007", "buyer2", Reason.DAMAGED, ResolutionType.RETURN_AND_REFUND, null,
                "The lens is scratched.", "Camera lens", "210.00");
        complete(awaitingReceipt, TaskCommand.of(SELLER_ACTION, SellerAction.ACCEPT));
        complete(awaitingReceipt, TaskCommand.of(RETURN_CARRIER, "DHL").and(RETURN_TRACKING_NUMBER, "RET2007"));
        runtimeService.correlateMessage(DisputeProcess.Messages.RETURN_DELIVERED, awaitingReceipt.id());

        Dispute awaitingReshipment = open("ORD-2008", "buyer2", Reason.NOT_RECEIVED, ResolutionType.RESHIPMENT, null,
                "The parcel was returned to the sender.", "Board game", "35.00");
        complete(awaitingReshipment, TaskCommand.of(SELLER_ACTION, SellerAction.ACCEPT));

        LOG.info("Demo profile: disputes {} wait at every user task", List.of(awaitingSeller.id(), negotiating.id(),
                inMediation.id(), awaitingInformation.id(), awaitingDecision.id(), awaitingReturn.id(),
                awaitingReceipt.id(), awaitingReshipment.id()));
    }

    private Dispute open(String orderId, String buyer, Reason reason, ResolutionType type, String amount,
                         String description, String title, String price) {
        Instant now = clock.instant();
        orders.save(DemoData.order(orderId, buyer, Currency.getInstance("EUR"),
                List.of(new OrderLine(orderId.replace("ORD", "SKU"), title, 1, new BigDecimal(price))),
                now.minus(Duration.ofDays(12)), null));
        List<String> photos = reason.evidenceRequired()
                ? List.of(evidence.upload(buyer, null, "photo.png", PHOTO).id()) : List.of();
        // Missing items name the line that is missing; every other reason disputes the whole order
        List<DisputedLine> lines = reason == Reason.MISSING_ITEMS
                ? List.of(new DisputedLine(orderId.replace("ORD", "SKU"), 1)) : List.of();
        return opening.open(new OpeningRequest(orderId, buyer, reason, description, lines, type,
                amount == null ? null : new BigDecimal(amount), photos));
    }

    private void complete(Dispute dispute, TaskCommand command) {
        taskService.complete(taskService.createTaskQuery().processInstanceBusinessKey(dispute.id()).singleResult()
                .getId(), command.variables());
    }
}
