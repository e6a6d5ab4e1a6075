package org.opendispute.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opendispute.dispute.DisputeProcess.Fields.BUYER_VERDICT;
import static org.opendispute.dispute.DisputeProcess.Fields.CHOICE;
import static org.opendispute.dispute.DisputeProcess.Fields.INFORMATION_ANSWER;
import static org.opendispute.dispute.DisputeProcess.Fields.INFORMATION_FROM;
import static org.opendispute.dispute.DisputeProcess.Fields.INFORMATION_QUESTION;
import static org.opendispute.dispute.DisputeProcess.Fields.MEDIATOR_ACTION;
import static org.opendispute.dispute.DisputeProcess.Fields.PROPOSAL_AMOUNT;
import static org.opendispute.dispute.DisputeProcess.Fields.PROPOSAL_TYPE;
import static org.opendispute.dispute.DisputeProcess.Fields.RESHIP_CARRIER;
import static org.opendispute.dispute.DisputeProcess.Fields.RESHIP_TRACKING_NUMBER;
import static org.opendispute.dispute.DisputeProcess.Fields.RETURN_CARRIER;
import static org.opendispute.dispute.DisputeProcess.Fields.RETURN_CONDITION;
import static org.opendispute.dispute.DisputeProcess.Fields.RETURN_TRACKING_NUMBER;
import static org.opendispute.dispute.DisputeProcess.Fields.SELLER_ACTION;
import static org.opendispute.dispute.DisputeProcess.Fields.SELLER_REASON;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.opendispute.dispute.BuyerVerdict;
import org.opendispute.dispute.Choice;
import org.opendispute.dispute.DisputeChanged;
import org.opendispute.dispute.DisputeHistory;
import org.opendispute.dispute.DisputeProcess;
import org.opendispute.dispute.HistoryEvent;
import org.opendispute.dispute.MediatorAction;
import org.opendispute.dispute.Party;
import org.opendispute.dispute.Reason;
import org.opendispute.dispute.ResolutionType;
import org.opendispute.dispute.ReturnCondition;
import org.opendispute.dispute.SellerAction;
import org.opendispute.dispute.TaskCommand;
import org.opendispute.events.EventTypes;
import org.opendispute.negotiation.ProposalStore;
import org.opendispute.order.TrackingEvent;
import org.opendispute.support.TestOrders;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A property over random lifecycles: whatever the parties, the mediator, the carrier and the clock do, and in
 * whatever order, every step of a dispute's timeline that integrators hear of has its event, in the same order,
 * the dispute's versions are gapless, no status is announced twice in a row, and the last event shows the status
 * the store has. Refused moves write nothing.
 */
class EveryChangeHasItsEventTest extends LifecycleScenario {

    private static final int WALKS = 30;
    private static final int MOST_MOVES = 40;

    @Autowired JdbcClient jdbc;
    @Autowired ObjectMapper json;
    @Autowired ProposalStore proposals;

    @Test
    void randomLifecyclesAnnounceEveryChangeWithGaplessVersions() throws Exception {
        for (int seed = 1; seed <= WALKS; seed++) {
            walk(new Random(seed), seed);
        }
    }

    private void walk(Random random, int seed) throws Exception {
        at(NOW);
        order = TestOrders.order().shippedDaysAgo(NOW, 12).buyer("walker" + seed + Long.toString(System.nanoTime(), 36)).build();
        orders.save(order);
        ProcessInstance pi = open(Reason.DAMAGED, ResolutionType.FULL_REFUND, null);
        String disputeId = pi.getBusinessKey();
        for (int move = 0; move < MOST_MOVES && !ended(pi); move++) {
            List<Move> moves = moves(pi, disputeId, random);
            if (moves.isEmpty()) {
                break;
            }
            Move chosen = moves.get(random.nextInt(moves.size()));
            try {
                chosen.run();
            } catch (ProcessEngineException refused) {
                // A move the process refuses (a proposal the rules do not allow) changes nothing; checked below
            }
        }
        check(disputeId, seed);
    }

    interface Move {
        void run() throws Exception;
    }

