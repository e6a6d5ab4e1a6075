package org.opendispute.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.opendispute.dispute.DisputeProcess.Fields.SELLER_ACTION;
import static org.opendispute.dispute.DisputeProcess.Elements.ISSUE_REFUND;
import static org.opendispute.dispute.DisputeProcess.Elements.RESPOND_AS_SELLER;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendispute.dispute.DisputeHistory;
import org.opendispute.dispute.DisputeIds;
import org.opendispute.dispute.DisputeProcess;
import org.opendispute.dispute.DisputeStatus;
import org.opendispute.dispute.DisputeStore;
import org.opendispute.dispute.OpeningRequest;
import org.opendispute.dispute.OpeningVariables;
import org.opendispute.dispute.Reason;
import org.opendispute.dispute.ResolutionType;
import org.opendispute.dispute.SellerAction;
import org.opendispute.dispute.TaskCommand;
import org.opendispute.order.Order;
import org.opendispute.order.OrderStore;
import org.opendispute.support.PostgresTest;
import org.opendispute.support.TestOrders;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The engine's history of a dispute is removed by history cleanup its time to live (P365D in the diagram)
 * after the dispute ended, and not before; the dispute store keeps the dispute and its own history.
 */
@PostgresTest
class HistoryRetentionTest {

    static final Instant ENDED = Instant.parse("2026-04-01T09:00:00Z");

    @Autowired ProcessEngine engine;
    @Autowired ProcessEngineConfigurationImpl engineConfiguration;
    @Autowired RuntimeService runtimeService;
    @Autowired HistoryService historyService;
    @Autowired ManagementService managementService;
    @Autowired OrderStore orders;
    @Autowired OpeningVariables openingVariables;
    @Autowired DisputeStore disputes;
    @Autowired DisputeHistory history;

    @BeforeEach
    void setUp() {
        init(engine);
        ClockUtil.setCurrentTime(Date.from(ENDED));
    }

    @AfterEach
    void resetClockAndCleanupJob() {
        ClockUtil.reset();
        historyService.findHistoryCleanupJobs().forEach(job -> managementService.deleteJob(job.getId()));
    }

    @Test
    void engineHistoryIsCleanedUpItsTimeToLiveAfterTheDisputeEnded() {
        ProcessInstance pi = resolvedDispute();
        assertThat(historic(pi).getEndTime()).isEqualTo(Date.from(ENDED));
        // No removal time is written with the history: cleanup goes by the end time
        assertThat(historic(pi).getRemovalTime()).isNull();

        cleanUpHistoryAt(ENDED.plus(Duration.ofDays(364)));
        assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(pi.getId()).count()).isOne();

        cleanUpHistoryAt(ENDED.plus(Duration.ofDays(366)));
        assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(pi.getId()).count()).isZero();
        assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(pi.getId()).count()).isZero();
        assertThat(disputes.get(pi.getBusinessKey()).status()).isEqualTo(DisputeStatus.RESOLVED);
        assertThat(history.of(pi.getBusinessKey())).extracting(DisputeHistory.Entry::event)
                .contains("OPENED", "RESOLVED");
    }

    @Test
    void afterAFullBatchTheNextWaitsAsLongAsTheBatchTookInsteadOfRunningAtOnce() {
        int threshold = engineConfiguration.getHistoryCleanupBatchThreshold();
        for (int i = 0; i < threshold; i++) {
            resolvedDispute();
        }
        Date expiry = Date.from(ENDED.plus(Duration.ofDays(366)));
        ClockUtil.setCurrentTime(expiry);
        assertThat(historyService.createHistoricProcessInstanceQuery().finished().finishedBefore(Date.from(ENDED.plusSeconds(1)))
                .count()).as("a full batch is expired").isGreaterThanOrEqualTo(threshold);
        Job cleanup = historyService.cleanUpHistoryAsync(true);
        managementService.executeJob(cleanup.getId());

        // The engine alone would make it due at once; with nothing left it would wait 10 s at least
        Date next = managementService.createJobQuery().jobId(cleanup.getId()).singleResult().getDuedate();
        assertThat(next).isAfter(expiry).isBefore(Date.from(expiry.toInstant().plusSeconds(10)));
    }

    private ProcessInstance resolvedDispute() {
        Order order = TestOrders.shippedDaysAgo(ENDED, 12);
        orders.save(order);
        ProcessInstance pi = runtimeService.startProcessInstanceByKey(DisputeProcess.KEY, DisputeIds.next(),
                openingVariables.write(new OpeningRequest(order.orderId(), order.buyerId(), Reason.NOT_RECEIVED,
                        "Never arrived", List.of(), ResolutionType.FULL_REFUND, null, List.of())));
        complete(task(RESPOND_AS_SELLER, pi), TaskCommand.of(SELLER_ACTION, SellerAction.ACCEPT).variables());
        execute(job(ISSUE_REFUND, pi));
        assertThat(pi).isEnded();
        return pi;
    }

    /**
     * Runs history cleanup now, as the scheduled job would, until it finds nothing more to remove: each run
     * removes one batch, and the shared test database holds the history of other tests too.
     */
    private void cleanUpHistoryAt(Instant now) {
        ClockUtil.setCurrentTime(Date.from(now));
        for (int run = 0; run < 100; run++) {
            long before = historyService.createHistoricProcessInstanceQuery().count();
            Job cleanup = historyService.cleanUpHistoryAsync(true);
            managementService.executeJob(cleanup.getId());
            if (historyService.createHistoricProcessInstanceQuery().count() == before) {
                return;
            }
        }
    }

    private HistoricProcessInstance historic(ProcessInstance pi) {
        return historyService.createHistoricProcessInstanceQuery().processInstanceId(pi.getId()).singleResult();
    }
}
