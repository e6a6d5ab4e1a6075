package org.opendispute.engine;

import java.time.Duration;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The job executor's lock time from {@code disputes.jobs.lock-time} ({@code DISPUTES_JOB_LOCK_TIME}, an ISO-8601
 * duration, default one minute instead of the engine's five): the jobs a killed node had taken run on another node
 * once it ran out. A job that outlives its lock runs twice, so every job must end well within it; the payment
 * provider's timeouts are checked against it where they are configured.
 */
@Component
class EngineJobLock extends AbstractProcessEnginePlugin {

    private final Duration lockTime;

    EngineJobLock(@Value("${disputes.jobs.lock-time:PT1M}") Duration lockTime) {
        if (lockTime.compareTo(Duration.ofSeconds(10)) < 0) {
            throw new IllegalStateException("disputes.jobs.lock-time must be at least PT10S, not " + lockTime);
        }
        this.lockTime = lockTime;
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getJobExecutor() != null) {
            configuration.getJobExecutor().setLockTimeInMillis(Math.toIntExact(lockTime.toMillis()));
        }
    }
}
