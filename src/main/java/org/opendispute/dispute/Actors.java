package org.opendispute.dispute;

import java.util.Optional;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Who did it, for the history: the user the engine runs as (Tasklist, engine REST), else the user of our
 * API's request, else the task's assignee, else the platform itself.
 */
@Component
public class Actors {

    private final IdentityService identityService;

    public Actors(IdentityService identityService) {
        this.identityService = identityService;
    }

    public String current() {
        return authenticatedUser().orElse(DisputeHistory.SYSTEM);
    }

    public String of(DelegateTask task) {
        return authenticatedUser().orElse(task.getAssignee() == null ? DisputeHistory.SYSTEM : task.getAssignee());
    }

    private Optional<String> authenticatedUser() {
        Authentication engineUser = identityService.getCurrentAuthentication();
        if (engineUser != null) {
            return Optional.of(engineUser.getUserId());
        }
        var apiUser = SecurityContextHolder.getContext().getAuthentication();
        return apiUser != null && apiUser.isAuthenticated() ? Optional.of(apiUser.getName()) : Optional.empty();
    }
}
