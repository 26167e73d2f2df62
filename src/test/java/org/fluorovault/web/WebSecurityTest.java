package org.fluorovault.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.fluorovault.security.Role;
import org.fluorovault.support.ArchiveTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Browser sessions: form login with CSRF, session requests to /api must carry the CSRF token while
 * HTTP Basic clients need none, pages by role, and the HTML files unreachable except through them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebSecurityTest extends ArchiveTestBase {
    static final String PASSWORD = "web-test-password-1";

    @BeforeAll
    void users() {
        for (Role r : Role.values()) {
            String name = "websec-" + r.name().toLowerCase();
            ensureUser(name, PASSWORD, r);
        }
    }

    /** A browser-like client: cookies kept, redirects not followed. */
    final class Browser {
        final CookieManager cookies = new CookieManager();
        final HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();

        HttpResponse<String> get(String path) throws Exception {
            return get(path, "text/html");
        }

        HttpResponse<String> get(String path, String accept) throws Exception {
            return client.send(HttpRequest.newBuilder(uri(path)).header("Accept", accept).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String path, String contentType, String body, String csrfHeader) throws Exception {
            // forms come from pages (the answer is a page); API calls from scripts want JSON
            String accept = contentType.startsWith("application/x-www-form") ? "text/html" : "application/json";
            HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType).header("Accept", accept)
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (csrfHeader != null) b.header("X-XSRF-TOKEN", csrfHeader);
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        }

        String csrf() {
            return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                    .map(HttpCookie::getValue).findFirst().orElse(null);
        }

        HttpResponse<String> login(String user, String password, boolean withToken) throws Exception {
            assertEquals(200, get("/login").statusCode());
            String form = "username=" + enc(user) + "&password=" + enc(password) + (withToken ? "&_csrf=" + enc(csrf()) : "");
            return post("/login", "application/x-www-form-urlencoded", form, null);
        }
    }

    private URI uri(String path) { return URI.create("http://127.0.0.1:" + httpPort + path); }

    private static String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8); }

    private Browser signedIn(Role role) throws Exception {
        Browser b = new Browser();
        HttpResponse<String> r = b.login("websec-" + role.name().toLowerCase(), PASSWORD, true);
        assertEquals(302, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Location").orElse("").endsWith("/"), r.headers().toString());
        return b;
    }

    @Test
    void pagesSendAnonymousUsersToTheLoginPage() throws Exception {
        Browser b = new Browser();
        HttpResponse<String> r = b.get("/worklist");
        assertEquals(302, r.statusCode());
        assertTrue(r.headers().firstValue("Location").orElse("").endsWith("/login"));
        HttpResponse<String> login = b.get("/login");
        assertEquals(200, login.statusCode());
        assertTrue(b.csrf() != null && !b.csrf().isBlank(), "the login page sets the XSRF-TOKEN cookie the scripts read");
        assertTrue(login.body().contains("name=\"_csrf\" value=\"" + b.csrf() + "\""), "the form itself carries the token");
    }

    @Test
    void loginWithoutTheCsrfTokenIsRefusedAndWrongPasswordsAreTold() throws Exception {
        Browser b = new Browser();
        assertEquals(403, b.login("websec-technologist", PASSWORD, false).statusCode());
        HttpResponse<String> wrong = new Browser().login("websec-technologist", "not-the-password", true);
        assertEquals(302, wrong.statusCode());
        assertTrue(wrong.headers().firstValue("Location").orElse("").endsWith("/login?error"));
    }

    @Test
    void sessionPostsToTheApiNeedTheCsrfTokenButBasicClientsDoNot() throws Exception {
        Browser admin = signedIn(Role.ADMIN);
        String user = "{\"username\":\"csrf-%s\",\"password\":\"long-enough-password\",\"role\":\"AUDITOR\"}";
        HttpResponse<String> noToken = admin.post("/api/admin/users", "application/json", user.formatted("a"), null);
        assertEquals(403, noToken.statusCode(), "a session request without the token could be forged by another site");
        assertFalse(users.list().stream().anyMatch(u -> "csrf-a".equals(u.get("username"))));
        HttpResponse<String> badToken = admin.post("/api/admin/users", "application/json", user.formatted("b"), "forged");
        assertEquals(403, badToken.statusCode());
        HttpResponse<String> withToken = admin.post("/api/admin/users", "application/json", user.formatted("c"), admin.csrf());
        assertEquals(201, withToken.statusCode(), withToken.body());

        HttpResponse<String> basic = http.send(HttpRequest.newBuilder(uri("/api/admin/users"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(user.formatted("d"))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, basic.statusCode(), basic.body());
    }

    @Test
    void aWriteWithoutAnyCredentialsIsUnauthenticatedNotForbidden() throws Exception {
        HttpResponse<String> r = new Browser().post("/api/admin/users", "application/json", "{}", null);
        assertEquals(401, r.statusCode());
        assertTrue(r.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"), r.headers().toString());
    }

    @Test
    void logoutEndsTheSession() throws Exception {
        Browser b = signedIn(Role.PHYSICIAN);
        assertEquals(200, b.get("/worklist").statusCode());
        HttpResponse<String> confirm = b.get("/logout");
        assertEquals(200, confirm.statusCode());
        assertTrue(confirm.body().contains("value=\"" + b.csrf() + "\""), confirm.body());
        HttpResponse<String> out = b.post("/logout", "application/x-www-form-urlencoded", "_csrf=" + enc(b.csrf()), null);
        assertEquals(302, out.statusCode());
        assertTrue(out.headers().firstValue("Location").orElse("").endsWith("/login?logout"));
        assertEquals(302, b.get("/worklist").statusCode());
    }

    @Test
    void everyPageChecksTheRoleOnTheServer() throws Exception {
        Browser tech = signedIn(Role.TECHNOLOGIST), auditor = signedIn(Role.AUDITOR), admin = signedIn(Role.ADMIN);
        assertEquals(200, tech.get("/worklist").statusCode());
        assertEquals(200, tech.get("/studies/1.2.3.4").statusCode());
        assertEquals(403, tech.get("/audit-log").statusCode(), "a technologist cannot see the audit log");
        assertEquals(403, tech.get("/admin").statusCode());
        assertEquals(403, tech.get("/api/admin/system", "application/json").statusCode());
        assertEquals(200, auditor.get("/audit-log").statusCode());
        assertEquals(403, auditor.get("/admin").statusCode());
        assertEquals(200, admin.get("/admin").statusCode());
        assertTrue(admin.get("/admin").body().contains("Administration"));
        // the HTML behind the pages is not reachable around those rules
        assertEquals(403, tech.get("/pages/audit-log.html").statusCode());
        assertEquals(403, admin.get("/pages/admin.html").statusCode());
        // home: auditors start at the search, the others at the worklist
        assertTrue(auditor.get("/").headers().firstValue("Location").orElse("").endsWith("/search"));
        assertTrue(tech.get("/").headers().firstValue("Location").orElse("").endsWith("/worklist"));
    }

    @Test
    void apiMeTellsThePagesWhoIsSignedIn() throws Exception {
        Browser b = signedIn(Role.AUDITOR);
        HttpResponse<String> r = b.get("/api/me", "application/json");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("\"username\":\"websec-auditor\"") && r.body().contains("\"role\":\"AUDITOR\""), r.body());
    }

    @Test
    void adminSeesTheNodeAndStorageSettingsWithoutSecrets() throws Exception {
        HttpResponse<byte[]> r = getAsAdmin("/api/admin/system", "application/json");
        assertEquals(200, r.statusCode());
        String body = new String(r.body(), StandardCharsets.UTF_8);
        assertTrue(body.contains("\"aeTitle\":\"" + node.aeTitle() + "\""), body);
        assertTrue(body.contains("\"objects\":" + index.instanceCount()), body);
        assertFalse(body.toLowerCase().contains("password"), body);
    }
}
