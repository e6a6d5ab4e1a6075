package org.opendispute.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.opendispute.dispute.DisputeProcess.Fields.RESHIP_CARRIER;
import static org.opendispute.dispute.DisputeProcess.Fields.RESHIP_TRACKING_NUMBER;
import static org.opendispute.dispute.DisputeProcess.Fields.RETURN_CONDITION;
import static org.opendispute.dispute.DisputeProcess.Fields.SELLER_ACTION;
import static org.opendispute.dispute.DisputeProcess.Elements.CONFIRM_RETURN_RECEIPT;
import static org.opendispute.dispute.DisputeProcess.Elements.MEDIATE;
import static org.opendispute.dispute.DisputeProcess.Elements.RESHIP;
import static org.opendispute.dispute.DisputeProcess.Elements.RESHIPMENT_DELIVERED;
import static org.opendispute.dispute.DisputeProcess.Elements.RESHIPMENT_DELIVERY_DUE;
import static org.opendispute.dispute.DisputeProcess.Elements.RESHIPMENT_DUE;
import static org.opendispute.dispute.DisputeProcess.Elements.RESPOND_AS_SELLER;
import static org.opendispute.dispute.DisputeProcess.Elements.RETURN_DELIVERED;
import static org.opendispute.dispute.DisputeProcess.Elements.RETURN_RECEIPT_DUE;
import static org.opendispute.dispute.DisputeProcess.Elements.RETURN_SHIPMENT_DUE;
import static org.opendispute.dispute.DisputeProcess.Elements.SHIP_RETURN;

import java.time.Duration;
import java.util.Date;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.opendispute.dispute.Deadline;
import org.opendispute.dispute.DisputeProcess;
import org.junit.jupiter.api.Test;
import org.opendispute.dispute.DisputeStatus;
import org.opendispute.dispute.Outcome;
import org.opendispute.dispute.Reason;
import org.opendispute.dispute.ResolutionType;
import org.opendispute.dispute.ReturnCondition;
import org.opendispute.dispute.SellerAction;
import org.opendispute.dispute.TaskCommand;
import org.opendispute.order.TrackingEvent;
import org.opendispute.resolution.ShipmentTracking;
import org.opendispute.support.TestOrders;

/** The resolutions that wait on a parcel: a return for refund, a reshipment. */
class ReturnAndReshipmentLifecycleTest extends LifecycleScenario {

    @Test
    void aReturnConfirmedBySellerIsRefunded() {
        ProcessInstance pi = returnAgreed();
        Task ship = task(SHIP_RETURN, pi);
        assertThat(ship).isAssignedTo(order.buyerId());
        assertThat(ship.getDueDate()).isEqualTo(Date.from(NOW.plus(Duration.ofDays(10))));
        assertThat(status(pi)).isEqualTo(DisputeStatus.AWAITING_RETURN);

        shipReturn(pi, "RET-1");
        assertThat(pi).isWaitingAt(RETURN_DELIVERED);
        assertThat(deadlines.running(pi.getBusinessKey())).as("the carrier's, shown in the API")
                .containsOnlyKeys(Deadline.RETURN_DELIVERY.key())
                .containsValue(NOW.plus(Duration.ofDays(30)));
        returnDelivered(pi, "RET-1");

        assertThat(pi).isWaitingAt(CONFIRM_RETURN_RECEIPT);
        assertThat(task(CONFIRM_RETURN_RECEIPT, pi)).isAssignedTo(order.sellerId());
        assertThat(status(pi)).isEqualTo(DisputeStatus.AWAITING_RETURN_RECEIPT);
        complete(task(CONFIRM_RETURN_RECEIPT, pi), TaskCommand.of(RETURN_CONDITION, ReturnCondition.RECEIVED).variables());

        refundIssued(pi);
        assertResolved(pi, Outcome.FULL_REFUND);
        assertThat(refund(pi).amount()).isEqualTo(eur("63.00"));
    }

    @Test
    void aReturnShippedLateClosesForTheSeller() {
        ProcessInstance pi = returnAgreed();
        at(NOW.plus(Duration.ofDays(10)));
        execute(job(RETURN_SHIPMENT_DUE, pi));

        assertThat(pi).hasPassed("EndEvent_ReturnNotShipped", "Task_ApplySellerFavour");
        assertResolved(pi, Outcome.SELLER_FAVOUR);
        assertThat(refunds.ofDispute(pi.getBusinessKey())).isEmpty();
    }

