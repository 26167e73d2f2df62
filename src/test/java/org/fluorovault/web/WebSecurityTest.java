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
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.fluorovault.security.Page;
import org.fluorovault.security.Role;
import org.fluorovault.support.ArchiveTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Browser sessions: form login with CSRF, session requests to /api must carry the CSRF token while
 * HTTP Basic clients need none, pages by role, and the HTML files unreachable except through them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebSecurityTest extends ArchiveTestBase {
    static final String PASSWORD = "web-test-password-1";
    static final JsonMapper JSON = JsonMapper.builder().build();

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
        final HttpClient client = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();

        HttpResponse<String> get(String path) throws Exception {
            return get(path, "text/html");
        }

        HttpResponse<String> get(String path, String accept) throws Exception {
            return client.send(
                    HttpRequest.newBuilder(uri(path))
                            .header("Accept", accept)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String path, String contentType, String body, String csrfHeader) throws Exception {
            // forms come from pages (the answer is a page); API calls from scripts want JSON
            String accept = contentType.startsWith("application/x-www-form") ? "text/html" : "application/json";
            HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
                    .header("Content-Type", contentType)
                    .header("Accept", accept)
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (csrfHeader != null) b.header("X-XSRF-TOKEN", csrfHeader);
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        }

        String csrf() {
            return cookies.getCookieStore().getCookies().stream()
                    .filter(c -> c.getName().equals("XSRF-TOKEN"))
                    .map(HttpCookie::getValue)
                    .findFirst()
                    .orElse(null);
        }

        HttpResponse<String> login(String user, String password, boolean withToken) throws Exception {
            assertEquals(200, get("/login").statusCode());
            String form =
                    "username=" + enc(user) + "&password=" + enc(password) + (withToken ? "&_csrf=" + enc(csrf()) : "");
            return post("/login", "application/x-www-form-urlencoded", form, null);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private Browser signedIn(Role role) throws Exception {
        Browser b = new Browser();
        HttpResponse<String> r = b.login("websec-" + role.name().toLowerCase(), PASSWORD, true);
        assertEquals(302, r.statusCode(), r.body());
        assertTrue(
                r.headers().firstValue("Location").orElse("").endsWith("/"),
                r.headers().toString());
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
        assertTrue(
                b.csrf() != null && !b.csrf().isBlank(), "the login page sets the XSRF-TOKEN cookie the scripts read");
        assertTrue(
                login.body().contains("name=\"_csrf\" value=\"" + b.csrf() + "\""),
                "the form itself carries the token");
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
        assertFalse(users.list().stream().anyMatch(u -> "csrf-a".equals(u.username())));
        HttpResponse<String> badToken =
                admin.post("/api/admin/users", "application/json", user.formatted("b"), "forged");
        assertEquals(403, badToken.statusCode());
        HttpResponse<String> withToken =
                admin.post("/api/admin/users", "application/json", user.formatted("c"), admin.csrf());
        assertEquals(201, withToken.statusCode(), withToken.body());

        HttpResponse<String> basic = http.send(
                HttpRequest.newBuilder(uri("/api/admin/users"))
                        .header("Content-Type", "application/json")
                        .header(
                                "Authorization",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString(
                                                        ("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                        .POST(HttpRequest.BodyPublishers.ofString(user.formatted("d")))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, basic.statusCode(), basic.body());
    }

    @Test
    void aWriteWithoutAnyCredentialsIsUnauthenticatedNotForbidden() throws Exception {
        HttpResponse<String> r = new Browser().post("/api/admin/users", "application/json", "{}", null);
        assertEquals(401, r.statusCode());
        assertTrue(
                r.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"),
                r.headers().toString());
    }

    @Test
    void logoutEndsTheSession() throws Exception {
        Browser b = signedIn(Role.PHYSICIAN);
        assertEquals(200, b.get("/worklist").statusCode());
        HttpResponse<String> confirm = b.get("/logout");
        assertEquals(200, confirm.statusCode());
        assertTrue(confirm.body().contains("value=\"" + b.csrf() + "\""), confirm.body());
        HttpResponse<String> out =
                b.post("/logout", "application/x-www-form-urlencoded", "_csrf=" + enc(b.csrf()), null);
        assertEquals(302, out.statusCode());
        assertTrue(out.headers().firstValue("Location").orElse("").endsWith("/login?logout"));
        assertEquals(302, b.get("/worklist").statusCode());
    }

    /** The README's page table: a path of each page and the roles that may open it. */
    static final Map<String, Set<Role>> PAGE_ROLES = Map.of(
            "/worklist", EnumSet.of(Role.ADMIN, Role.TECHNOLOGIST, Role.PHYSICIAN),
            "/studies/1.2.3.4", EnumSet.allOf(Role.class),
            "/procedures/1", EnumSet.allOf(Role.class),
            "/search", EnumSet.of(Role.ADMIN, Role.PHYSICIAN, Role.AUDITOR),
            "/audit-log", EnumSet.of(Role.ADMIN, Role.AUDITOR),
            "/admin", EnumSet.of(Role.ADMIN));

    private static Page pageOf(String path) {
        return Arrays.stream(Page.values())
                .filter(p -> path.matches(p.path().replaceAll("\\{[^}]+}", "[^/]+")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no page serves " + path));
    }

    @Test
    void everyPageChecksTheRoleOnTheServer() throws Exception {
        assertEquals(
                EnumSet.allOf(Page.class),
                PAGE_ROLES.keySet().stream()
                        .map(WebSecurityTest::pageOf)
                        .collect(Collectors.toCollection(() -> EnumSet.noneOf(Page.class))),
                "the table above names every page");
        Map<Role, Browser> signedIn = new EnumMap<>(Role.class);
        for (Role r : Role.values()) signedIn.put(r, signedIn(r));
        for (var page : PAGE_ROLES.entrySet()) {
            for (Role r : Role.values()) {
                HttpResponse<String> rsp = signedIn.get(r).get(page.getKey());
                boolean allowed = page.getValue().contains(r);
                assertEquals(allowed ? 200 : 403, rsp.statusCode(), r + " " + page.getKey());
                if (allowed) {
                    // one head for every page: its title, the icon, the style sheet and the page's own module
                    Page p = pageOf(page.getKey());
                    String body = rsp.body();
                    assertTrue(
                            body.startsWith("<!doctype html>")
                                    && body.contains("<title>" + p.title() + " · FluoroVault</title>")
                                    && body.contains("<link rel=\"icon\" href=\"/assets/favicon.svg\">")
                                    && body.contains("<link rel=\"stylesheet\" href=\"/assets/app.css\">")
                                    && body.contains("<script type=\"module\" src=\"/assets/" + p.key()
                                            + ".js\"></script>\n</head>\n<body>")
                                    && body.endsWith("</body>\n</html>\n"),
                            body);
                    assertEquals(
                            "text/html;charset=UTF-8",
                            rsp.headers().firstValue("Content-Type").orElse(""));
                    assertEquals(
                            "nosniff",
                            rsp.headers().firstValue("X-Content-Type-Options").orElse(""));
                    assertEquals(
                            "DENY", rsp.headers().firstValue("X-Frame-Options").orElse(""));
                    assertTrue(
                            rsp.headers().firstValue("Cache-Control").orElse("").contains("no-store"),
                            rsp.headers().toString());
                }
            }
        }
        Browser tech = signedIn.get(Role.TECHNOLOGIST),
                auditor = signedIn.get(Role.AUDITOR),
                admin = signedIn.get(Role.ADMIN);
        assertEquals(403, tech.get("/api/admin/system", "application/json").statusCode());
        assertTrue(admin.get("/admin").body().contains("<h1>Administration</h1>"));
        // the HTML behind the pages is not reachable around those rules
        assertEquals(403, tech.get("/pages/audit-log.html").statusCode());
        assertEquals(403, admin.get("/pages/admin.html").statusCode());
        assertEquals(403, admin.get("/pages/layout.html").statusCode());
        // home: auditors start at the search, the others at the worklist
        assertTrue(auditor.get("/").headers().firstValue("Location").orElse("").endsWith("/search"));
        for (Role r : List.of(Role.ADMIN, Role.TECHNOLOGIST, Role.PHYSICIAN)) {
            assertTrue(
                    signedIn.get(r)
                            .get("/")
                            .headers()
                            .firstValue("Location")
                            .orElse("")
                            .endsWith("/worklist"),
                    r.name());
        }
    }

    @Test
    void theStudyPageAsksForItsRunsInItsHead() throws Exception {
        String html = signedIn(Role.PHYSICIAN).get("/studies/1.2.3.4").body();
        String head = html.substring(0, html.indexOf("</head>"));
        assertTrue(
                head.contains("window.fvRuns = fetch(")
                        && head.contains("<link rel=\"modulepreload\" href=\"/assets/http.js\">"),
                head);
        assertTrue(html.contains("<button id=\"prev\" title=\"Previous frame (left arrow)\">◀</button>"), "UTF-8 body");
    }

    @Test
    void theVocabulariesAreServedToEveryRole() throws Exception {
        assertEquals(
                401, new Browser().get("/api/vocabulary", "application/json").statusCode(), "signed-in users only");
        for (Role r : Role.values()) {
            HttpResponse<String> rsp = signedIn(r).get("/api/vocabulary", "application/json");
            assertEquals(200, rsp.statusCode(), r.name());
            JsonNode v = JSON.readTree(rsp.body());
            JsonNode choices = v.get("annotationChoices");
            assertEquals(
                    List.of("level", "approach", "laterality", "view", "contrastPattern"),
                    List.copyOf(choices.propertyNames()));
            assertEquals(
                    "[\"L1-L2\",\"L2-L3\",\"L3-L4\",\"L4-L5\",\"L5-S1\",\"CAUDAL\"]",
                    choices.get("level").toString());
            assertEquals(
                    "[\"EPIDURAL\",\"VASCULAR_REPOSITIONED\",\"VASCULAR\",\"INTRATHECAL\",\"NONE\",\"NOT_GIVEN_CONTRAINDICATED\"]",
                    choices.get("contrastPattern").toString());
            assertEquals(
                    "[\"SCHEDULED\",\"PERFORMED\",\"IMAGES_RECEIVED\",\"REVIEW_NEEDED\",\"REVIEWED\",\"SIGNED\",\"CANCELLED\"]",
                    v.get("worklistStatusOrder").toString());
            Map<String, String> menu = new java.util.LinkedHashMap<>();
            for (JsonNode p : v.get("pages")) {
                if (p.get("menu").asBoolean())
                    menu.put(p.get("path").asString(), p.get("roles").toString());
            }
            assertEquals(
                    Map.of(
                            "/worklist",
                            "[\"ADMIN\",\"TECHNOLOGIST\",\"PHYSICIAN\"]",
                            "/search",
                            "[\"ADMIN\",\"PHYSICIAN\",\"AUDITOR\"]",
                            "/audit-log",
                            "[\"ADMIN\",\"AUDITOR\"]",
                            "/admin",
                            "[\"ADMIN\"]"),
                    menu);
            assertEquals(
                    List.of("/worklist", "/search", "/audit-log", "/admin"),
                    List.copyOf(menu.keySet()),
                    "the menu's order");
        }
    }

    @Test
    void apiMeTellsThePagesWhoIsSignedIn() throws Exception {
        Browser b = signedIn(Role.AUDITOR);
        HttpResponse<String> r = b.get("/api/me", "application/json");
        assertEquals(200, r.statusCode());
        assertTrue(
                r.body().contains("\"username\":\"websec-auditor\"") && r.body().contains("\"role\":\"AUDITOR\""),
                r.body());
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
