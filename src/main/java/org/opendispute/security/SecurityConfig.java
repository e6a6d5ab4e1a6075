package org.opendispute.security;

import org.camunda.bpm.engine.ProcessEngine;
import org.opendispute.dispute.Actors;
import org.opendispute.dispute.Groups;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.core.GrantedAuthorityDefaults;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Nothing answers without logging in but the webapps' login and the health probes' status. The webapps
 * under {@code /camunda} keep their own session login and CSRF protection; everything else, our API and
 * the engine's REST API included, authenticates with HTTP Basic against Camunda's identity store. Engine
 * REST calls run as that user inside the engine, so its authorizations apply (Camunda's own REST filter
 * would leave {@code GET /engine-rest/engine} open to anonymous callers); our API checks who may do what
 * itself, then acts through the engine's Java API.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, IdentityServiceAuthenticationProvider users,
                                            ProcessEngine engine, EngineTasks tasks, Actors actors,
                                            ObjectMapper json) throws Exception {
        return http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/", "/camunda/**", "/camunda-welcome", "/error").permitAll()
                        .requestMatchers("/actuator/health/liveness", "/actuator/health/readiness").permitAll()
                        .requestMatchers("/actuator/prometheus").hasAnyAuthority(Groups.METRICS, Groups.ADMINS)
                        .anyRequest().authenticated())
                .httpBasic(Customizer.withDefaults())
                .authenticationProvider(users)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // The webapps protect themselves with Camunda's CSRF filter; the REST APIs are stateless and
                // authenticated on every request.
                .csrf(csrf -> csrf.ignoringRequestMatchers("/camunda/**", "/engine-rest/**", "/api/**"))
                .addFilterBefore(new WebappSessionAuthenticationFilter(engine), BasicAuthenticationFilter.class)
                .addFilterAfter(new EngineRouteGuard(engine, tasks, actors, json), BasicAuthenticationFilter.class)
                .addFilterAfter(new EngineAuthenticationFilter(engine.getIdentityService()), BasicAuthenticationFilter.class)
                .build();
    }

    /**
     * Roles are the identity store's group ids as they are ({@code camunda-admin}, not {@code ROLE_camunda-admin}),
     * so that {@code management.endpoint.health.roles} names a group.
     */
    @Bean
    static GrantedAuthorityDefaults grantedAuthorityDefaults() {
        return new GrantedAuthorityDefaults("");
    }

    /**
     * No observation of each security filter: it wraps every filter of every request in a timer that nothing
     * reads, at a cost the benchmark sees (docs/performance.md).
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }
}
