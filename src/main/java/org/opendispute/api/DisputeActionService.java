package org.opendispute.api;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.opendispute.dispute.Dispute;
import org.opendispute.dispute.DisputeOpening;
import org.opendispute.dispute.DisputeRejectedException;
import org.opendispute.dispute.DisputeStore;
import org.opendispute.dispute.InvalidSubmissionException;
import org.opendispute.dispute.OpeningRequest;
import org.opendispute.dispute.TaskCommand;
import org.opendispute.evidence.InvalidEvidenceException;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Carries out a caller's action on a dispute through the engine's Java API only: completes the matching
 * user task or correlates the matching message, in one transaction with the store, and answers what the
 * dispute looks like then from the same transaction (one commit per action, not two).
 */
@Service
class DisputeActionService {

    private final DisputeStore disputes;
    private final DisputeOpening opening;
    private final DisputeViews views;
    private final AllowedActions allowedActions;
    private final TaskService taskService;
    private final RuntimeService runtimeService;
    private final CurrentCaller currentCaller;
    private final IdempotencyOutcome outcome;
    private final TransactionTemplate transactions;

    /** How often an action meets a concurrent change of its process before the caller is told to retry. */
    static final int CONCURRENT_UPDATE_ATTEMPTS = 5;

    DisputeActionService(DisputeStore disputes, DisputeOpening opening, DisputeViews views,
                         AllowedActions allowedActions, TaskService taskService, RuntimeService runtimeService,
                         CurrentCaller currentCaller, IdempotencyOutcome outcome, TransactionTemplate transactions) {
        this.transactions = transactions;
        this.outcome = outcome;
        this.disputes = disputes;
        this.opening = opening;
        this.views = views;
        this.allowedActions = allowedActions;
        this.taskService = taskService;
        this.runtimeService = runtimeService;
        this.currentCaller = currentCaller;
    }

    /** Opens the dispute and answers it; a refusal commits what the rules record (see DisputeOpening). */
    @Transactional(noRollbackFor = DisputeRejectedException.class)
    DisputeResponse open(OpeningRequest request) {
        Dispute dispute;
        try {
            dispute = opening.open(request);
        } catch (ProcessEngineException e) {
            throw unwrap(e);
        }
        outcome.record(HttpStatus.CREATED.value(), dispute.id());
        return views.full(dispute, currentCaller.get());
    }

    /** The dispute, if the caller may see it; another party's dispute does not exist for them. */
    Dispute visible(String disputeId, Caller caller) {
        return disputes.find(disputeId)
                .filter(dispute -> caller.roleFor(dispute) != Role.NONE)
                .orElseThrow(() -> ApiException.notFound("Dispute " + disputeId));
    }

    /** The dispute, if the caller may see it and may ever take this action on it (else 404 or 403). */
    Dispute permitted(String disputeId, Action action, Caller caller) {
        Dispute dispute = visible(disputeId, caller);
        if (!action.permits(caller.roleFor(dispute))) {
            throw new ApiException(HttpStatus.FORBIDDEN, "forbidden",
                    "As " + caller.roleFor(dispute).name().toLowerCase() + " of this dispute you cannot " + describe(action) + ".");
        }
        return dispute;
    }

    /**
     * Takes the action in a transaction of its own. A timer of the same dispute that fired meanwhile (a reminder,
     * the mediation's overdue flag) changes the process instance under it; the engine then refuses the commit,
     * nothing of it stays, and the action is taken again on what the timer left: the caller never sees the race.
     */
    DisputeResponse perform(String disputeId, Action action, TaskCommand command) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.execute(status -> performOnce(disputeId, action, command));
            } catch (OptimisticLockingException e) {
                if (attempt == CONCURRENT_UPDATE_ATTEMPTS) {
                    throw e;
                }
                pauseBeforeAttempt(attempt + 1);
            }
        }
    }

    /**
     * A few random milliseconds, more with each attempt: the timers of one dispute fire in a burst (a reminder, then
     * its deadline), and an attempt taken at once meets the next of them.
     */
    private static void pauseBeforeAttempt(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(10L * attempt, 40L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private DisputeResponse performOnce(String disputeId, Action action, TaskCommand command) {
        Caller caller = currentCaller.get();
        Dispute dispute = permitted(disputeId, action, caller);
        try {
            if (action.completesTask()) {
                Task task = allowedActions.openTask(dispute, action, caller)
                        .orElseThrow(() -> notAllowedNow(dispute, caller, action));
                taskService.complete(task.getId(), submitted(command));
            } else {
                boolean possible = allowedActions.of(dispute, caller).stream().anyMatch(a -> a.action() == action);
                if (!possible) {
                    throw notAllowedNow(dispute, caller, action);
                }
                runtimeService.createMessageCorrelation(action.message())
                        .processInstanceBusinessKey(disputeId)
                        .setVariablesLocal(submitted(command))
                        .correlate();
            }
        } catch (ProcessEngineException e) {
            throw unwrap(e);
        }
        outcome.record(HttpStatus.OK.value(), disputeId);
        return views.full(disputes.get(disputeId), caller);
    }

    /**
     * What the caller submitted, as transient variables: the step's listener records it in the dispute store
     * and the gateways after it decide on it in the same transaction, so the engine need not store and
     * historise it as well (the dispute's history in the store keeps who did what).
     */
    private static VariableMap submitted(TaskCommand command) {
        VariableMap submitted = Variables.createVariables();
        command.variables().forEach((name, value) -> submitted.putValueTyped(name, Variables.untypedValue(value, true)));
        return submitted;
    }

    ApiException notAllowedNow(Dispute dispute, Caller caller, Action action) {
        List<AllowedAction> allowed = allowedActions.of(dispute, caller);
        return new ApiException(HttpStatus.CONFLICT, "action-not-allowed",
                "You cannot " + describe(action) + " now: the dispute is " + dispute.status() + ".", List.of(),
                Map.of("allowedActions", allowed));
    }

    /** A submission the process refused carries its own code and field; anything else is ours to fix. */
    private static RuntimeException unwrap(ProcessEngineException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof OptimisticLockingException concurrent) {
                return concurrent;
            }
            if (cause instanceof InvalidSubmissionException || cause instanceof InvalidEvidenceException
                    || cause instanceof DisputeRejectedException) {
                return (RuntimeException) cause;
            }
        }
        return e;
    }

    private static String describe(Action action) {
        return action.name().toLowerCase().replace('_', ' ');
    }
}
