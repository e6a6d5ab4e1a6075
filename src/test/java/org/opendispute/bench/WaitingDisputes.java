package org.opendispute.bench;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.opendispute.dispute.DisputeOpening;
import org.opendispute.dispute.OpeningRequest;
import org.opendispute.dispute.Reason;
import org.opendispute.dispute.ResolutionType;
import org.opendispute.order.Order;
import org.opendispute.order.OrderLine;
import org.opendispute.order.OrderStore;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Disputes opened through the opening service in-process (the HTTP path is the mix scenario's), each then
 * waiting for its seller's answer. Five disputes per buyer, under the abuse rules' limit.
 */
final class WaitingDisputes {

    private WaitingDisputes() {
    }

    /**
     * Disputes that stay open through a run, as a live system has them: opened while the job executor pauses,
     * their timers then postponed by a day, so that the mix runs against tables of that size.
     */
    static int openAndKeepWaiting(ConfigurableApplicationContext app, Connection db, String seller, int disputes,
                                  int clients) throws InterruptedException, SQLException {
        JobExecutor jobExecutor = ((ProcessEngineConfigurationImpl) app.getBean(ProcessEngine.class)
                .getProcessEngineConfiguration()).getJobExecutor();
        jobExecutor.shutdown();
        try {
            int opened = open(app, seller, disputes, clients);
            try (var statement = db.prepareStatement("""
                    UPDATE act_ru_job SET duedate_ = duedate_ + INTERVAL '1 day' WHERE process_instance_id_ IN
                    (SELECT process_instance_id FROM disputes.dispute WHERE seller_id = ?)""")) {
                statement.setString(1, seller);
                statement.executeUpdate();
            }
            // The move left a dead row for every job, which the job executor's acquisition would wade through
            // until autovacuum came by
            try (var vacuum = db.createStatement()) {
                vacuum.execute("VACUUM ANALYZE act_ru_job");
            }
            return opened;
        } finally {
            jobExecutor.start();
        }
    }

    static int open(ConfigurableApplicationContext app, String seller, int disputes, int clients)
            throws InterruptedException {
        OrderStore orders = app.getBean(OrderStore.class);
        DisputeOpening opening = app.getBean(DisputeOpening.class);
        Instant shipped = Instant.now().minus(Duration.ofDays(12));
        AtomicInteger opened = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int i = 0; i < disputes; i++) {
            int index = i;
            pool.submit(() -> {
                String buyer = seller + "b" + (index / 5);
                String orderId = seller + "-" + index;
                orders.save(new Order(orderId, buyer, seller, Currency.getInstance("EUR"),
                        List.of(new OrderLine("A", "A", 1, new BigDecimal("50.00"))), new BigDecimal("5.00"), "CARD",
                        "p" + index, null, null, "DHL", "T" + index, shipped.minus(Duration.ofDays(1)), shipped, 30,
                        null, false));
                opening.open(new OpeningRequest(orderId, buyer, Reason.NOT_RECEIVED, "Waiting on the seller",
                        List.of(), ResolutionType.FULL_REFUND, null, List.of()));
                int count = opened.incrementAndGet();
                if (count % 5000 == 0) {
                    System.err.printf("bench: %d disputes waiting on the seller%n", count);
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(2, TimeUnit.HOURS);
        return opened.get();
    }
}