    @Test
    void aSellerSilentAfterTheReturnIsDeliveredRefunds() {
        ProcessInstance pi = returnAgreed();
        shipReturn(pi, "RET-2");
        returnDelivered(pi, "RET-2");
        at(NOW.plus(Duration.ofDays(5)));
        execute(job(RETURN_RECEIPT_DUE, pi));

        refundIssued(pi);
        assertResolved(pi, Outcome.FULL_REFUND);
    }

    @Test
    void anEmptyPackageGoesBackToMediation() {
        ProcessInstance pi = returnAgreed();
        shipReturn(pi, "RET-3");
        returnDelivered(pi, "RET-3");
        complete(task(CONFIRM_RETURN_RECEIPT, pi), TaskCommand.of(RETURN_CONDITION, ReturnCondition.EMPTY_OR_DIFFERENT).variables());

        assertThat(pi).hasPassed("EndEvent_PackageDisputed").isWaitingAt(MEDIATE);
        assertThat(status(pi)).isEqualTo(DisputeStatus.IN_MEDIATION);
    }

    @Test
    void aReturnDeliveredBeforeItsTrackingNumberWasEnteredIsMatchedWhenItIs() {
        ProcessInstance pi = returnAgreed();
        TrackingEvent early = new TrackingEvent(order.orderId(), "DHL", "RET-EARLY", TrackingEvent.Kind.DELIVERED,
                "Delivered to the seller", NOW);
        orders.recordTrackingEvent(early);
        assertThat(shipmentTracking.onTrackingEvent(early)).as("no dispute waits for it yet").isEqualTo(ShipmentTracking.Delivered.NOTHING);

        shipReturn(pi, "RET-EARLY");

        assertThat(pi).hasPassed("Gateway_DeliveredAlready").hasNotPassed(RETURN_DELIVERED)
                .isWaitingAt(CONFIRM_RETURN_RECEIPT);
        assertThat(events(pi)).contains("RETURN_DELIVERED");
    }

    @Test
    void theParcelTheBuyerReceivedIsNoReturnEvenThoughTheCarrierDeliveredIt() {
        ProcessInstance pi = returnAgreed();
        orders.recordTrackingEvent(new TrackingEvent(order.orderId(), "DHL", order.trackingNumber(),
                TrackingEvent.Kind.DELIVERED, "Delivered to the buyer", NOW.minus(Duration.ofDays(3))));

        assertThatThrownBy(() -> shipReturn(pi, order.trackingNumber()))
                .hasMessageContaining("must be the return parcel's");
        assertThat(pi).isWaitingAt(SHIP_RETURN);
    }

    @Test
    void aReturnTheCarrierNeverDeliversGoesToMediationAtItsDeadline() {
        ProcessInstance pi = returnAgreed();
        shipReturn(pi, "RET-LOST");
        assertThat(pi).isWaitingAt(RETURN_DELIVERED);

        at(NOW.plus(Duration.ofDays(30)));
        execute(job(DisputeProcess.Elements.RETURN_DELIVERY_DUE, pi));

        assertThat(pi).hasPassed("EndEvent_ReturnNotDelivered").isWaitingAt(MEDIATE);
        assertThat(status(pi)).isEqualTo(DisputeStatus.IN_MEDIATION);
    }

    @Test
    void aDeliveryOfAnotherParcelDoesNotMoveTheReturn() {
        ProcessInstance pi = returnAgreed();
        shipReturn(pi, "RET-4");
        assertThat(shipmentTracking.onTrackingEvent(new TrackingEvent(order.orderId(), "DHL", "OTHER",
                TrackingEvent.Kind.DELIVERED, null, NOW))).isEqualTo(ShipmentTracking.Delivered.NOTHING);
        assertThat(pi).isWaitingAt(RETURN_DELIVERED);
    }

    // --- Reshipment ----------------------------------------------------------------------------------

    @Test
    void theSellerReships() {
        ProcessInstance pi = open(Reason.NOT_RECEIVED, ResolutionType.RESHIPMENT, null);
        complete(task(RESPOND_AS_SELLER, pi), TaskCommand.of(SELLER_ACTION, SellerAction.ACCEPT).variables());
        assertThat(pi).isWaitingAt(RESHIP);
        assertThat(status(pi)).isEqualTo(DisputeStatus.AWAITING_RESHIPMENT);

        assertThatThrownBy(() -> complete(task(RESHIP, pi), TaskCommand.of(RESHIP_CARRIER, "DHL")
                .and(RESHIP_TRACKING_NUMBER, order.trackingNumber()).variables()))
                .as("the original parcel's number").hasMessageContaining("must differ");
        reship(pi, "1Z999");
        assertThat(pi).isWaitingAt(RESHIPMENT_DELIVERED);
        assertThat(deadlines.running(pi.getBusinessKey())).as("the seller promised 30 days, the policy's limit")
                .containsOnlyKeys(Deadline.RESHIPMENT_DELIVERY.key())
                .containsValue(NOW.plus(Duration.ofDays(30)));

        assertThat(delivered("1Z999")).isEqualTo(ShipmentTracking.Delivered.RESHIPMENT);
        assertResolved(pi, Outcome.RESHIPPED);
        assertThat(events(pi)).contains("RESHIPPED", "RESHIPMENT_DELIVERED");
        assertThat(disputes.get(pi.getBusinessKey()).reshipTrackingNumber()).isEqualTo("1Z999");
        assertThat(refunds.ofDispute(pi.getBusinessKey())).isEmpty();
    }

