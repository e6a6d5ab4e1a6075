package org.opendispute.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.opendispute.dispute.DisputeProcess.Fields.INFORMATION_FROM;
import static org.opendispute.dispute.DisputeProcess.Fields.INFORMATION_QUESTION;
import static org.opendispute.dispute.DisputeProcess.Fields.MEDIATOR_ACTION;
import static org.opendispute.dispute.DisputeProcess.Elements.RESHIP;
import static org.opendispute.dispute.DisputeProcess.Elements.ISSUE_REFUND;
import static org.opendispute.dispute.DisputeProcess.Elements.RESPOND_AS_SELLER;
import static org.opendispute.dispute.DisputeProcess.Fields.SELLER_ACTION;
import static org.opendispute.dispute.DisputeProcess.Elements.MEDIATE;
import static org.opendispute.dispute.DisputeProcess.Elements.SHIP_RETURN;

import java.util.Map;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.opendispute.dispute.DisputeProcess;
import org.opendispute.dispute.MediatorAction;
import org.opendispute.dispute.Party;
import org.opendispute.dispute.Reason;
import org.opendispute.dispute.ResolutionType;
import org.opendispute.dispute.SellerAction;
import org.opendispute.dispute.TaskCommand;

/** The buyer cancels at any stage before a resolution is applied. */
class CancellationLifecycleTest extends LifecycleScenario {

    @Test
    void theBuyerCancelsWhileTheSellerIsToAnswer() {
        ProcessInstance pi = open(Reason.NOT_RECEIVED, ResolutionType.FULL_REFUND, null);
        cancelAndCheck(pi);
    }

    @Test
    void theBuyerCancelsDuringReview() {
        ProcessInstance pi = open(Reason.NOT_RECEIVED, ResolutionType.FULL_REFUND, null);
        propose(pi, ResolutionType.PARTIAL_REFUND, "5.00");
        cancelAndCheck(pi);
    }

    @Test
    void theBuyerCancelsDuringMediation() {
        cancelAndCheck(escalatedToMediation());
    }

    @Test
    void theBuyerCancelsWhileInformationIsAwaited() {
        ProcessInstance pi = escalatedToMediation();
        complete(task(MEDIATE, pi), TaskCommand.of(MEDIATOR_ACTION, MediatorAction.REQUEST_INFORMATION).and(INFORMATION_FROM, Party.SELLER).and(INFORMATION_QUESTION, "Proof of shipping?").variables());
        cancelAndCheck(pi);
    }

    @Test
    void theBuyerCancelsInsteadOfDeciding() {
        ProcessInstance pi = escalatedToMediation();
        issuePlatformProposal(pi, Map.of());
        cancelAndCheck(pi);
    }

    @Test
    void theBuyerCancelsWhileTheReturnIsAwaitedForNothingWasAppliedYet() {
        ProcessInstance pi = returnAgreed();
        assertThat(pi).isWaitingAt(SHIP_RETURN);
        cancelAndCheck(pi);
    }

    @Test
    void theBuyerCancelsWhileTheReshipmentIsAwaited() {
        ProcessInstance pi = sellerAccepted(ResolutionType.RESHIPMENT);
        assertThat(pi).isWaitingAt(RESHIP);
        cancelAndCheck(pi);
    }

    @Test
    void noCancelOnceARefundIsBeingPaid() {
        ProcessInstance pi = sellerAccepted(ResolutionType.FULL_REFUND);
        assertThat(pi).isWaitingAt(ISSUE_REFUND);
        assertThat(runtimeService.createMessageCorrelation(DisputeProcess.Messages.BUYER_CANCELS)
                .processInstanceBusinessKey(pi.getBusinessKey()).correlateAllWithResult()).isEmpty();
        assertThat(pi).isWaitingAt(ISSUE_REFUND);
    }
}