    private List<Move> moves(ProcessInstance pi, String disputeId, Random random) {
        List<Move> moves = new ArrayList<>();
        for (Task task : taskService.createTaskQuery().processInstanceId(pi.getId()).list()) {
            String id = task.getId();
            switch (task.getTaskDefinitionKey()) {
                case DisputeProcess.Elements.RESPOND_AS_SELLER, DisputeProcess.Elements.ANSWER_REJECTION -> {
                    moves.add(() -> complete(id, TaskCommand.of(SELLER_ACTION, SellerAction.ACCEPT)));
                    moves.add(() -> complete(id, TaskCommand.of(SELLER_ACTION, SellerAction.PROPOSE)
                            .and(PROPOSAL_TYPE, ResolutionType.PARTIAL_REFUND).and(PROPOSAL_AMOUNT, new BigDecimal("10.00"))));
                    moves.add(() -> complete(id, TaskCommand.of(SELLER_ACTION, SellerAction.PROPOSE)
                            .and(PROPOSAL_TYPE, random.nextBoolean() ? ResolutionType.RESHIPMENT : ResolutionType.RETURN_AND_REFUND)));
                    moves.add(() -> complete(id, TaskCommand.of(SELLER_ACTION, SellerAction.REFUSE).and(SELLER_REASON, "Packed well")));
                }
                case DisputeProcess.Elements.REVIEW_PROPOSAL -> {
                    if (proposals.open(disputeId, Party.SELLER).isPresent()) {
                        moves.add(() -> complete(id, TaskCommand.of(BUYER_VERDICT, BuyerVerdict.ACCEPT)));
                    }
                    moves.add(() -> complete(id, TaskCommand.of(BUYER_VERDICT, BuyerVerdict.REJECT)));
                }
                case DisputeProcess.Elements.MEDIATE -> {
                    moves.add(() -> complete(id, TaskCommand.of(MEDIATOR_ACTION, MediatorAction.ISSUE_PROPOSAL)));
                    moves.add(() -> complete(id, TaskCommand.of(MEDIATOR_ACTION, MediatorAction.REQUEST_INFORMATION)
                            .and(INFORMATION_FROM, random.nextBoolean() ? Party.BUYER : Party.SELLER)
                            .and(INFORMATION_QUESTION, "What happened?")));
                }
                case DisputeProcess.Elements.PROVIDE_INFORMATION ->
                        moves.add(() -> complete(id, TaskCommand.of(INFORMATION_ANSWER, "This happened.")));
                case DisputeProcess.Elements.CHOOSE_PROPOSAL -> {
                    moves.add(() -> complete(id, TaskCommand.of(CHOICE, Choice.PLATFORM)));
                    if (proposals.open(disputeId, Party.SELLER).isPresent()) {
                        moves.add(() -> complete(id, TaskCommand.of(CHOICE, Choice.SELLER)));
                    }
                }
                case DisputeProcess.Elements.SHIP_RETURN -> moves.add(() -> complete(id,
                        TaskCommand.of(RETURN_CARRIER, "DHL").and(RETURN_TRACKING_NUMBER, "RET-" + disputeId)));
                case DisputeProcess.Elements.CONFIRM_RETURN_RECEIPT -> {
                    moves.add(() -> complete(id, TaskCommand.of(RETURN_CONDITION, ReturnCondition.RECEIVED)));
                    moves.add(() -> complete(id, TaskCommand.of(RETURN_CONDITION, ReturnCondition.EMPTY_OR_DIFFERENT)));
                }
                case DisputeProcess.Elements.RESHIP -> moves.add(() -> complete(id,
                        TaskCommand.of(RESHIP_CARRIER, "UPS").and(RESHIP_TRACKING_NUMBER, "RSH-" + disputeId)));
                default -> throw new AssertionError("a task this walk does not know: " + task.getTaskDefinitionKey());
            }
        }
        var dispute = disputes.get(disputeId);
        if (dispute.returnTrackingNumber() != null) {
            moves.add(() -> delivered(dispute.returnTrackingNumber()));
        }
        if (dispute.reshipTrackingNumber() != null) {
            moves.add(() -> delivered(dispute.reshipTrackingNumber()));
        }
        if (subscribed(pi, DisputeProcess.Messages.BUYER_ESCALATES)) {
            moves.add(() -> escalate(pi));
        }
        if (subscribed(pi, DisputeProcess.Messages.BUYER_CANCELS) && random.nextInt(4) == 0) {
            moves.add(() -> runtimeService.createMessageCorrelation(DisputeProcess.Messages.BUYER_CANCELS)
                    .processInstanceBusinessKey(disputeId).correlate());
        }
        // Time passes: the next job falls due (a deadline, a reminder, the refund's asynchronous step)
        nextJob(pi).ifPresent(job -> {
            moves.add(() -> fire(job));
            moves.add(() -> fire(job));
        });
        return moves;
    }

