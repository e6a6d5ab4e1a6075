package org.opendispute.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The benchmark's HTTP client: JSON in and out, HTTP Basic, every call timed into a latency bucket. */
final class Http {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final String base;
    private final String password;
    final Latencies latencies;

    Http(String base, String password, Latencies latencies) {
        this.base = base;
        this.password = password;
        this.latencies = latencies;
    }

    record Answer(int status, JsonNode body) {
        String text(String pointer) {
            return body == null ? null : body.at(pointer).asText(null);
        }
    }

    Answer get(String user, String path) {
        return send(user, HttpRequest.newBuilder(URI.create(base + path)).GET(), null);
    }

    Answer post(String bucket, String user, String path, Object body) {
        try {
            String payload = body == null ? "" : json.writeValueAsString(body);
            return send(user, HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(payload)), bucket);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    Answer upload(String bucket, String user, String path, String fileName, byte[] content) {
        String boundary = "bench" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, payload, 0, head.length);
        System.arraycopy(content, 0, payload, head.length, content.length);
        System.arraycopy(tail, 0, payload, head.length + content.length, tail.length);
        return send(user, HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(payload)), bucket);
    }

    private Answer send(String user, HttpRequest.Builder request, String bucket) {
        request.header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        request.timeout(Duration.ofSeconds(60));
        long start = System.nanoTime();
        try {
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (bucket != null) {
                latencies.record(bucket, System.nanoTime() - start);
            }
            byte[] body = response.body();
            return new Answer(response.statusCode(), body.length == 0 ? null : json.readTree(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
