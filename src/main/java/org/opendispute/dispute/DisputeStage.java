package org.opendispute.dispute;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.opendispute.order.OrderStore;
import org.springframework.stereotype.Component;

/**
 * Keeps the store in step with where the process is, called from the diagram's listeners:
 * {@code ${disputeStage.taskOpened(task, 'AWAITING_SELLER', 'sellerResponse')}}. It mirrors the status,
 * records the running deadlines, and gives the task a due date and a name a queue can be read by.
 */
@Component("disputeStage")
public class DisputeStage {

    /** Tasklist sorts by priority: an overdue mediation goes to the top of the queue. */
    public static final int OVERDUE_PRIORITY = 90;

    private final DisputeStore disputes;
    private final Deadlines deadlines;
    private final DisputeHistory history;
    private final DisputePolicy policy;
    private final OrderStore orders;
    private final Clock clock;

    public DisputeStage(DisputeStore disputes, Deadlines deadlines, DisputeHistory history, DisputePolicy policy,
                        OrderStore orders, Clock clock) {
        this.disputes = disputes;
        this.deadlines = deadlines;
        this.history = history;
        this.policy = policy;
        this.orders = orders;
        this.clock = clock;
    }

    /**
     * A party's task opened: its status, and its own deadline, which starts now. No deadline: {@code null}
     * in the diagram. The expression language turns the diagram's status into the enum; the deadline is
     * named by its key. Both are checked when the diagram is deployed ({@link DiagramNames}).
     */
    public void taskOpened(DelegateTask task, DisputeStatus status, String deadlineKey) {
        String disputeId = opened(task, status);
        Deadline deadline = Deadline.named(deadlineKey);
        if (deadline != null) {
            Instant due = clock.instant().plus(policy.deadline(deadline));
            deadlines.add(disputeId, deadline, due);
            task.setDueDate(Date.from(due));
        }
        label(task, disputeId);
    }

    /** A task that works against the running deadline of its stage (the mediator's, the mediation's). */
    public void taskOpenedInStage(DelegateTask task, DisputeStatus status, String stageKey) {
        String disputeId = opened(task, status);
        deadlines.find(disputeId, Deadline.named(stageKey)).ifPresent(due -> task.setDueDate(Date.from(due)));
        label(task, disputeId);
    }

    /**
     * A wait on someone outside the dispute (the carrier): its deadline runs instead of the finished task's, and
     * the API shows it.
     */
    public void waitStarted(DelegateExecution execution, String deadlineKey) {
        String disputeId = execution.getProcessBusinessKey();
        Deadline deadline = Deadline.named(deadlineKey);
        deadlines.endAll(disputeId, Deadline.Kind.TASK);
        deadlines.add(disputeId, deadline, clock.instant().plus(duration(disputeId, deadline)));
    }

    /**
     * How long a deadline that depends on the dispute runs, for the diagram's timer:
     * {@code ${disputeStage.dueIn(execution, 'reshipmentDelivery')}}; an ISO-8601 duration.
     */
    public String dueIn(DelegateExecution execution, String deadlineKey) {
        return duration(execution.getProcessBusinessKey(), Deadline.named(deadlineKey)).toString();
    }

    /**
     * When the reminder of a task's own deadline fires, for the diagram's non-interrupting timer:
     * {@code disputes.policy.reminder-before} ahead of it, or halfway when the deadline is shorter than that.
     */
    public String remindIn(DelegateExecution execution, String deadlineKey) {
        Duration runs = duration(execution.getProcessBusinessKey(), Deadline.named(deadlineKey));
        Duration before = policy.reminderBefore();
        return (runs.compareTo(before) > 0 ? runs.minus(before) : runs.dividedBy(2)).toString();
    }

    /** When the reminder of a running stage deadline fires (the review of a proposal, before the negotiation's). */
    public Date remindAt(DelegateExecution execution, String stageKey) {
        Deadline stage = Deadline.named(stageKey);
        Instant now = clock.instant();
        Instant due = deadlines.find(execution.getProcessBusinessKey(), stage).orElse(now.plus(policy.deadline(stage)));
        Instant at = due.minus(policy.reminderBefore());
        // A deadline nearer than the reminder's lead: halfway to it, as for a short task deadline
        return Date.from(at.isAfter(now) ? at : now.plus(Duration.between(now, due).dividedBy(2)));
    }

