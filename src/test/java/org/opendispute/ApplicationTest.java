package org.opendispute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.impl.persistence.entity.PropertyEntity;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.repository.Resource;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opendispute.dispute.DisputeProcess;
import org.opendispute.dispute.Groups;
import org.opendispute.support.PostgresTest;
import org.opendispute.support.RowsRead;
import org.opendispute.support.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The whole application on PostgreSQL: what it deploys, and that nothing answers without logging in. */
@PostgresTest
class ApplicationTest {

    @Autowired RepositoryService repositoryService;
    @Autowired RuntimeService runtimeService;
    @Autowired ManagementService managementService;
    @Autowired ApplicationContext applicationContext;
    @Autowired IdentityService identityService;
    @Autowired TestRestTemplate http;
    @Autowired JdbcTemplate jdbc;
    @Autowired JdbcClient jdbcClient;
    @Autowired ProcessEngineConfigurationImpl engineConfiguration;
    @Autowired PlatformTransactionManager transactionManager;

    @Test
    void dueJobsLockedJobsSubtasksAndTheMessagesADisputeWaitsForAreFoundByIndexes() {
        assertThat(jdbc.queryForList("SELECT indexdef FROM pg_indexes WHERE tablename IN ('act_ru_job', 'act_ru_task', "
                + "'act_ru_event_subscr')", String.class))
                .anyMatch(index -> index.contains("act_idx_job_duedate ON public.act_ru_job") && index.contains("(duedate_)"))
                .anyMatch(index -> index.contains("act_idx_task_parent ON public.act_ru_task") && index.contains("(parent_task_id_)"))
                .anyMatch(index -> index.contains("act_idx_event_subscr_procinst ON public.act_ru_event_subscr")
                        && index.contains("(proc_inst_id_)"))
                // The acquisition's question which instances hold a locked exclusive job reads only those
                .anyMatch(index -> index.contains("act_idx_job_locked_exclusive ON public.act_ru_job")
                        && index.contains("(process_instance_id_) WHERE (exclusive_ AND (lock_owner_ IS NOT NULL))"));
    }

    @Test
    void everyJobHasADueDateSoThatTheExecutorTakesThemInTheOrderTheyFellDue() {
        assertThat(engineConfiguration.isJobExecutorAcquireByDueDate()).isTrue();
        Deployment deployment = repositoryService.createDeployment().name("job-due-date-probe")
                .addModelInstance("job-due-date-probe.bpmn", Bpmn.createExecutableProcess("JobDueDateProbe")
                        .camundaHistoryTimeToLive(1)
                        .startEvent().intermediateThrowEvent("Event_AsyncStep").camundaAsyncBefore().endEvent().done())
                .deploy();
        try {
            String instance = runtimeService.startProcessInstanceByKey("JobDueDateProbe").getId();
            Job asyncStep = managementService.createJobQuery().processInstanceId(instance).singleResult();
            assertThat(asyncStep.getDuedate()).as("an async step is due when it was written").isNotNull();

            // A job an earlier version wrote has none, and the executor would never take it: each start gives it one
            jdbc.update("UPDATE act_ru_job SET duedate_ = NULL WHERE id_ = ?", asyncStep.getId());
            applicationContext.getBean("jobsDueInOrder", ProcessEnginePlugin.class)
                    .postProcessEngineBuild(engineConfiguration.getProcessEngine());
            assertThat(managementService.createJobQuery().jobId(asyncStep.getId()).singleResult().getDuedate())
                    .isEqualTo(jdbc.queryForObject("SELECT create_time_ FROM act_ru_job WHERE id_ = ?",
                            Timestamp.class, asyncStep.getId()));
        } finally {
            repositoryService.deleteDeployment(deployment.getId(), true);
        }
    }

    /** Blank names (not the engine's defaults) reach the engine, so it copies nothing into the logging MDC. */
    @Test
    void theEngineCopiesNothingIntoTheLoggingContext() {
        assertThat(Arrays.asList(engineConfiguration.getLoggingContextActivityId(),
                engineConfiguration.getLoggingContextActivityName(),
                engineConfiguration.getLoggingContextApplicationName(),
                engineConfiguration.getLoggingContextBusinessKey(),
                engineConfiguration.getLoggingContextProcessDefinitionId(),
                engineConfiguration.getLoggingContextProcessDefinitionKey(),
                engineConfiguration.getLoggingContextProcessInstanceId(),
                engineConfiguration.getLoggingContextTenantId(),
                engineConfiguration.getLoggingContextEngineName()))
                .allSatisfy(name -> assertThat(name).isNullOrEmpty());
    }

