package org.opendispute.security;

import java.util.Optional;
import java.util.Set;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.opendispute.dispute.Actors.Actor;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/** The user logged into the webapps (Tasklist, Cockpit) in this request's session, with their groups. */
final class WebappLogins {

    private WebappLogins() {
    }

    static Optional<Actor> of(HttpServletRequest request, ProcessEngine engine) {
        HttpSession session = request.getSession(false);
        Authentications logins = session == null ? null : AuthenticationUtil.getAuthsFromSession(session);
        return logins != null && logins.getAuthenticationForProcessEngine(engine.getName()) instanceof UserAuthentication user
                ? Optional.of(new Actor(user.getIdentityId(), Set.copyOf(user.getGroupIds())))
                : Optional.empty();
    }
}
