package org.opendispute.support;

import java.util.Map;

import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Calls our API over HTTP as a given user and reads the JSON answer. */
public final class ApiClient {

    private final TestRestTemplate http;
    private final ObjectMapper json = new ObjectMapper();

    public ApiClient(TestRestTemplate http) {
        this.http = http;
    }

    public Response get(String user, String path) {
        return exchange(user, HttpMethod.GET, path, null, Map.of());
    }

    public Response post(String user, String path, Object body) {
        return exchange(user, HttpMethod.POST, path, body, Map.of());
    }

    public Response put(String user, String path, Object body) {
        return exchange(user, HttpMethod.PUT, path, body, Map.of());
    }

    public Response exchange(String user, HttpMethod method, String path, Object body, Map<String, String> headers) {
        HttpHeaders httpHeaders = new HttpHeaders();
        if (user != null) {
            httpHeaders.setBasicAuth(user, TestUsers.PASSWORD);
        }
        headers.forEach(httpHeaders::add);
        Object payload = body;
        if (body instanceof String raw) {
            httpHeaders.setContentType(MediaType.APPLICATION_JSON);
            payload = raw;
        } else if (body != null) {
            httpHeaders.setContentType(MediaType.APPLICATION_JSON);
            payload = toJson(body);
        }
        return read(http.exchange(path, method, new HttpEntity<>(payload, httpHeaders), byte[].class));
    }

    public Response upload(String user, String path, String fileName, byte[] content) {
        HttpHeaders headers = new HttpHeaders();
        if (user != null) {
            headers.setBasicAuth(user, TestUsers.PASSWORD);
        }
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        LinkedMultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("file", new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return fileName;
            }
        });
        return read(http.exchange(path, HttpMethod.POST, new HttpEntity<>(parts, headers), byte[].class));
    }

    private Response read(ResponseEntity<byte[]> response) {
        byte[] body = response.getBody();
        JsonNode node = null;
        MediaType type = response.getHeaders().getContentType();
        if (body != null && body.length > 0 && type != null && type.getSubtype().contains("json")) {
            try {
                node = json.readTree(body);
            } catch (java.io.IOException e) {
                throw new IllegalStateException("Not JSON: " + new String(body), e);
            }
        }
        return new Response(response.getStatusCode().value(), type, node, body, response.getHeaders());
    }

    private String toJson(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public record Response(int status, MediaType contentType, JsonNode json, byte[] raw, HttpHeaders headers) {

        public String text(String field) {
            JsonNode node = json.at(field.startsWith("/") ? field : "/" + field.replace('.', '/'));
            return node.isMissingNode() || node.isNull() ? null : node.asText();
        }

        public boolean isProblem() {
            return contentType != null && contentType.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        }

        @Override
        public String toString() {
            return status + " " + (json != null ? json.toString() : raw == null ? "" : new String(raw));
        }
    }
}