    /**
     * Which groups hold any authorization is asked before each authorization check; every user has a row of its own
     * (its profile), so the question must read the groups' rows, not every user's.
     */
    @Test
    void whichGroupsHoldAuthorizationsIsAnsweredFromTheGroupsRowsNotEveryUsers() {
        int users = 5_000;
        new TransactionTemplate(transactionManager).executeWithoutResult(transaction -> {
            jdbc.update("""
                    INSERT INTO ACT_RU_AUTHORIZATION (ID_, REV_, TYPE_, USER_ID_, RESOURCE_TYPE_, RESOURCE_ID_, PERMS_)
                    SELECT 'auth-of-user-' || n, 1, 1, 'user-' || n, 1, 'user-' || n, 2147483647
                    FROM generate_series(1, ?) AS n""", users);
            jdbc.execute("ANALYZE ACT_RU_AUTHORIZATION");
            long before = RowsRead.ofTable(jdbcClient, "act_ru_authorization");
            List<String> groups = engineConfiguration.getCommandExecutorTxRequired()
                    .execute(context -> context.getDbEntityManager().<String>selectList("selectAuthorizedGroupIds"));
            long read = RowsRead.ofTable(jdbcClient, "act_ru_authorization") - before;

            assertThat(groups).containsExactlyInAnyOrderElementsOf(jdbc.queryForList(
                    "SELECT DISTINCT GROUP_ID_ FROM ACT_RU_AUTHORIZATION WHERE GROUP_ID_ IS NOT NULL", String.class))
                    .contains(Groups.MEDIATORS);
            assertThat(read).as("authorization rows read, beside %d of users", users).isLessThan(users / 10);
            transaction.setRollbackOnly();
        });
    }

    /**
     * A job that ran, with retries left, is deleted without asking for its incidents; one whose retries ran out still
     * has its incident closed when it gets retries again, and deleted with it.
     */
    @Test
    void onlyAJobWhoseRetriesRanOutIsAskedForItsIncident() {
        Deployment deployment = repositoryService.createDeployment().name("job-incident-probe")
                .addModelInstance("job-incident-probe.bpmn", Bpmn.createExecutableProcess("JobIncidentProbe")
                        .camundaHistoryTimeToLive(1)
                        .startEvent().intermediateThrowEvent("Event_AsyncStep").camundaAsyncBefore()
                        .userTask("Task_Wait").endEvent().done())
                .deploy();
        try {
            String ran = runtimeService.startProcessInstanceByKey("JobIncidentProbe").getId();
            long incidentScans = new TransactionTemplate(transactionManager).execute(transaction -> {
                long before = RowsRead.scansOfTable(jdbcClient, "act_ru_incident");
                managementService.executeJob(managementService.createJobQuery().processInstanceId(ran).singleResult().getId());
                return RowsRead.scansOfTable(jdbcClient, "act_ru_incident") - before;
            });
            assertThat(incidentScans).as("incident lookups for a job that ran").isZero();
            assertThat(runtimeService.getActiveActivityIds(ran)).as("the job ran").containsExactly("Task_Wait");

            String failed = runtimeService.startProcessInstanceByKey("JobIncidentProbe").getId();
            String job = managementService.createJobQuery().processInstanceId(failed).singleResult().getId();
            managementService.setJobRetries(job, 0);
            assertThat(runtimeService.createIncidentQuery().configuration(job).count()).isEqualTo(1);
            managementService.setJobRetries(job, 2);
            assertThat(runtimeService.createIncidentQuery().configuration(job).count()).as("resolved by new retries").isZero();
            managementService.setJobRetries(job, 0);
            runtimeService.deleteProcessInstance(failed, "probe");
            assertThat(runtimeService.createIncidentQuery().configuration(job).count()).as("deleted with its job").isZero();
        } finally {
            repositoryService.deleteDeployment(deployment.getId(), true);
        }
    }

    @Test
    void theEntityManagerStillRefusesTheReservedId() {
        CommandExecutor commands = engineConfiguration.getCommandExecutorTxRequired();
        assertThatThrownBy(() -> commands.execute(context -> {
            context.getDbEntityManager().insert(new PropertyEntity("*", "reserved"));
            return null;
        })).isInstanceOf(ProcessEngineException.class).hasMessageContaining("cannot be *");
    }

