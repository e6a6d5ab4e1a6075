package org.opendispute.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendispute.dispute.DisputeStore;
import org.opendispute.dispute.Groups;
import org.opendispute.dispute.OpeningVariables;
import org.opendispute.order.OrderStore;
import org.opendispute.support.ApiClient.Response;
import org.opendispute.support.ApiClient;
import org.opendispute.support.DisputeStages;
import org.opendispute.support.PostgresTest;
import org.opendispute.support.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Evidence files: safe names, no location metadata, one dispute per file, quotas and expiry. */
@PostgresTest
class EvidenceIntegrityTest {

    /** A JPEG whose EXIF block carries a GPS position, then an image segment and the scan. */
    static final byte[] JPEG_WITH_GPS = concat(new byte[] {(byte) 0xFF, (byte) 0xD8},
            segment(0xE1, "Exif\0\0GPSLatitude=52.5200;GPSLongitude=13.4050"),
            segment(0xDB, "quantisation-table"),
            new byte[] {(byte) 0xFF, (byte) 0xDA, 0, 4, 1, 2, 3, 4, (byte) 0xFF, (byte) 0xD9});

    @Autowired TestRestTemplate http;
    @Autowired IdentityService identityService;
    @Autowired EvidenceStore evidence;
    @Autowired DisputeStore disputes;
    @Autowired OrderStore orders;
    @Autowired OpeningVariables openingVariables;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate transactions;

    ApiClient api;
    String buyer;
    String seller;
    DisputeStages stages;

    @BeforeEach
    void users() {
        api = new ApiClient(http);
        String run = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        buyer = TestUsers.ensure(identityService, "evbuyer" + run, Groups.BUYERS);
        seller = TestUsers.ensure(identityService, "evseller" + run, Groups.SELLERS);
        stages = new DisputeStages(orders, openingVariables, runtimeService, taskService, buyer, seller);
    }

    @AfterEach
    void clock() {
        ClockUtil.reset();
    }

    @Test
    void fileNamesAreBoundedAndSanitised() {
        Response tooLong = api.upload(buyer, "/api/evidence", "a".repeat(300) + ".jpg", JPEG_WITH_GPS);
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.isProblem()).isTrue();
        assertThat(tooLong.text("code")).isEqualTo("file-name-too-long");
        assertThat(tooLong.json().at("/errors/0/field").asText()).isEqualTo("file");

        Response odd = api.upload(buyer, "/api/evidence", "..\\..\\etc/pass\u0007wd<1>.jpg", JPEG_WITH_GPS);
        assertThat(odd.status()).isEqualTo(201);
        assertThat(odd.text("fileName")).isEqualTo("passwd1.jpg");
    }

    @Test
    void aPhotosLocationNeverReachesTheSeller() {
        String disputeId = stages.awaitingSeller();
        Response upload = api.upload(buyer, "/api/disputes/" + disputeId + "/evidence", "home.jpg", JPEG_WITH_GPS);
        assertThat(upload.status()).isEqualTo(201);

        byte[] downloaded = api.get(seller, upload.text("url")).raw();
        String text = new String(downloaded, StandardCharsets.ISO_8859_1);
        assertThat(text).doesNotContain("GPS").doesNotContain("Exif").contains("quantisation-table");
        assertThat(downloaded[0] & 0xFF).isEqualTo(0xFF);
        assertThat(downloaded[1] & 0xFF).isEqualTo(0xD8);
        assertThat(upload.json().get("sizeBytes").asLong()).isEqualTo(downloaded.length);
    }

    @Test
    void aFileBelongsToOneDisputeAndTheLoserOfARaceIsTold() throws Exception {
        String file = evidence.upload(buyer, null, "photo.jpg", JPEG_WITH_GPS).id();
        String first = stages.awaitingSeller();
        String orderId = stages.order().orderId();
        // Another opening takes the file and holds it, uncommitted, while this one is checked and attaches it.
        CompletableFuture<Response> loser = new CompletableFuture<>();
        transactions.executeWithoutResult(status -> {
            jdbc.sql("UPDATE disputes.evidence SET dispute_id = ? WHERE evidence_id = ?").params(first, file).update();
            CompletableFuture.runAsync(() -> loser.complete(api.post(buyer, "/api/disputes", Map.of("orderId", orderId,
                    "reason", "NOT_RECEIVED", "description", "Never arrived",
                    "requestedResolution", Map.of("type", "FULL_REFUND"), "evidenceIds", List.of(file)))));
            awaitLockWaiter();
        });
        Response answer = loser.get();
        assertThat(answer.status()).as(answer.toString()).isEqualTo(422);
        assertThat(answer.text("code")).isEqualTo("evidence-already-attached");
        assertThat(answer.json().at("/errors/0/field").asText()).isEqualTo("evidenceIds");
        assertThat(disputes.statusesOfOrder(orderId)).isEmpty();
        assertThat(evidence.find(file).orElseThrow().disputeId()).isEqualTo(first);
    }

    /** Waits, by asking PostgreSQL rather than sleeping for a guess, until a connection waits for a row lock. */
    void awaitLockWaiter() {
        Instant giveUp = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(giveUp)) {
            long waiting = jdbc.sql("SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")
                    .query(Long.class).single();
            if (waiting > 0) {
                return;
            }
            Thread.onSpinWait();
        }
        throw new IllegalStateException("The second opening never waited for the file's row");
    }

    @Test
    void eachUserHasADailyUploadQuota() {
        for (int i = 0; i < 50; i++) {
            evidence.upload(buyer, null, "photo" + i + ".jpg", JPEG_WITH_GPS);
        }
        Response over = api.upload(buyer, "/api/evidence", "one-more.jpg", JPEG_WITH_GPS);
        assertThat(over.status()).isEqualTo(429);
        assertThat(over.text("code")).isEqualTo("upload-quota-exceeded");
        assertThat(api.upload(seller, "/api/evidence", "photo.jpg", JPEG_WITH_GPS).status()).isEqualTo(201);

        ClockUtil.setCurrentTime(Date.from(Instant.now().plus(Duration.ofHours(25))));
        assertThat(api.upload(buyer, "/api/evidence", "tomorrow.jpg", JPEG_WITH_GPS).status()).isEqualTo(201);
    }

    @Test
    void uploadsNoDisputeTookExpire() {
        Instant start = Instant.now();
        String kept = evidence.upload(buyer, stages.awaitingSeller(), "kept.jpg", JPEG_WITH_GPS).id();
        String old = evidence.upload(buyer, null, "old.jpg", JPEG_WITH_GPS).id();
        ClockUtil.setCurrentTime(Date.from(start.plus(Duration.ofHours(23))));
        String recent = evidence.upload(buyer, null, "recent.jpg", JPEG_WITH_GPS).id();

        ClockUtil.setCurrentTime(Date.from(start.plus(Duration.ofHours(25))));
        transactions.executeWithoutResult(status -> evidence.removeExpiredUploads());

        assertThat(evidence.find(old)).isEmpty();
        assertThat(evidence.find(recent)).isPresent();
        assertThat(evidence.find(kept)).isPresent();
    }

    static byte[] segment(int marker, String payload) {
        byte[] data = payload.getBytes(StandardCharsets.ISO_8859_1);
        int length = data.length + 2;
        return concat(new byte[] {(byte) 0xFF, (byte) marker, (byte) (length >> 8), (byte) length}, data);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
