package org.opendispute.security;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.ProcessEngine;
import org.opendispute.dispute.Actors;
import org.opendispute.dispute.Actors.Actor;
import org.opendispute.dispute.DisputeProcess;
import org.opendispute.dispute.Groups;
import org.opendispute.refund.RefundPayments;
import org.opendispute.web.CachedBodyRequest;
import org.opendispute.web.Problems;
import org.opendispute.web.Problems.FieldError;
import org.springframework.http.HttpStatus;
import org.springframework.util.StreamUtils;
import org.springframework.web.filter.OncePerRequestFilter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The engine's write routes, {@code /engine-rest} and Tasklist's {@code /camunda/api/engine}, allow only what
 * a user of OpenDispute has to do there (docs/adr/0001): read what the engine's authorizations let them read,
 * complete or submit a task's form with that form's fields only, start a dispute with the start form's
 * fields, claim the mediation queue's tasks for themselves, keep their own Tasklist filters, and, for
 * integrators, work the external tasks. Everything else (writing variables, reassigning, delegating,
 * identity links, messages, signals, modifications, job retries) is the administrators' alone and answers
 * {@code 403 engine-route-forbidden}; a submission naming other variables answers {@code 400 unknown-variable}.
 * The engine's own authorizations (assignees get {@code TASK_WORK}, not {@code UPDATE}) stay behind this.
 */
class EngineRouteGuard extends OncePerRequestFilter {

    private static final Pattern ENGINE_PATH =
            Pattern.compile("^(?:/engine-rest(?:/engine/[^/]+)?|/camunda/api/engine/engine/[^/]+)(/.*)$");
    private static final Pattern QUERY = Pattern.compile(
            "^/(?:task|task/count|filter/[^/]+/(?:list|count|singleResult)|process-instance|process-instance/count"
                    + "|variable-instance|variable-instance/count|external-task"
                    + "|history/(?:task|variable-instance|process-instance|activity-instance|detail|user-operation)(?:/count)?"
                    + "|external-task/count|process-definition|process-definition/count)$");
    private static final Pattern TASK_SUBMIT = Pattern.compile("^/task/([^/]+)/(?:complete|submit-form)$");
    private static final Pattern TASK_CLAIM = Pattern.compile("^/task/([^/]+)/(claim|unclaim)$");
    private static final Pattern TASK_COMMENT = Pattern.compile("^/task/[^/]+/comment/create$");
    private static final Pattern START = Pattern.compile(
            "^/process-definition/(?:key/([^/]+)|([^/]+))/(?:start|submit-form)$");
    private static final Pattern EXTERNAL_TASK = Pattern.compile(
            "^/external-task/(?:fetchAndLock|[^/]+/(?:complete|failure|bpmnError|extendLock|unlock))$");
    private static final Pattern EXTERNAL_TASK_OUTCOME = Pattern.compile("^/external-task/[^/]+/(complete|bpmnError)$");

    private final ProcessEngine engine;
    private final EngineTasks tasks;
    private final Actors actors;
    private final ObjectMapper json;

    EngineRouteGuard(ProcessEngine engine, EngineTasks tasks, Actors actors, ObjectMapper json) {
        this.engine = engine;
        this.tasks = tasks;
        this.actors = actors;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String method = request.getMethod();
        return "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method)
                || !ENGINE_PATH.matcher(request.getRequestURI()).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Actor> user = user(request);
        Matcher path = ENGINE_PATH.matcher(request.getRequestURI());
        if (user.isEmpty() || !path.matches() || user.get().in(Groups.ADMINS)) {
            chain.doFilter(request, response); // no login: the route itself answers 401; admins may do everything
            return;
        }
        String route = path.group(1);
        String method = request.getMethod();
        if ("POST".equals(method) && QUERY.matcher(route).matches()) {
            chain.doFilter(request, response);
            return;
        }
        if (route.startsWith("/filter/")) {
            chain.doFilter(request, response); // Tasklist filters: the engine's filter authorizations decide
            return;
        }
        if ("POST".equals(method)) {
            Matcher submit = TASK_SUBMIT.matcher(route);
            if (submit.matches()) {
                checkVariables(request, response, chain, tasks.ofTask(submit.group(1)), Set.of());
                return;
            }
            Matcher start = START.matcher(route);
            if (start.matches()) {
                Set<String> extra = user.get().in(Groups.INTEGRATORS) ? EngineTasks.ON_BEHALF_OF_A_BUYER : Set.of();
                checkVariables(request, response, chain, tasks.ofStart(start.group(2), start.group(1)), extra);
                return;
            }
            Matcher claim = TASK_CLAIM.matcher(route);
            if (claim.matches() && user.get().in(Groups.MEDIATORS)) {
                claimOrGiveBack(request, response, chain, claim.group(1), claim.group(2), user.get());
                return;
            }
            if (TASK_COMMENT.matcher(route).matches() && user.get().in(Groups.MEDIATORS)) {
                chain.doFilter(request, response);
                return;
            }
            if (EXTERNAL_TASK.matcher(route).matches() && user.get().in(Groups.INTEGRATORS)) {
                Matcher outcome = EXTERNAL_TASK_OUTCOME.matcher(route);
                if (outcome.matches()) {
                    checkRefundOutcome(request, response, chain, outcome.group(1));
                } else {
                    chain.doFilter(request, response);
                }
                return;
            }
        }
        Problems.write(response, json, HttpStatus.FORBIDDEN, "engine-route-forbidden",
                method + " " + route + " is not open to you: parties act through their tasks' forms or /api, "
                        + "and only administrators change a process by other means.", List.of());
    }

