package org.opendispute.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.opendispute.dispute.DisputeProcess.Elements.ANSWER_REJECTION;
import static org.opendispute.dispute.DisputeProcess.Elements.CHOOSE_PROPOSAL;
import static org.opendispute.dispute.DisputeProcess.Elements.CONFIRM_RETURN_RECEIPT;
import static org.opendispute.dispute.DisputeProcess.Elements.MEDIATE;
import static org.opendispute.dispute.DisputeProcess.Elements.PROVIDE_INFORMATION;
import static org.opendispute.dispute.DisputeProcess.Elements.RESHIP;
import static org.opendispute.dispute.DisputeProcess.Elements.RESPOND_AS_SELLER;
import static org.opendispute.dispute.DisputeProcess.Elements.REVIEW_PROPOSAL;
import static org.opendispute.dispute.DisputeProcess.Elements.SHIP_RETURN;
import static org.opendispute.dispute.DisputeProcess.Fields.BUYER_VERDICT;
import static org.opendispute.dispute.DisputeProcess.Fields.INFORMATION_FROM;
import static org.opendispute.dispute.DisputeProcess.Fields.INFORMATION_QUESTION;
import static org.opendispute.dispute.DisputeProcess.Fields.MEDIATOR_ACTION;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.opendispute.dispute.BuyerVerdict;
import org.opendispute.dispute.Party;
import org.opendispute.dispute.MediatorAction;
import org.opendispute.dispute.ResolutionType;
import org.opendispute.dispute.TaskCommand;
import org.opendispute.events.EventFeed;
import org.opendispute.events.EventTypes;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A day before each party's deadline ({@code disputes.policy.reminder-before}) the party is reminded: the timeline
 * records it, {@code dispute.deadline_approaching} names the party, the action and the deadline, and the party's
 * task stays where it was.
 */
class RemindersLifecycleTest extends LifecycleScenario {

    @Autowired EventFeed feed;
    @Autowired ObjectMapper json;

    @Test
    void theSellerIsRemindedADayBeforeTheResponseIsDue() throws Exception {
        ProcessInstance pi = open(org.opendispute.dispute.Reason.NOT_RECEIVED, ResolutionType.FULL_REFUND, null);
        remindedAt(pi, "Timer_RemindSellerResponse", RESPOND_AS_SELLER, Duration.ofDays(4), "SELLER", "respond",
                NOW.plus(Duration.ofDays(5)));
    }

    @Test
    void theSellerIsRemindedInALaterRoundAndTheBuyerBeforeTheNegotiationEnds() throws Exception {
        ProcessInstance pi = open(org.opendispute.dispute.Reason.NOT_RECEIVED, ResolutionType.FULL_REFUND, null);
        propose(pi, ResolutionType.PARTIAL_REFUND, "10.00");
        remindedAt(pi, "Timer_RemindProposalReview", REVIEW_PROPOSAL, Duration.ofDays(14), "BUYER", "review_proposal",
                NOW.plus(Duration.ofDays(15)));

        complete(task(REVIEW_PROPOSAL, pi), TaskCommand.of(BUYER_VERDICT, BuyerVerdict.REJECT).variables());
        Instant rejectedAt = NOW.plus(Duration.ofDays(14));
        remindedAt(pi, "Timer_RemindRejectionAnswer", ANSWER_REJECTION, Duration.ofDays(14 + 4), "SELLER", "respond",
                rejectedAt.plus(Duration.ofDays(5)));
    }

    @Test
    void thePartyAskedForInformationIsReminded() throws Exception {
        ProcessInstance pi = escalatedToMediation();
        complete(task(MEDIATE, pi), TaskCommand.of(MEDIATOR_ACTION, MediatorAction.REQUEST_INFORMATION)
                .and(INFORMATION_FROM, Party.SELLER).and(INFORMATION_QUESTION, "Which carrier?").variables());
        remindedAt(pi, "Timer_RemindInformation", PROVIDE_INFORMATION, Duration.ofDays(2), "SELLER",
                "provide_information", NOW.plus(Duration.ofDays(3)));
    }

    @Test
    void theBuyerIsRemindedToChooseAProposal() throws Exception {
        ProcessInstance pi = escalatedToMediation();
        issuePlatformProposal(pi, java.util.Map.of());
        remindedAt(pi, "Timer_RemindBuyerDecision", CHOOSE_PROPOSAL, Duration.ofDays(4), "BUYER", "choose_proposal",
                NOW.plus(Duration.ofDays(5)));
    }

    @Test
    void theBuyerIsRemindedToShipTheReturnAndTheSellerToConfirmIt() throws Exception {
        ProcessInstance pi = returnAgreed();
        remindedAt(pi, "Timer_RemindReturnShipment", SHIP_RETURN, Duration.ofDays(9), "BUYER", "ship_return",
                NOW.plus(Duration.ofDays(10)));
        shipReturn(pi, "RET-REMIND");
        returnDelivered(pi, "RET-REMIND");
        Instant deliveredAt = NOW.plus(Duration.ofDays(9));
        remindedAt(pi, "Timer_RemindReturnReceipt", CONFIRM_RETURN_RECEIPT, Duration.ofDays(9 + 4), "SELLER",
                "confirm_return_receipt", deliveredAt.plus(Duration.ofDays(5)));
    }

    @Test
    void theSellerIsRemindedToReship() throws Exception {
        ProcessInstance pi = sellerAccepted(ResolutionType.RESHIPMENT);
        remindedAt(pi, "Timer_RemindReshipment", RESHIP, Duration.ofDays(4), "SELLER", "reship",
                NOW.plus(Duration.ofDays(5)));
    }

    /** Moves the clock to the reminder, fires it, and checks what it said and that nothing else moved. */
    private void remindedAt(ProcessInstance pi, String reminder, String task, Duration sinceNow, String party,
                            String action, Instant deadline) throws Exception {
        assertThat(job(reminder, pi).getDuedate().toInstant()).isEqualTo(NOW.plus(sinceNow));
        at(NOW.plus(sinceNow));
        execute(job(reminder, pi));

        assertThat(pi).hasPassed(reminder).isWaitingAt(task);
        assertThat(events(pi)).contains("DEADLINE_APPROACHING");
        List<JsonNode> reminders = new java.util.ArrayList<>();
        for (String item : feed.after(null, List.of("dispute.deadline_approaching"), 1000).items()) {
            JsonNode event = json.readTree(item);
            if (event.get("disputeId").asText().equals(pi.getBusinessKey())) {
                reminders.add(event);
            }
        }
        JsonNode last = reminders.get(reminders.size() - 1);
        assertThat(last.get("type").asText()).isEqualTo("dispute.deadline_approaching");
        assertThat(last.at("/data/party").asText()).isEqualTo(party);
        assertThat(last.at("/data/action").asText()).isEqualTo(action);
        assertThat(Instant.parse(last.at("/data/deadline").asText())).isEqualTo(deadline);
        assertThat(EventTypes.all()).contains("dispute.deadline_approaching");
    }
}
