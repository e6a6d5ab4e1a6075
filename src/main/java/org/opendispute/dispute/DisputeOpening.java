package org.opendispute.dispute;

import java.util.Arrays;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstanceWithVariables;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opens a dispute by starting its process: the process's first step applies the rules, so a dispute
 * opened here and one started through the engine's REST API are held to the same ones.
 */
@Service
public class DisputeOpening {

    private final RuntimeService runtimeService;
    private final OpeningVariables openingVariables;
    private final DisputeStore disputes;
    private final DisputePolicy policy;

    public DisputeOpening(RuntimeService runtimeService, OpeningVariables openingVariables, DisputeStore disputes,
                          DisputePolicy policy) {
        this.policy = policy;
        this.runtimeService = runtimeService;
        this.openingVariables = openingVariables;
        this.disputes = disputes;
    }

    /**
     * Answers the new dispute, or throws {@link DisputeRejectedException}. A refusal still commits what
     * the rules record (an account marked for review, the ended process instance in the engine's history).
     */
    @Transactional(noRollbackFor = DisputeRejectedException.class)
    public Dispute open(OpeningRequest request) {
        String disputeId = DisputeIds.next();
        ProcessInstanceWithVariables instance = runtimeService.createProcessInstanceByKey(DisputeProcess.KEY)
                .businessKey(disputeId)
                .setVariables(openingVariables.handOver(request))
                .executeWithVariablesInReturn();
        // The eligibility check registers the dispute in the store, or records why it did not
        return disputes.find(disputeId).orElseThrow(() -> {
            String code = String.valueOf(instance.getVariables().get(DisputeProcess.Vars.REJECTION_CODE));
            return new DisputeRejectedException(code, messageOf(code));
        });
    }

    private String messageOf(String code) {
        return Arrays.stream(RejectionCode.values())
                .filter(rejection -> rejection.code().equals(code))
                .map(rejection -> rejection.message(policy))
                .findFirst()
                .orElse("The dispute request is incomplete or malformed.");
    }
}
