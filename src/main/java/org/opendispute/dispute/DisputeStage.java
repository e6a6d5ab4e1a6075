package org.opendispute.dispute;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
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
    private final Clock clock;

    public DisputeStage(DisputeStore disputes, Deadlines deadlines, DisputeHistory history, DisputePolicy policy,
                        Clock clock) {
        this.disputes = disputes;
        this.deadlines = deadlines;
        this.history = history;
        this.policy = policy;
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

    /** A wait on someone outside the dispute (the carrier): its deadline runs, and the API shows it. */
    public void waitStarted(DelegateExecution execution, String deadlineKey) {
        Deadline deadline = Deadline.named(deadlineKey);
        deadlines.add(execution.getProcessBusinessKey(), deadline, clock.instant().plus(policy.deadline(deadline)));
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