    @Test
    void aReshipmentNotDeliveredWithinTheSellersPromisedTimeGoesBackToMediation() {
        order = TestOrders.from(order).promisedDeliveryDays(12).build();
        orders.save(order);
        ProcessInstance pi = reshipmentAgreed();
        reship(pi, "1Z-LOST");
        assertThat(delivered("OTHER-PARCEL")).isEqualTo(ShipmentTracking.Delivered.NOTHING);

        at(NOW.plus(Duration.ofDays(12)));
        execute(job(RESHIPMENT_DELIVERY_DUE, pi));

        assertThat(pi).hasPassed(RESHIPMENT_DELIVERY_DUE).isWaitingAt(MEDIATE);
        assertThat(status(pi)).isEqualTo(DisputeStatus.IN_MEDIATION);
        assertThat(events(pi)).contains("RESHIPMENT_NOT_DELIVERED");
    }

    @Test
    void aReshipmentsDeliveryNeverWaitsLongerThanThePolicySays() {
        // Beyond the schema's old limit of 60 days: the longest promise is configuration, checked by the API
        order = TestOrders.from(order).promisedDeliveryDays(75).build();
        orders.save(order);
        ProcessInstance pi = reshipmentAgreed();
        reship(pi, "1Z-SLOW");

        assertThat(deadlines.running(pi.getBusinessKey()).get(Deadline.RESHIPMENT_DELIVERY.key()))
                .isEqualTo(NOW.plus(Duration.ofDays(30)));
        assertThat(job(RESHIPMENT_DELIVERY_DUE, pi).getDuedate()).isEqualTo(Date.from(NOW.plus(Duration.ofDays(30))));
    }

    @Test
    void aReshipmentDeliveredBeforeItsTrackingNumberWasEnteredClosesTheDispute() {
        ProcessInstance pi = reshipmentAgreed();
        assertThat(delivered("1Z-FAST")).as("no dispute waits for it yet").isEqualTo(ShipmentTracking.Delivered.NOTHING);

        reship(pi, "1Z-FAST");

        assertThat(pi).hasNotPassed(RESHIPMENT_DELIVERED);
        assertResolved(pi, Outcome.RESHIPPED);
        assertThat(events(pi)).contains("RESHIPMENT_DELIVERED");
    }

    private ProcessInstance reshipmentAgreed() {
        ProcessInstance pi = open(Reason.NOT_RECEIVED, ResolutionType.RESHIPMENT, null);
        complete(task(RESPOND_AS_SELLER, pi), TaskCommand.of(SELLER_ACTION, SellerAction.ACCEPT).variables());
        assertThat(pi).isWaitingAt(RESHIP);
        return pi;
    }

    private void reship(ProcessInstance pi, String trackingNumber) {
        complete(task(RESHIP, pi), TaskCommand.of(RESHIP_CARRIER, "UPS").and(RESHIP_TRACKING_NUMBER, trackingNumber).variables());
    }

    private ShipmentTracking.Delivered delivered(String trackingNumber) {
        TrackingEvent event = new TrackingEvent(order.orderId(), "UPS", trackingNumber, TrackingEvent.Kind.DELIVERED,
                "Delivered to the buyer", NOW);
        orders.recordTrackingEvent(event);
        return shipmentTracking.onTrackingEvent(event);
    }

    @Test
    void aLateReshipmentBecomesAFullRefund() {
        ProcessInstance pi = open(Reason.NOT_RECEIVED, ResolutionType.RESHIPMENT, null);
        complete(task(RESPOND_AS_SELLER, pi), TaskCommand.of(SELLER_ACTION, SellerAction.ACCEPT).variables());
        at(NOW.plus(Duration.ofDays(5)));
        execute(job(RESHIPMENT_DUE, pi));

        assertThat(pi).hasPassed("Task_ConvertToFullRefund");
        refundIssued(pi);
        assertResolved(pi, Outcome.FULL_REFUND);
        assertThat(refund(pi).amount()).isEqualTo(eur("105.00"));
    }
}