    /** Only the form's fields: anything else would become a process variable that a later step might read. */
    private void checkVariables(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
                                Optional<Set<String>> allowed, Set<String> extra) throws IOException, ServletException {
        if (allowed.isEmpty()) {
            notFound(response, "No such task or process.");
            return;
        }
        CachedBodyRequest cached = new CachedBodyRequest(request, StreamUtils.copyToByteArray(request.getInputStream()));
        List<FieldError> unknown = new ArrayList<>();
        JsonNode variables = body(cached).path("variables");
        variables.fieldNames().forEachRemaining(name -> {
            if (!allowed.get().contains(name) && !extra.contains(name)) {
                unknown.add(new FieldError("variables." + name, "unknown-variable",
                        name + " is not a field of this form."));
            }
        });
        if (!unknown.isEmpty()) {
            Problems.write(response, json, HttpStatus.BAD_REQUEST, "unknown-variable",
                    "Submit only the form's fields " + allowed.get() + ".", unknown);
            return;
        }
        chain.doFilter(cached, response);
    }

    /**
     * What the marketplace's payment service may tell about a refund it worked: a completion carries its reference
     * and nothing else, a refusal the error code {@code RefundFailed} and its message, no variables. Anything more
     * would become a process variable that a later step reads.
     */
    private void checkRefundOutcome(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
                                    String outcome) throws IOException, ServletException {
        CachedBodyRequest cached = new CachedBodyRequest(request, StreamUtils.copyToByteArray(request.getInputStream()));
        JsonNode body = body(cached);
        List<FieldError> errors = new ArrayList<>();
        if (body.path("localVariables").size() > 0) {
            errors.add(new FieldError("localVariables", "unknown-variable", "No local variables."));
        }
        JsonNode variables = body.path("variables");
        if ("complete".equals(outcome)) {
            variables.fieldNames().forEachRemaining(name -> {
                if (!RefundPayments.PROVIDER_REFERENCE.equals(name)) {
                    errors.add(new FieldError("variables." + name, "unknown-variable",
                            "A refund's completion carries " + RefundPayments.PROVIDER_REFERENCE + " only."));
                }
            });
            if (variables.path(RefundPayments.PROVIDER_REFERENCE).path("value").asText("").isBlank()) {
                errors.add(new FieldError("variables." + RefundPayments.PROVIDER_REFERENCE, "field-required",
                        "The provider's reference of the refund made."));
            }
        } else {
            if (variables.size() > 0) {
                errors.add(new FieldError("variables", "unknown-variable", "A refusal carries no variables."));
            }
            if (!DisputeProcess.Errors.REFUND_FAILED.equals(body.path("errorCode").asText())) {
                errors.add(new FieldError("errorCode", "invalid-value",
                        "A refund is refused with the error code " + DisputeProcess.Errors.REFUND_FAILED + "."));
            }
        }
        if (!errors.isEmpty()) {
            Problems.write(response, json, HttpStatus.BAD_REQUEST, errors.get(0).code(),
                    "Not an outcome of a refund the marketplace paid.", errors);
            return;
        }
        chain.doFilter(cached, response);
    }

    /** A mediator takes a task of the queue for themselves, or gives back one they hold; never for someone else. */
    private void claimOrGiveBack(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
                                 String taskId, String action, Actor user) throws IOException, ServletException {
        Optional<String> assignee = tasks.assignee(taskId);
        if (assignee.isEmpty()) {
            notFound(response, "Task " + taskId + " does not exist.");
            return;
        }
        if ("unclaim".equals(action)) {
            if (!assignee.get().isEmpty() && !assignee.get().equals(user.userId())) {
                Problems.write(response, json, HttpStatus.FORBIDDEN, "engine-route-forbidden",
                        "Only the mediator who holds the task gives it back.", List.of());
                return;
            }
            if (!assignee.get().isEmpty()) {
                tasks.giveBack(taskId);
            }
            response.setStatus(HttpStatus.NO_CONTENT.value());
            return;
        }
        if (!assignee.get().isEmpty() && !assignee.get().equals(user.userId())) {
            Problems.write(response, json, HttpStatus.CONFLICT, "task-already-claimed",
                    "Task " + taskId + " is held by someone else.", List.of());
            return;
        }
        CachedBodyRequest cached = new CachedBodyRequest(request, StreamUtils.copyToByteArray(request.getInputStream()));
        if (!user.userId().equals(body(cached).path("userId").asText(null))) {
            Problems.write(response, json, HttpStatus.FORBIDDEN, "engine-route-forbidden",
                    "A task of the queue is claimed by the mediator who will work it.",
                    List.of(new FieldError("userId", "not-yourself", "Claim the task for yourself.")));
            return;
        }
        chain.doFilter(cached, response);
    }

    private void notFound(HttpServletResponse response, String detail) throws IOException {
        Problems.write(response, json, HttpStatus.NOT_FOUND, "not-found", detail, List.of());
    }

    private JsonNode body(CachedBodyRequest request) {
        try {
            return request.body().length == 0 ? json.createObjectNode() : json.readTree(request.body());
        } catch (IOException e) {
            return json.createObjectNode(); // not JSON: the engine's REST API answers it with 400
        }
    }

    /** The caller: the webapps' session login on Tasklist's routes, else the request's user (HTTP Basic). */
    private Optional<Actor> user(HttpServletRequest request) {
        return request.getRequestURI().startsWith("/camunda/") ? WebappLogins.of(request, engine) : actors.authenticated();
    }
}