    private void complete(String taskId, TaskCommand command) {
        taskService.complete(taskId, command.variables());
    }

    private void delivered(String trackingNumber) {
        TrackingEvent event = new TrackingEvent(order.orderId(), "DHL", trackingNumber, TrackingEvent.Kind.DELIVERED,
                null, org.camunda.bpm.engine.impl.util.ClockUtil.now().toInstant());
        orders.recordTrackingEvent(event);
        shipmentTracking.onTrackingEvent(event);
    }

    private void fire(Job job) {
        Date now = org.camunda.bpm.engine.impl.util.ClockUtil.now();
        if (job.getDuedate() != null && job.getDuedate().after(now)) {
            at(job.getDuedate().toInstant().plusMillis(1));
        }
        managementService.executeJob(job.getId());
    }

    private Optional<Job> nextJob(ProcessInstance pi) {
        return managementService.createJobQuery().processInstanceId(pi.getId()).orderByJobDuedate().asc().list()
                .stream().findFirst();
    }

    private boolean subscribed(ProcessInstance pi, String message) {
        return runtimeService.createEventSubscriptionQuery().processInstanceId(pi.getId()).eventName(message).count() > 0;
    }

    private boolean ended(ProcessInstance pi) {
        return runtimeService.createProcessInstanceQuery().processInstanceId(pi.getId()).count() == 0;
    }

    private void check(String disputeId, int seed) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (String body : jdbc.sql("SELECT body FROM disputes.dispute_event WHERE dispute_id = ? ORDER BY seq")
                .param(disputeId).query(String.class).list()) {
            events.add(json.readTree(body));
        }
        String walk = "walk " + seed + " (" + disputeId + ")";
        assertThat(events.stream().map(e -> e.get("disputeVersion").asInt()).toList()).as(walk + ": versions")
                .isEqualTo(IntStream.rangeClosed(1, events.size()).boxed().toList());

        List<String> announcedSteps = history.of(disputeId).stream()
                .map(DisputeHistory.Entry::event)
                .filter(step -> EventTypes.of(new DisputeChanged(disputeId, HistoryEvent.valueOf(step), null, null, null,
                        java.util.Map.of())).isPresent())
                .toList();
        List<String> stepsInEvents = events.stream().filter(e -> e.at("/data/step").isTextual())
                .map(e -> e.at("/data/step").asText()).toList();
        assertThat(stepsInEvents).as(walk + ": every announced step of the timeline, in order").isEqualTo(announcedSteps);

        List<String> statuses = events.stream().filter(e -> !e.at("/data/step").isTextual())
                .map(e -> e.at("/data/status").asText()).toList();
        for (int i = 1; i < statuses.size(); i++) {
            assertThat(statuses.get(i)).as(walk + ": a status announced twice in a row").isNotEqualTo(statuses.get(i - 1));
        }
        assertThat(events).as(walk).isNotEmpty();
        assertThat(events.get(events.size() - 1).at("/data/status").asText()).as(walk + ": the last event's status")
                .isEqualTo(disputes.get(disputeId).status().name());
        assertThat(events.stream().map(e -> e.get("type").asText()).filter(Objects::nonNull))
                .as(walk).allMatch(type -> EventTypes.all().contains(type));
    }
}
