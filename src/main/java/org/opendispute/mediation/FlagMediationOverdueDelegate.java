package org.opendispute.mediation;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.opendispute.dispute.DisputeHistory;
import org.opendispute.dispute.DisputeProcess;
import org.opendispute.dispute.DisputeStage;
import org.opendispute.dispute.DisputeStore;
import org.opendispute.dispute.HistoryEvent;
import org.springframework.stereotype.Component;

/** Mediation is taking too long: flag it and move the task to the top of the mediators' queue. It stays open. */
@Component("flagMediationOverdueDelegate")
class FlagMediationOverdueDelegate implements JavaDelegate {

    private final DisputeStore disputes;
    private final DisputeHistory history;
    private final TaskService taskService;

    FlagMediationOverdueDelegate(DisputeStore disputes, DisputeHistory history, TaskService taskService) {
        this.disputes = disputes;
        this.history = history;
        this.taskService = taskService;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String disputeId = execution.getProcessBusinessKey();
        disputes.markMediationOverdue(disputeId);
        taskService.createTaskQuery()
                .processInstanceId(execution.getProcessInstanceId())
                .taskDefinitionKey(DisputeProcess.Elements.MEDIATE)
                .list()
                .forEach(task -> taskService.setPriority(task.getId(), DisputeStage.OVERDUE_PRIORITY));
        history.record(disputeId, HistoryEvent.MEDIATION_OVERDUE, DisputeHistory.SYSTEM, null);
    }
}
