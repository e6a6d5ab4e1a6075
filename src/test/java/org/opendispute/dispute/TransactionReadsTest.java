package org.opendispute.dispute;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendispute.order.OrderStore;
import org.opendispute.support.ApiClient;
import org.opendispute.support.PostgresTest;
import org.opendispute.support.TestOrders;
import org.opendispute.support.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A transaction reads a dispute once until the store changes it (ADR 0020): what it changed it reads back, what it
 * did not change it is not asked again for, and nothing it read outlives it or reaches a transaction of its own.
 */
@PostgresTest
class TransactionReadsTest {

    @Autowired TestRestTemplate http;
    @Autowired IdentityService identityService;
    @Autowired OrderStore orders;
    @Autowired DisputeStore disputes;
    @Autowired JdbcClient jdbc;
    @Autowired PlatformTransactionManager transactionManager;

    TransactionTemplate transaction;
    TransactionTemplate newTransaction;
    String disputeId;

    @BeforeEach
    void openDispute() {
        transaction = new TransactionTemplate(transactionManager);
        newTransaction = new TransactionTemplate(transactionManager);
        newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        String buyer = TestUsers.ensure(identityService, "trbuyer" + UUID.randomUUID().toString().substring(0, 8),
                Groups.BUYERS);
        var order = TestOrders.between(buyer, TestUsers.ensure(identityService, "trseller", Groups.SELLERS));
        orders.save(order);
        var opened = new ApiClient(http).exchange(buyer, HttpMethod.POST, "/api/disputes", Map.of(
                "orderId", order.orderId(), "reason", "NOT_RECEIVED", "description", "Never arrived",
                "requestedResolution", Map.of("type", "FULL_REFUND")), Map.of());
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        disputeId = opened.text("id");
    }

    @Test
    void aDisputeReadTwiceInOneTransactionIsAskedForOnceAndAChangeThroughTheStoreIsReadBack() {
        transaction.executeWithoutResult(status -> {
            assertThat(disputes.get(disputeId).informationFrom()).isNull();
            // Written past the store: the transaction's second read does not ask the database again
            jdbc.sql("UPDATE disputes.dispute SET information_from = 'BUYER' WHERE dispute_id = ?")
                    .param(disputeId).update();
            assertThat(disputes.get(disputeId).informationFrom()).isNull();

            disputes.recordInformationRequest(disputeId, "SELLER");
            assertThat(disputes.get(disputeId).informationFrom()).isEqualTo("SELLER");
            status.setRollbackOnly();
        });
        // Nothing read in a transaction outlives it
        assertThat(disputes.get(disputeId).informationFrom()).isNull();
    }

    @Test
    void aTransactionOfItsOwnReadsWhatIsCommittedNotWhatTheSuspendedOneHolds() {
        transaction.executeWithoutResult(status -> {
            disputes.recordInformationRequest(disputeId, "BUYER");
            assertThat(disputes.get(disputeId).informationFrom()).isEqualTo("BUYER");
            String seenByItsOwn = newTransaction.execute(inner -> disputes.get(disputeId).informationFrom());
            assertThat(seenByItsOwn).isNull();
            // Resumed, the outer transaction has its reads back
            jdbc.sql("UPDATE disputes.dispute SET information_from = 'SELLER' WHERE dispute_id = ?")
                    .param(disputeId).update();
            assertThat(disputes.get(disputeId).informationFrom()).isEqualTo("BUYER");
            status.setRollbackOnly();
        });
    }

    @Test
    void eventVersionsCountedInOneTransactionMatchTheRowAndTheDisputeReadUnderTheLockIsCurrent() {
        int before = eventVersion();
        transaction.executeWithoutResult(status -> {
            // Read before the row was locked: another transaction may still change it, so it is read again
            disputes.get(disputeId);
            jdbc.sql("UPDATE disputes.dispute SET return_carrier = 'DHL' WHERE dispute_id = ?").param(disputeId).update();
            assertThat(disputes.nextEventVersion(disputeId)).isEqualTo(before + 1);
            assertThat(disputes.get(disputeId).returnCarrier()).isEqualTo("DHL");
            assertThat(disputes.nextEventVersion(disputeId)).isEqualTo(before + 2);
            disputes.markEscalated(disputeId);
            assertThat(disputes.nextEventVersion(disputeId)).isEqualTo(before + 3);
        });
        assertThat(eventVersion()).isEqualTo(before + 3);
        // Without a transaction each call reads the row
        assertThat(disputes.nextEventVersion(disputeId)).isEqualTo(before + 4);
        assertThat(eventVersion()).isEqualTo(before + 4);
    }

    @Test
    void aScopeWithoutADatabaseTransactionKeepsNothing() {
        TransactionTemplate supports = new TransactionTemplate(transactionManager);
        supports.setPropagationBehavior(TransactionDefinition.PROPAGATION_SUPPORTS);
        int before = eventVersion();
        supports.executeWithoutResult(status -> {
            assertThat(disputes.get(disputeId).returnCarrier()).isNull();
            jdbc.sql("UPDATE disputes.dispute SET return_carrier = 'UPS' WHERE dispute_id = ?").param(disputeId).update();
            assertThat(disputes.get(disputeId).returnCarrier()).isEqualTo("UPS");
            // Each statement commits alone: another transaction may move the version between two, so it is read
            jdbc.sql("UPDATE disputes.dispute SET event_version = event_version + 1 WHERE dispute_id = ?")
                    .param(disputeId).update();
            assertThat(disputes.nextEventVersion(disputeId)).isEqualTo(before + 2);
        });
        assertThat(eventVersion()).isEqualTo(before + 2);
    }

    @Test
    void twoTransactionsNumberADisputesEventsInTheOrderTheyCommit() throws Exception {
        int before = eventVersion();
        CountDownLatch firstHoldsTheRow = new CountDownLatch(1);
        CountDownLatch firstMayCommit = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> first = threads.submit(() -> transaction.execute(status -> {
                int version = disputes.nextEventVersion(disputeId);
                firstHoldsTheRow.countDown();
                await(firstMayCommit);
                return version;
            }));
            assertThat(firstHoldsTheRow.await(30, TimeUnit.SECONDS)).isTrue();
            Future<int[]> second = threads.submit(() -> transaction.execute(status ->
                    new int[] {disputes.nextEventVersion(disputeId), disputes.nextEventVersion(disputeId)}));
            // The second waits for the row's lock; once the first commits it counts on from the first's version
            firstMayCommit.countDown();
            assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo(before + 1);
            assertThat(second.get(30, TimeUnit.SECONDS)).containsExactly(before + 2, before + 3);
        } finally {
            firstMayCommit.countDown();
            threads.shutdownNow();
        }
        assertThat(eventVersion()).isEqualTo(before + 3);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private int eventVersion() {
        return jdbc.sql("SELECT event_version FROM disputes.dispute WHERE dispute_id = ?")
                .param(disputeId).query(Integer.class).single();
    }
}
