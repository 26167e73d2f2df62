package org.fluorovault.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fluorovault.security.Role;
import org.fluorovault.support.ArchiveTestBase;
import org.fluorovault.support.Browser;
import org.fluorovault.support.NodePeer;
import org.fluorovault.support.Peers;
import org.fluorovault.support.TestDicom;
import org.fluorovault.tools.samples.LumbarPhantom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The pages in Debian's chromium: login and CSRF, a technologist's review of a run, a physician's
 * sign-off, an auditor's search, verdict and packets, and what an auditor may not do.
 */
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserWorkflowTest extends ArchiveTestBase {
    static final String PASSWORD = "browser-test-password-1";
    static final int FRAMES = 30, SIZE = 512;
    final String studyUid = TestDicom.uid(), runUid = TestDicom.uid();

    @BeforeAll
    void usersAndARun(@TempDir Path dir) throws Exception {
        for (Role r : Role.values()) {
            String name = "web-" + r.name().toLowerCase();
            ensureUser(name, PASSWORD, r);
        }
        send(TestDicom.phantomXa(
                dir,
                "WEB-1",
                studyUid,
                runUid,
                LumbarPhantom.builder()
                        .size(SIZE)
                        .frames(FRAMES)
                        .contrast(LumbarPhantom.Contrast.EPIDURAL)
                        .seed(7)
                        .build()));
    }

    /** Where the time to the first frame went: each request's start and duration (ms after navigation start). */
    static final String RESOURCE_TIMINGS = """
            const n = performance.getEntriesByType('navigation')[0];
            const first = performance.getEntriesByName('fv-first-frame')[0].startTime;
            return `page ${n.responseEnd.toFixed(0)} ms; ` + performance.getEntriesByType('resource')
              .filter(r => r.startTime < first)
              .map(r => `${r.name.replace(location.origin, '').slice(0, 70)} ${r.startTime.toFixed(0)}+${r.duration.toFixed(0)}`)
              .join('; ');""";

    static String user(Role r) {
        return "web-" + r.name().toLowerCase();
    }

    private final JsonMapper json = JsonMapper.builder().build();

    /** An API call with HTTP Basic as the given user. */
    private HttpResponse<String> call(String method, String path, String user, String body) throws Exception {
        return request(
                method,
                path,
                user,
                user.equals("admin") ? ADMIN_PASSWORD : PASSWORD,
                body == null ? null : "application/json",
                body,
                "Accept",
                "application/json");
    }

    private JsonNode ok(HttpResponse<String> r) throws Exception {
        assertTrue(r.statusCode() / 100 == 2, r.statusCode() + " " + r.body());
        return json.readTree(r.body());
    }

    /**
     * A lumbar interlaminar ESI (CPT 62323) of today for a patient, performed, moved on through
     * {@code statuses}; only scheduled when the first status is SCHEDULED.
     */
    private long procedure(String patientId, String accession, String... statuses) throws Exception {
        String body = """
                {"patient": {"id": "%s", "name": "Test^Patient", "birthDate": "1960-01-01", "sex": "F"},
                 "accessionNumber": "%s", "scheduledAt": "2026-11-26T10:00:00", "performedAt": "2026-11-26T10:20:00",
                 "cptCode": "62323",
                 "levels": ["L4-L5"], "approach": "INTERLAMINAR", "laterality": "LEFT",
                 "physician": {"name": "Web^Doctor", "npi": "1234567893"}, "diagnoses": ["M54.16"]}""".formatted(patientId, accession);
        boolean scheduled = statuses.length > 0 && statuses[0].equals("SCHEDULED");
        if (scheduled) body = body.replace("\"performedAt\": \"2026-11-26T10:20:00\",", "");
        long id = ok(call("POST", "/api/procedures", "admin", body)).get("id").asLong();
        for (String status : scheduled ? List.<String>of() : List.of(statuses))
            ok(call("POST", "/api/procedures/" + id + "/status", "admin", "{\"status\":\"" + status + "\"}"));
        return id;
    }

    /** fetch() from the signed-in page; answers the HTTP status. */
    private static long fetchStatus(Browser b, String method, String path, String body, boolean withToken) {
        return (Long) b.script("""
                const [method, path, body, withToken, done] = arguments;
                const headers = { 'Content-Type': 'application/json', 'Accept': 'application/json' };
                if (withToken) headers['X-XSRF-TOKEN'] = decodeURIComponent(document.cookie.split('; ')
                    .find(c => c.startsWith('XSRF-TOKEN=')).slice(11));
                fetch(path, { method, headers, body }).then(r => done(r.status), e => done(-1));""", method, path, body, withToken);
    }

    @Test
    void loginThenSessionPostsToTheApiNeedTheCsrfToken() throws Exception {
        try (Browser b = new Browser(httpPort)) {
            b.login(user(Role.ADMIN), PASSWORD);
            assertTrue(
                    b.driver().getCurrentUrl().endsWith("/worklist"), b.driver().getCurrentUrl());
            String u = "{\"username\":\"browser-csrf-%s\",\"password\":\"long-enough-password\",\"role\":\"AUDITOR\"}";
            assertEquals(403, fetchStatus(b, "POST", "/api/admin/users", u.formatted("a"), false));
            assertEquals(201, fetchStatus(b, "POST", "/api/admin/users", u.formatted("b"), true));
            // the logout button ends the session
            b.clickToNextPage(By.cssSelector("form.logout button"));
            assertTrue(b.driver().getCurrentUrl().endsWith("/login?logout"));
            b.driver().get(b.base() + "/worklist");
            assertTrue(b.driver().getCurrentUrl().endsWith("/login"));
        }
    }

    @Test
    void aTechnologistSeesTheFirstFrameQuicklyAndPlaysTheRun() throws Exception {
        try (Browser b = new Browser(httpPort)) {
            b.login(user(Role.TECHNOLOGIST), PASSWORD);
            b.open("/studies/" + studyUid);
            double firstFrameMs = b.markTime("fv-first-frame");
            System.out.printf(
                    "[browser] first frame of a %d-frame %dx%d run: %.0f ms after navigation start%n",
                    FRAMES, SIZE, SIZE, firstFrameMs);
            System.out.println("[browser] " + b.js(RESOURCE_TIMINGS));
            // the image layer shows the phantom, not a black canvas
            long center = (Long) b.js("""
                    const c = document.querySelector('#stage canvas'); const x = c.getContext('2d');
                    const d = x.getImageData(c.width / 2 - 20, c.height / 2 - 20, 40, 40).data;
                    let s = 0; for (let i = 0; i < d.length; i += 4) s += d[i]; return s;""");
            assertTrue(center > 0, "the first frame is drawn");
            assertEquals(
                    "1/" + FRAMES, b.driver().findElement(By.id("frame-label")).getText());
            new Actions(b.driver()).sendKeys(Keys.SPACE).perform();
            b.awaitText("#frame-label", FRAMES + "/" + FRAMES); // played through to the last frame
            new Actions(b.driver()).sendKeys(Keys.SPACE).perform();
            assertEquals("Play", b.driver().findElement(By.id("play")).getText());
            String hud = b.driver().findElement(By.cssSelector("#stage .hud")).getText();
            assertTrue(hud.contains("66.7 ms"), "speed from the run's Frame Time: " + hud);
            System.out.printf(
                    "[browser] cine stalls waiting for frames during the first loop: %s%n",
                    b.driver().findElement(By.id("stage")).getDomAttribute("data-stalls"));
            int shown = Integer.parseInt(
                    b.driver().findElement(By.id("frame-label")).getText().split("/")[0]);
            new Actions(b.driver())
                    .sendKeys(shown > 1 ? Keys.ARROW_LEFT : Keys.ARROW_RIGHT)
                    .perform();
            assertEquals(
                    (shown > 1 ? shown - 1 : 2) + "/" + FRAMES,
                    b.driver().findElement(By.id("frame-label")).getText());
            List<String> errors = b.scriptErrors();
            assertTrue(errors.isEmpty(), errors.toString());
        }
    }

    /** Sum of the red channel in the middle of the image layer. */
    static final String CENTER_SUM = """
            const c = document.querySelector('#stage canvas'); const x = c.getContext('2d');
            const d = x.getImageData(c.width / 2 - 40, c.height / 2 - 40, 80, 80).data;
            let s = 0; for (let i = 0; i < d.length; i += 4) s += d[i]; return s;""";

    @Test
    void aWindowDraggedOnTwelveBitDataIsRenderedByTheServer() throws Exception {
        try (Browser b = new Browser(httpPort)) {
            b.login(user(Role.TECHNOLOGIST), PASSWORD);
            b.open("/studies/" + studyUid);
            b.markTime("fv-first-frame");
            long before = (Long) b.js(CENTER_SUM);
            WebElement overlay = b.driver().findElement(By.cssSelector("#stage canvas:nth-of-type(2)"));
            new Actions(b.driver())
                    .moveToElement(overlay)
                    .clickAndHold()
                    .moveByOffset(-180, -40)
                    .release()
                    .perform();
            String window = (String) b.script("""
                    const done = arguments[arguments.length - 1], stage = document.getElementById('stage');
                    if (stage.dataset.window) done(stage.dataset.window);
                    else new MutationObserver((m, o) => { if (stage.dataset.window) { o.disconnect(); done(stage.dataset.window); } })
                      .observe(stage, { attributes: true, attributeFilter: ['data-window'] });""");
            String[] cw = window.split(",");
            assertTrue(Double.parseDouble(cw[1]) < 4096, "a narrower window in modality values: " + window);
            String asked = (String) b.js("return performance.getEntriesByType('resource').map(r => r.name)"
                    + ".filter(n => n.includes('/rendered?window=')).pop() || ''");
            String[] q = asked.replaceFirst(".*window=", "").split(",");
            assertTrue(
                    q.length == 2
                            && Math.round(Double.parseDouble(q[0])) == Long.parseLong(cw[0])
                            && Math.round(Double.parseDouble(q[1])) == Long.parseLong(cw[1]),
                    "asked the server for " + window + ": " + asked);
            assertEquals(
                    "",
                    b.js("return document.querySelector('#stage canvas').style.filter"),
                    "no display filter on server-windowed frames");
            long after = (Long) b.js(CENTER_SUM);
            assertTrue(after != before, "the image changed with the window: " + before + " -> " + after);
            String hud = b.driver().findElement(By.cssSelector("#stage .hud")).getText();
            var m = java.util.regex.Pattern.compile("W (\\d+) L").matcher(hud);
            assertTrue(
                    m.find() && Math.abs(Long.parseLong(m.group(1)) - Double.parseDouble(cw[1]) * 256 / 255) <= 2,
                    hud + " / " + window);
            List<String> errors = b.scriptErrors();
            assertTrue(errors.isEmpty(), errors.toString());
        }
    }

    @Test
    void aTechnologistReviewsARunAndTheAnnotationIsStored() throws Exception {
        try (Browser b = new Browser(httpPort)) {
            b.login(user(Role.TECHNOLOGIST), PASSWORD);
            b.open("/studies/" + studyUid);
            b.markTime("fv-first-frame");
            new Actions(b.driver()).sendKeys(Keys.SPACE).perform();
            b.awaitText("#frame-label", "12/" + FRAMES);
            new Actions(b.driver()).sendKeys(Keys.SPACE).perform();
            b.awaitText("#analysis", "Suggested");
            int frame = Integer.parseInt(
                    b.driver().findElement(By.id("frame-label")).getText().split("/")[0]);
            // the Needle tip tool, then a click on the image
            b.driver().findElement(By.id("tool-tip")).click();
            new Actions(b.driver())
                    .moveToElement(b.driver().findElement(By.cssSelector("#stage canvas:nth-of-type(2)")), 10, 20)
                    .click()
                    .perform();
            String tip = b.driver().findElement(By.id("tip-text")).getText();
            assertTrue(tip.startsWith("frame " + frame + ", column "), tip);
            new Select(b.driver().findElement(By.id("level"))).selectByValue("L4-L5");
            new Select(b.driver().findElement(By.id("approach"))).selectByValue("INTERLAMINAR_PARAMEDIAN");
            new Select(b.driver().findElement(By.id("laterality"))).selectByValue("LEFT");
            new Select(b.driver().findElement(By.id("view"))).selectByValue("AP");
            b.driver().findElement(By.id("confirm-suggestion")).click(); // the analysis' EPIDURAL, confirmed
            b.js("document.activeElement.blur()"); // the keys go to the player, not the last list
            new Actions(b.driver()).sendKeys("k").perform();
            assertEquals(
                    "Key frames: " + frame,
                    b.driver().findElement(By.id("key-frames")).getText());
            b.driver().findElement(By.id("save")).click();
            b.awaitText("#save-status", "Saved.");
            b.awaitText("#current", "L4-L5");

            JsonNode current = ok(call("GET", "/api/instances/" + runUid + "/annotations", "admin", null))
                    .get("current");
            assertEquals(user(Role.TECHNOLOGIST), current.get("author").asString());
            assertEquals("L4-L5", current.get("level").asString());
            assertEquals("INTERLAMINAR_PARAMEDIAN", current.get("approach").asString());
            assertEquals("LEFT", current.get("laterality").asString());
            assertEquals("AP", current.get("view").asString());
            assertEquals("EPIDURAL", current.get("contrastPattern").asString());
            assertTrue(current.get("keyImage").asBoolean());
            assertEquals(frame, current.get("keyFrames").get(0).asInt());
            assertEquals(frame, current.get("needleTip").get("frame").asInt());
            assertTrue(
                    current.get("needleTip").get("column").asDouble() > SIZE / 2.0,
                    "right of the centre, where it was clicked");
            List<String> errors = b.scriptErrors();
            assertTrue(errors.isEmpty(), errors.toString());
        }
    }

    @Test
    void aPhysicianSignsAReviewedProcedure() throws Exception {
        long id = procedure("WEB-1", "WEB-SIGN-" + TestDicom.unique(), "PERFORMED", "REVIEWED");
        try (Browser b = new Browser(httpPort)) {
            b.login(user(Role.PHYSICIAN), PASSWORD);
            // on today's worklist with its status, one click from its page (the filter finds it among all rows)
            b.driver().findElement(By.id("filter")).sendKeys("#" + id);
            String row = b.driver()
                    .findElement(By.xpath("//a[text()='#" + id + "']/ancestor::tr"))
                    .getText();
            assertTrue(row.contains("reviewed") && row.contains("WEB-1"), row);
            b.clickToNextPage(By.linkText("#" + id));
            assertEquals(
                    "reviewed",
                    b.driver().findElement(By.cssSelector("#status .badge")).getText());
            b.driver().findElement(By.id("sign")).click();
            b.awaitText("#message", "Signed.");
            b.awaitText("#status", "signed");
            assertFalse(b.driver().findElement(By.id("sign")).isEnabled(), "a signed version is not signed twice");
        }
        assertEquals(
                "SIGNED",
                ok(call("GET", "/api/procedures/" + id, "admin", null))
                        .get("status")
                        .asString());
        try (Browser b = new Browser(httpPort)) { // others see no sign-off
            b.login(user(Role.TECHNOLOGIST), PASSWORD);
            b.open("/procedures/" + id);
            assertFalse(b.driver().findElement(By.id("signoff-card")).isDisplayed());
        }
    }

    /** The procedure's worklist status badge, found with the worklist's filter. */
    private static String worklistBadge(Browser b, long id) {
        WebElement filter = b.driver().findElement(By.id("filter"));
        filter.clear();
        filter.sendKeys("#" + id);
        return b.driver()
                .findElement(By.xpath("//a[text()='#" + id + "']/ancestor::tr/td[7]"))
                .getText();
    }

    /** The order of the worklist statuses, as the worklist sorts them. */
    static final List<String> STATUS_ORDER =
            List.of("scheduled", "performed", "images received", "review needed", "reviewed", "signed", "cancelled");

    @Test
    void theWorklistShowsWhereEachProcedureStandsAndSortsAllRows(@TempDir Path dir) throws Exception {
        String n = TestDicom.unique();
        String p1 = "WEB-WL1-" + n, p2 = "WEB-WL2-" + n, received = TestDicom.uid(), performedStudy = TestDicom.uid();
        long scheduled = procedure("WEB-WL0-" + n, "WL0-" + n, "SCHEDULED");
        sendAll(TestDicom.writeXa(dir, p1, received, 3, 64), TestDicom.writeXa(dir, p2, performedStudy, 3, 64));
        long withImages = procedure(p1, "A" + p1, "SCHEDULED");
        long performed = procedure(p2, "A" + p2);
        for (var link : List.of(new Object[] {withImages, received}, new Object[] {performed, performedStudy})) {
            if (ok(call("GET", "/api/procedures/" + link[0] + "/studies", "admin", null))
                    .isEmpty()) {
                ok(call(
                        "POST",
                        "/api/procedures/" + link[0] + "/studies",
                        "admin",
                        "{\"studyInstanceUid\":\"" + link[1] + "\",\"reason\":\"browser test\"}"));
            }
        }
        // a stored verdict, which the worklist shows (GET /api/procedures/verdicts asks for the rows drawn)
        String verdict = ok(call("GET", "/api/procedures/" + performed + "/evidence", "admin", null))
                .get("verdict")
                .asString();
        try (Browser b = new Browser(httpPort)) {
            b.login(user(Role.TECHNOLOGIST), PASSWORD);
            long total = ok(call(
                            "GET",
                            "/api/procedures?from=" + java.time.LocalDate.now().minusDays(7) + "&to="
                                    + java.time.LocalDate.now() + "&size=1",
                            "admin",
                            null))
                    .get("total")
                    .asLong();
            assertEquals(
                    String.valueOf(total + 1),
                    b.driver().findElement(By.id("procedures")).getDomAttribute("aria-rowcount"),
                    "the table tells assistive technology how many rows there are, drawn or not");
            assertEquals("scheduled", worklistBadge(b, scheduled));
            assertEquals("images received", worklistBadge(b, withImages));
            assertEquals("review needed", worklistBadge(b, performed));
            b.awaitText(
                    "#procedures td[data-verdict='" + performed + "']",
                    verdict.replace('_', ' ').toLowerCase());
            // sorting is over every row: by status, twice for descending
            b.driver().findElement(By.id("filter")).clear();
            b.driver().findElement(By.id("filter")).sendKeys(" "); // an input event: every row again
            // scrolled to the end, the last of all rows is drawn (the rows in view follow the scroll position)
            long lastIndex = (Long) b.script("""
                    const done = arguments[arguments.length - 1];
                    const s = document.querySelector('#procedures').closest('.scroll');
                    s.scrollTop = s.scrollHeight;
                    requestAnimationFrame(() => requestAnimationFrame(() => {
                      const rows = document.querySelectorAll('#procedures tbody tr[aria-rowindex]');
                      done(Number(rows[rows.length - 1].getAttribute('aria-rowindex')));
                    }));""");
            assertEquals(total + 1, lastIndex);
            WebElement sort = b.driver().findElement(By.cssSelector("#procedures th[data-sort=status] button"));
            sort.click();
            sort.click();
            assertEquals(
                    "descending",
                    b.driver()
                            .findElement(By.cssSelector("#procedures th[data-sort=status]"))
                            .getDomAttribute("aria-sort"));
            List<Integer> order = b
                    .driver()
                    .findElements(By.cssSelector("#procedures tbody tr[aria-rowindex] td:nth-child(7)"))
                    .stream()
                    .map(e -> STATUS_ORDER.indexOf(e.getText()))
                    .toList();
            assertTrue(
                    order.get(0) >= STATUS_ORDER.indexOf("review needed"),
                    "the highest status of all rows comes first: " + order);
            for (int i = 1; i < order.size(); i++) assertTrue(order.get(i) <= order.get(i - 1), order.toString());
            List<String> errors = b.scriptErrors();
            assertTrue(errors.isEmpty(), errors.toString());
        }
    }

    @Test
    void anAuditorFindsTheProcedureSeesTheVerdictAndDownloadsBothPackets(@TempDir Path dir) throws Exception {
        String patient = "WEB-AUD-" + TestDicom.unique(), study = TestDicom.uid();
        send(TestDicom.writeXa(dir, patient, study, 3, 64));
        long id = procedure(patient, "A" + patient, "PERFORMED"); // the study's accession (TestDicom)
        if (ok(call("GET", "/api/procedures/" + id + "/studies", "admin", null)).isEmpty()) { // not linked by a rule
            ok(call(
                    "POST",
                    "/api/procedures/" + id + "/studies",
                    "admin",
                    "{\"studyInstanceUid\":\"" + study + "\",\"reason\":\"browser test\"}"));
        }
        try (Browser b = new Browser(httpPort)) {
            b.login(user(Role.AUDITOR), PASSWORD);
            b.driver().findElement(By.name("patientId")).sendKeys(patient);
            b.driver()
                    .findElement(By.cssSelector("#search button[type=submit]"))
                    .click();
            b.awaitText("#info", " procedure");
            b.clickToNextPage(By.linkText("#" + id));
            String verdict =
                    b.driver().findElement(By.cssSelector("#verdict .badge")).getText();
            assertTrue(List.of("supported", "at risk", "not supported").contains(verdict), verdict);
            assertFalse(
                    b.driver().findElements(By.cssSelector("#rules tbody tr")).isEmpty(), "each rule is listed");
            assertFalse(b.driver().findElement(By.id("signoff-card")).isDisplayed());
            Path pdf = b.download(By.id("pdf"), "procedure-" + id + "-evidence.pdf");
            assertEquals("%PDF", new String(Files.readAllBytes(pdf), 0, 4, StandardCharsets.US_ASCII));
            Path zip = b.download(By.id("zip"), "procedure-" + id + "-evidence.zip");
            assertEquals("PK", new String(Files.readAllBytes(zip), 0, 2, StandardCharsets.US_ASCII));
        }
    }

    /**
     * The main workflow in Debian's firefox-esr, driven by npm puppeteer-core over WebDriver BiDi
     * (src/test/node/firefox-workflow.mjs; chromium-driver does not drive Firefox and there is no
     * geckodriver package): the worklist, the first frame, the needle tip and an annotation saved,
     * a physician's sign-off, an auditor's search, evidence page and both packets (fetched through
     * the page's links with its session), and the auditor's annotation refused. Checked here in what the pages
     * reported and in the server's state.
     */
    @Test
    void theWorkflowInFirefox() throws Exception {
        Peers.require("firefox-esr");
        Path script = NodePeer.install("puppeteer-core", "25.16.0", "firefox-workflow.mjs");
        String study = TestDicom.uid(), run = TestDicom.uid();
        sendAll(TestDicom.phantomXa(
                Files.createTempDirectory("fv-firefox"),
                "WEB-FF",
                study,
                run,
                LumbarPhantom.builder()
                        .size(SIZE)
                        .frames(FRAMES)
                        .contrast(LumbarPhantom.Contrast.EPIDURAL)
                        .seed(11)
                        .build()));
        long id = procedure("WEB-FF", "AWEB-FF", "PERFORMED", "REVIEWED");
        if (ok(call("GET", "/api/procedures/" + id + "/studies", "admin", null)).isEmpty()) {
            ok(call(
                    "POST",
                    "/api/procedures/" + id + "/studies",
                    "admin",
                    "{\"studyInstanceUid\":\"" + study + "\",\"reason\":\"firefox test\"}"));
        }
        String args = json.writeValueAsString(java.util.Map.of(
                "base",
                "http://127.0.0.1:" + httpPort,
                "password",
                PASSWORD,
                "technologist",
                user(Role.TECHNOLOGIST),
                "physician",
                user(Role.PHYSICIAN),
                "auditor",
                user(Role.AUDITOR),
                "studyUid",
                study,
                "runUid",
                run,
                "procedureId",
                id,
                "patientId",
                "WEB-FF"));
        Peers.Result r = NodePeer.node(script, 300, Peers.which("firefox-esr"), args);
        assertEquals(0, r.exitCode(), r.output());
        java.util.Map<String, JsonNode> steps = new java.util.HashMap<>();
        for (String line : r.output().split("\n")) {
            if (line.startsWith("{")) {
                JsonNode n = json.readTree(line);
                steps.put(n.get("step").asString(), n);
            }
        }
        assertEquals(7, steps.size(), r.output());

        JsonNode worklist = steps.get("worklist");
        assertTrue(worklist.get("url").asString().endsWith("/worklist"), worklist.toString());
        assertTrue(
                worklist.get("row").asString().contains("WEB-FF")
                        && worklist.get("row").asString().contains("reviewed"),
                worklist.toString());
        JsonNode first = steps.get("first-frame");
        System.out.printf(
                "[browser] firefox: first frame %.0f ms after navigation start%n",
                first.get("firstFrameMs").asDouble());
        assertTrue(first.get("center").asLong() > 0, "the first frame is drawn: " + first);
        assertEquals("1/" + FRAMES, first.get("frameLabel").asString());

        JsonNode annotate = steps.get("annotate");
        int frame = annotate.get("frame").asInt();
        assertEquals(2, frame, "the right arrow moved to the next frame");
        assertTrue(annotate.get("tip").asString().startsWith("frame " + frame + ", column "), annotate.toString());
        assertEquals("Key frames: " + frame, annotate.get("keyFrames").asString());
        JsonNode current = ok(call("GET", "/api/instances/" + run + "/annotations", "admin", null))
                .get("current");
        assertEquals(user(Role.TECHNOLOGIST), current.get("author").asString());
        assertEquals("L4-L5", current.get("level").asString());
        assertEquals("EPIDURAL", current.get("contrastPattern").asString());
        assertEquals(frame, current.get("needleTip").get("frame").asInt());
        assertTrue(
                current.get("needleTip").get("column").asDouble() > SIZE / 2.0,
                "right of the centre, where it was clicked");
        assertEquals(frame, current.get("keyFrames").get(0).asInt());

        JsonNode sign = steps.get("sign");
        assertEquals("reviewed", sign.get("before").asString());
        assertTrue(sign.get("signDisabled").asBoolean(), sign.toString());
        assertEquals(
                "SIGNED",
                ok(call("GET", "/api/procedures/" + id, "admin", null))
                        .get("status")
                        .asString());

        JsonNode evidence = steps.get("evidence");
        assertEquals("1 procedure", evidence.get("found").asString(), evidence.toString());
        assertTrue(evidence.get("evidencePage").asString().endsWith("/procedures/" + id), evidence.toString());
        assertTrue(
                List.of("supported", "at risk", "not supported")
                        .contains(evidence.get("verdict").asString()),
                evidence.toString());
        assertEquals(11, evidence.get("rules").asInt(), "each rule of the 62323 rule set is listed: " + evidence);
        assertTrue(evidence.get("signoffHidden").asBoolean(), evidence.toString());
        assertEquals(
                "[\"frame " + frame + " · L4-L5 · EPIDURAL\"]",
                evidence.get("keyImages").toString(),
                "the technologist's key frame on the procedure page: " + evidence);
        JsonNode pdf = evidence.get("packets").get("pdf"),
                zip = evidence.get("packets").get("zip");
        assertEquals(200, pdf.get("status").asInt(), evidence.toString());
        assertTrue(
                pdf.get("type").asString().startsWith("application/pdf")
                        && pdf.get("head").asString().equals("%PDF"),
                evidence.toString());
        assertEquals(200, zip.get("status").asInt(), evidence.toString());
        assertTrue(
                zip.get("head").asString().startsWith("PK")
                        && zip.get("download").asBoolean(),
                evidence.toString());

        JsonNode auditor = steps.get("auditor");
        assertTrue(auditor.get("landing").asString().endsWith("/search"), auditor.toString());
        assertTrue(auditor.get("annotateHidden").asBoolean(), auditor.toString());
        assertFalse(auditor.get("tipTool").asBoolean(), auditor.toString());
        assertEquals(403, auditor.get("refused").asInt());
        for (JsonNode h : ok(call("GET", "/api/instances/" + run + "/annotations", "admin", null))
                .get("history")) {
            assertFalse(h.get("author").asString().equals(user(Role.AUDITOR)));
        }
        assertTrue(steps.get("errors").get("errors").isEmpty(), "no script errors in Firefox: " + steps.get("errors"));
    }

    @Test
    void anAuditorSeesTheStudyWithoutAnnotationTools() throws Exception {
        try (Browser b = new Browser(httpPort)) {
            b.login(user(Role.AUDITOR), PASSWORD);
            assertTrue(
                    b.driver().getCurrentUrl().endsWith("/search"), b.driver().getCurrentUrl());
            b.open("/studies/" + studyUid);
            assertFalse(b.driver().findElement(By.id("annotate-card")).isDisplayed());
            assertTrue(b.driver().findElements(By.id("tool-tip")).isEmpty());
            List<String> nav = b.driver().findElements(By.cssSelector("header.top nav a")).stream()
                    .map(WebElement::getText)
                    .toList();
            assertEquals(List.of("Search", "Audit log"), nav);
            // and the server refuses the annotation even when sent from the auditor's session with its token
            String body = "{\"level\":\"L4-L5\",\"needleTip\":{\"frame\":1,\"column\":10,\"row\":10}}";
            assertEquals(403, fetchStatus(b, "POST", "/api/instances/" + runUid + "/annotations", body, true));
            JsonNode history = ok(call("GET", "/api/instances/" + runUid + "/annotations", "admin", null))
                    .get("history");
            for (JsonNode h : history) assertFalse(h.get("author").asString().equals(user(Role.AUDITOR)));
        }
    }
}
