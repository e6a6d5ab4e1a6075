package org.opendispute.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A browser's session with the webapps: the CSRF cookie, Tasklist's login, then calls as Tasklist makes them. */
public final class WebappSession {

    private final CookieManager cookies = new CookieManager();
    private final HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).build();
    private final String base;

    public WebappSession(int port) {
        this.base = "http://localhost:" + port;
    }

    /** Logs into Tasklist; the login's status (200, or 401/403 for a user without Tasklist access). */
    public int login(String user) throws IOException, InterruptedException {
        get("/camunda/app/tasklist/default/");
        var login = client.send(HttpRequest.newBuilder(
                        URI.create(base + "/camunda/api/admin/auth/user/default/login/tasklist"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-XSRF-TOKEN", csrfToken())
                .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + TestUsers.PASSWORD))
                .build(), HttpResponse.BodyHandlers.ofString());
        // The login starts a new session with a new CSRF token, which the next page load hands out.
        get("/camunda/app/tasklist/default/");
        return login.statusCode();
    }

    public HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A call of the webapps' API with its CSRF header, as Tasklist sends it. */
    public HttpResponse<String> send(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("X-XSRF-TOKEN", csrfToken())
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String csrfToken() throws IOException, InterruptedException {
        var token = cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("XSRF-TOKEN")).findFirst().map(HttpCookie::getValue);
        if (token.isEmpty()) {
            get("/camunda/app/tasklist/default/");
        }
        return cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("XSRF-TOKEN")).findFirst().map(HttpCookie::getValue).orElse("");
    }
}
