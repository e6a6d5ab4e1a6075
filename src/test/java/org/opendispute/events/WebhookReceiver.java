package org.opendispute.events;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpServer;

/**
 * A marketplace's webhook receiver on this machine: it answers the statuses it is scripted to (200 when none is
 * left) and checks each signature with its own code, as the README tells receivers to.
 */
public final class WebhookReceiver implements AutoCloseable {

    record Received(String id, String timestamp, String signature, String body, int answered) {
    }

    private final HttpServer server;
    private final Deque<Integer> script = new ArrayDeque<>();
    final List<Received> received = new CopyOnWriteArrayList<>();

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hooks", exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            int status;
            synchronized (script) {
                status = script.isEmpty() ? 200 : script.poll();
            }
            var headers = exchange.getRequestHeaders();
            received.add(new Received(headers.getFirst("webhook-id"), headers.getFirst("webhook-timestamp"),
                    headers.getFirst("webhook-signature"), body, status));
            if (status == 429 || status == 503) {
                exchange.getResponseHeaders().add("Retry-After", "120");
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    void answer(Integer... statuses) {
        synchronized (script) {
            script.addAll(List.of(statuses));
        }
    }

    List<Received> accepted() {
        return received.stream().filter(r -> r.answered() >= 200 && r.answered() < 300).toList();
    }

    /** Standard Webhooks: any of the space-separated v1 signatures is the HMAC-SHA256 of id.timestamp.body. */
    static boolean signedWith(String secret, Received delivery) {
        return signedWith(secret, delivery.id(), delivery.timestamp(), delivery.signature(), delivery.body());
    }

    /** The same check for any receiver: the headers webhook-id, webhook-timestamp, webhook-signature and the body. */
    public static boolean signedWith(String secret, String id, String timestamp, String signatures, String body) {
        if (id == null || timestamp == null || signatures == null) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            byte[] expected = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            for (String signature : signatures.split(" ")) {
                if (signature.startsWith("v1,") && MessageDigest.isEqual(expected,
                        Base64.getDecoder().decode(signature.substring(3)))) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