    /**
     * Reminds the party whose deadline is near: a step of the timeline, and the event
     * {@code dispute.deadline_approaching} naming the party, the action and the deadline.
     */
    public void remind(DelegateExecution execution, String deadlineKey) {
        String disputeId = execution.getProcessBusinessKey();
        Deadline deadline = Deadline.named(deadlineKey);
        Dispute dispute = disputes.get(disputeId);
        String party = switch (deadline) {
            case SELLER_RESPONSE, RETURN_RECEIPT, RESHIPMENT -> Party.SELLER.name();
            case INFORMATION_REQUEST -> String.valueOf(dispute.informationFrom());
            default -> Party.BUYER.name();
        };
        String action = switch (deadline) {
            case SELLER_RESPONSE -> "respond";
            case NEGOTIATION -> "review_proposal";
            case INFORMATION_REQUEST -> "provide_information";
            case BUYER_DECISION -> "choose_proposal";
            case RETURN_SHIPMENT -> "ship_return";
            case RETURN_RECEIPT -> "confirm_return_receipt";
            case RESHIPMENT -> "reship";
            default -> deadline.key();
        };
        Instant due = deadlines.find(disputeId, deadline).orElse(null);
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("party", party);
        facts.put("action", action);
        facts.put("deadline", due == null ? null : due.toString());
        facts.put("deadlineName", deadline.key());
        history.record(disputeId, HistoryEvent.DEADLINE_APPROACHING, DisputeHistory.SYSTEM,
                party + ": " + action + " before " + due, facts);
    }

    /** The policy's duration; a reshipment's delivery within the seller's promised delivery time if shorter. */
    private Duration duration(String disputeId, Deadline deadline) {
        Duration configured = policy.deadline(deadline);
        if (deadline != Deadline.RESHIPMENT_DELIVERY) {
            return configured;
        }
        return orders.find(disputes.get(disputeId).orderId())
                .map(order -> Duration.ofDays(order.promisedDeliveryDays()))
                .filter(promised -> promised.compareTo(configured) < 0)
                .orElse(configured);
    }

    /** A stage (negotiation, mediation) began: its overall deadline runs until the stage ends. */
    public void stageStarted(DelegateExecution execution, String stageKey) {
        String disputeId = execution.getProcessBusinessKey();
        Deadline stage = Deadline.named(stageKey);
        deadlines.start(disputeId, stage, clock.instant().plus(policy.deadline(stage)));
        history.record(disputeId, HistoryEvent.started(stage), DisputeHistory.SYSTEM, null);
    }

    public void stageEnded(DelegateExecution execution, String stageKey) {
        deadlines.end(execution.getProcessBusinessKey(), Deadline.named(stageKey));
    }

    /** A status without a party's task (e.g. a refund on its way): no task deadline runs. */
    public void statusChanged(DelegateExecution execution, DisputeStatus status) {
        String disputeId = execution.getProcessBusinessKey();
        disputes.updateStatus(disputeId, status);
        deadlines.endAll(disputeId, Deadline.Kind.TASK);
    }

    /** The status the task stands for; the previous task's deadline no longer runs. */
    private String opened(DelegateTask task, DisputeStatus status) {
        String disputeId = task.getExecution().getProcessBusinessKey();
        disputes.updateStatus(disputeId, status);
        deadlines.endAll(disputeId, Deadline.Kind.TASK);
        return disputeId;
    }

    /** A name a queue can be read by, and an overdue mediation first in it. */
    private void label(DelegateTask task, String disputeId) {
        Dispute dispute = disputes.get(disputeId);
        task.setName(task.getName() + " · " + disputeId + " · " + dispute.reason());
        if (dispute.mediationOverdue() && DisputeProcess.Elements.MEDIATE.equals(task.getTaskDefinitionKey())) {
            task.setPriority(OVERDUE_PRIORITY);
        }
    }
}