    @Test
    void diagramDecisionAndFormsAreDeployedTogether() {
        ProcessDefinition process = repositoryService.createProcessDefinitionQuery()
                .processDefinitionKey(DisputeProcess.KEY).latestVersion().singleResult();
        assertThat(process).isNotNull();
        assertThat(process.getHistoryTimeToLive()).isEqualTo(365);
        Deployment deployment = repositoryService.createDeploymentQuery().deploymentId(process.getDeploymentId())
                .singleResult();
        List<String> resources = repositoryService.getDeploymentResources(deployment.getId()).stream()
                .map(Resource::getName)
                .map(name -> name.substring(name.replace('\\', '/').lastIndexOf('/') + 1))
                .toList();
        assertThat(resources).contains("dispute-resolution.bpmn", "platform-proposal.dmn");
        assertThat(resources.stream().filter(name -> name.endsWith(".form"))).isNotEmpty();
        assertThat(repositoryService.createDecisionDefinitionQuery()
                .decisionDefinitionKey(DisputeProcess.DECISION_PLATFORM_PROPOSAL)
                .deploymentId(deployment.getId()).count()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/engine-rest/engine", "/engine-rest/task", "/engine-rest/process-definition",
            "/api/disputes", "/api/orders/ORD-1", "/actuator/health", "/actuator/info", "/actuator/prometheus", "/v3/api-docs",
            "/anything-else"})
    void nothingAnswersWithoutCredentials(String path) {
        assertThat(http.getForEntity(path, String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void wrongCredentialsAreRefused() {
        // Its own user: after a failed attempt Camunda delays that user's next logins (throttling).
        TestUsers.ensure(identityService, "apptestwrong", Groups.ADMINS);
        assertThat(http.withBasicAuth("apptestwrong", "wrong").getForEntity("/engine-rest/engine", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(http.withBasicAuth("apptestwrong", TestUsers.PASSWORD).getForEntity("/actuator/health", String.class)
                .getStatusCode()).as("still throttled right after a failure").isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void theEngineRestApiAnswersAuthenticatedCallers() {
        TestUsers.ensure(identityService, "apptestadmin", Groups.ADMINS);
        ResponseEntity<String> engines = http.withBasicAuth("apptestadmin", TestUsers.PASSWORD)
                .getForEntity("/engine-rest/engine", String.class);
        assertThat(engines.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(engines.getBody()).contains("default");
    }

    @Test
    void healthIsUpWithTheDatabaseAndTheEngine() {
        TestUsers.ensure(identityService, "apptestadmin", Groups.ADMINS);
        ResponseEntity<String> health = http.withBasicAuth("apptestadmin", TestUsers.PASSWORD)
                .getForEntity("/actuator/health", String.class);
        assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(health.getBody()).contains("\"status\":\"UP\"").contains("\"db\"").contains("\"processEngine\"");
    }

    @Test
    void theProbesAnswerTheirStatusWithoutCredentials() {
        for (String probe : new String[] {"/actuator/health/liveness", "/actuator/health/readiness"}) {
            ResponseEntity<String> answer = http.getForEntity(probe, String.class);
            assertThat(answer.getStatusCode()).as(probe).isEqualTo(HttpStatus.OK);
            assertThat(answer.getBody()).as(probe).isEqualTo("{\"status\":\"UP\"}");
        }
        assertThat(http.getForEntity("/actuator/health", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void probesShowComponentsToAdministratorsOnly() {
        TestUsers.ensure(identityService, "apptestadmin", Groups.ADMINS);
        TestUsers.ensure(identityService, "apptestbuyer", Groups.BUYERS);
        assertThat(http.withBasicAuth("apptestbuyer", TestUsers.PASSWORD)
                .getForEntity("/actuator/health/readiness", String.class).getBody()).isEqualTo("{\"status\":\"UP\"}");
        assertThat(http.withBasicAuth("apptestadmin", TestUsers.PASSWORD)
                .getForEntity("/actuator/health/readiness", String.class).getBody())
                .contains("\"db\"").contains("\"processEngine\"").contains("\"readinessState\"");
    }

    @Test
    void prometheusListsTheOperatorsMetricsForTheMetricsRoleOnly() {
        TestUsers.ensure(identityService, "apptestmetrics", Groups.METRICS);
        TestUsers.ensure(identityService, "apptestbuyer", Groups.BUYERS);
        assertThat(http.withBasicAuth("apptestbuyer", TestUsers.PASSWORD)
                .getForEntity("/actuator/prometheus", String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        http.withBasicAuth("apptestbuyer", TestUsers.PASSWORD).getForEntity("/api/disputes", String.class);

        ResponseEntity<String> scrape = http.withBasicAuth("apptestmetrics", TestUsers.PASSWORD)
                .getForEntity("/actuator/prometheus", String.class);
        assertThat(scrape.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(scrape.getBody()).contains(
                "disputes_disputes{status=\"RESOLVED\"}", "disputes_disputes{status=\"AWAITING_SELLER\"}",
                "disputes_refunds{state=\"SUCCEEDED\"}", "disputes_refunds{state=\"UNKNOWN\"}",
                "camunda_incidents_open ", "camunda_jobs_due ", "camunda_jobs_oldest_due_age_seconds ",
                "camunda_job_acquisition_attempts_total", "camunda_jobs_acquired_total",
                "camunda_jobs_acquisition_conflicts_total", "camunda_jobs_rejected_total",
                "camunda_jobs_succeeded_total", "camunda_jobs_failed_total",
                "disputes_events_backlog ", "disputes_events_oldest_undelivered_age_seconds ",
                "disputes_webhook_deliveries_total{result=\"delivered\"}",
                "disputes_webhook_deliveries_total{result=\"retrying\"}",
                "http_server_requests_seconds_count{");
    }

    @Test
    void aKilledNodesJobsAreFreeAfterTheConfiguredLockTime() {
        assertThat(engineConfiguration.getJobExecutor().getLockTimeInMillis()).as("disputes.jobs.lock-time, PT1M")
                .isEqualTo(60_000);
    }

    @Test
    void theTasklistLoginPageAnswers() {
        ResponseEntity<String> page = http.getForEntity("/camunda/app/tasklist/default/", String.class);
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(page.getBody()).containsIgnoringCase("tasklist");
    }
}
