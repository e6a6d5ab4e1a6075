package org.opendispute.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.opendispute.OpenDisputeApplication;
import org.opendispute.dispute.Groups;
import org.opendispute.support.TestDatabase;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The production profile: everything from the environment, no demo users, no default admin password. */
class PostgresProfileTest {

    static final String URL = System.getenv().getOrDefault("DISPUTES_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String USER = System.getenv().getOrDefault("DISPUTES_TEST_DB_USER", "postgres");
    static final String PASSWORD = System.getenv().getOrDefault("DISPUTES_TEST_DB_PASSWORD", "");

    SpringApplicationBuilder postgresProfile(String... extra) {
        TestDatabase.prepare(URL, USER, PASSWORD);
        return new SpringApplicationBuilder(OpenDisputeApplication.class)
                .profiles("postgres")
                .properties("DISPUTES_DB_URL=" + URL, "DISPUTES_DB_USER=" + USER, "DISPUTES_DB_PASSWORD=" + PASSWORD,
                        "camunda.bpm.job-execution.enabled=false",
                        "server.port=0",
                        // A second application in the test JVM: its own engine and no webapps (their runtime is
                        // static), so that closing it leaves the shared test application intact.
                        "camunda.bpm.process-engine-name=postgresprofile", "camunda.bpm.webapp.enabled=false")
                .properties(extra);
    }

    @Test
    void startsWithTheFirstAdminAndNoDemoUser() {
        try (ConfigurableApplicationContext app = postgresProfile("DISPUTES_ADMIN_USER=opsadmin",
                "DISPUTES_ADMIN_PASSWORD=a-long-admin-secret").run()) {
            IdentityService identity = app.getBean(IdentityService.class);
            for (String demoUser : List.of("buyer", "buyer2", "seller", "mediator", "integrator")) {
                assertThat(identity.createUserQuery().userId(demoUser).count()).as(demoUser).isZero();
            }
            assertThat(identity.checkPassword("opsadmin", "a-long-admin-secret")).isTrue();
            assertThat(identity.createUserQuery().userId("opsadmin").memberOfGroup(Groups.ADMINS).count()).isEqualTo(1);
        }
    }

    @Test
    void schedulesHistoryCleanupInANightlyWindowThatOperatorsCanMove() {
        try (ConfigurableApplicationContext app = postgresProfile("DISPUTES_ADMIN_PASSWORD=a-long-admin-secret").run()) {
            ProcessEngineConfigurationImpl engine = (ProcessEngineConfigurationImpl) app.getBean(ProcessEngine.class)
                    .getProcessEngineConfiguration();
            assertThat(engine.getHistoryCleanupBatchWindowStartTime()).isEqualTo("01:00");
            assertThat(engine.getHistoryCleanupBatchWindowEndTime()).isEqualTo("05:00");
            HistoryService history = app.getBean(HistoryService.class);
            try {
                // The engine schedules the cleanup job at start-up for the window's next opening
                List<Job> cleanup = history.findHistoryCleanupJobs();
                assertThat(cleanup).isNotEmpty();
                LocalTime due = cleanup.get(0).getDuedate().toInstant().atZone(ZoneId.systemDefault()).toLocalTime();
                assertThat(due).isBetween(LocalTime.of(1, 0), LocalTime.of(5, 0));
            } finally {
                history.findHistoryCleanupJobs().forEach(job -> app.getBean(ManagementService.class).deleteJob(job.getId()));
            }
        }
        try (ConfigurableApplicationContext app = postgresProfile("DISPUTES_ADMIN_PASSWORD=a-long-admin-secret",
                "DISPUTES_HISTORY_CLEANUP_START=22:30", "DISPUTES_HISTORY_CLEANUP_END=23:45").run()) {
            ProcessEngineConfigurationImpl engine = (ProcessEngineConfigurationImpl) app.getBean(ProcessEngine.class)
                    .getProcessEngineConfiguration();
            assertThat(engine.getHistoryCleanupBatchWindowStartTime()).isEqualTo("22:30");
            assertThat(engine.getHistoryCleanupBatchWindowEndTime()).isEqualTo("23:45");
            app.getBean(HistoryService.class).findHistoryCleanupJobs()
                    .forEach(job -> app.getBean(ManagementService.class).deleteJob(job.getId()));
        }
    }

    @Test
    void refusesToStartWithoutTheAdminPassword() {
        assertThatThrownBy(() -> postgresProfile().run().close())
                .hasStackTraceContaining("DISPUTES_ADMIN_PASSWORD");
    }
}
