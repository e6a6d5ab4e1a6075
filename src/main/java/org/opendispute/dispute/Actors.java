package org.opendispute.dispute;

import java.util.Optional;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.opendispute.engine.EngineCaller;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Who is acting: the user the engine runs as (Tasklist, engine REST), else the user of our API's request;
 * neither when the platform acts itself (timers, jobs, its own start-up).
 */
@Component
public class Actors {

    private final EngineCaller engineCaller;

    public Actors(EngineCaller engineCaller) {
        this.engineCaller = engineCaller;
    }

    /** For the history: the acting user, else the platform. */
    public String current() {
        return authenticated().map(Actor::userId).orElse(DisputeHistory.SYSTEM);
    }

    /** For the history of a task: the acting user, else the task's assignee, else the platform. */
    public String of(DelegateTask task) {
        return authenticated().map(Actor::userId)
                .orElse(task.getAssignee() == null ? DisputeHistory.SYSTEM : task.getAssignee());
    }

    public Optional<Actor> authenticated() {
        Optional<EngineCaller.User> engineUser = engineCaller.current();
        if (engineUser.isPresent()) {
            return engineUser.map(user -> new Actor(user.userId(), Set.copyOf(user.groupIds())));
        }
        var apiUser = SecurityContextHolder.getContext().getAuthentication();
        if (apiUser == null || !apiUser.isAuthenticated() || apiUser.getName() == null) {
            return Optional.empty();
        }
        return Optional.of(new Actor(apiUser.getName(),
                Set.copyOf(apiUser.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList())));
    }

    /** A user and the groups of the identity store they belong to. */
    public record Actor(String userId, Set<String> groups) {
        public boolean in(String group) {
            return groups.contains(group);
        }
    }
}
