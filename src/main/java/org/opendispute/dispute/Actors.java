package org.opendispute.dispute;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/** Who did it: the authenticated user of the request, else the task's assignee, for the history. */
@Component
public class Actors {

    private final IdentityService identityService;

    public Actors(IdentityService identityService) {
        this.identityService = identityService;
    }

    public String current() {
        Authentication authentication = identityService.getCurrentAuthentication();
        return authentication == null ? DisputeHistory.SYSTEM : authentication.getUserId();
    }

    public String of(DelegateTask task) {
        Authentication authentication = identityService.getCurrentAuthentication();
        if (authentication != null) {
            return authentication.getUserId();
        }
        return task.getAssignee() == null ? DisputeHistory.SYSTEM : task.getAssignee();
    }
}
