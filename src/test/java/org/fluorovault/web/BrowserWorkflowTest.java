package org.fluorovault.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.fluorovault.security.Role;
import org.fluorovault.security.UserService;
import org.fluorovault.support.ArchiveTestBase;
import org.fluorovault.support.Browser;
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
import org.springframework.beans.factory.annotation.Autowired;

/** The pages in Debian's chromium: login and CSRF, study review, role limits. */
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserWorkflowTest extends ArchiveTestBase {
    static final String PASSWORD = "browser-test-password-1";
    static final int FRAMES = 30, SIZE = 512;
    @Autowired UserService users;
    final String studyUid = TestDicom.uid(), runUid = TestDicom.uid();

    @BeforeAll
    void usersAndARun(@TempDir Path dir) throws Exception {
        for (Role r : Role.values()) {
            String name = "web-" + r.name().toLowerCase();
            if (users.list().stream().noneMatch(u -> name.equals(u.get("username")))) users.create(name, PASSWORD, r);
        }
        send(TestDicom.phantomXa(dir, "WEB-1", studyUid, runUid,
                LumbarPhantom.builder().size(SIZE).frames(FRAMES).contrast(LumbarPhantom.Contrast.EPIDURAL).seed(7).build()));
    }

    /** Where the time to the first frame went: each request's start and duration (ms after navigation start). */
    static final String RESOURCE_TIMINGS = """
            const n = performance.getEntriesByType('navigation')[0];
            const first = performance.getEntriesByName('fv-first-frame')[0].startTime;
            return `page ${n.responseEnd.toFixed(0)} ms; ` + performance.getEntriesByType('resource')
              .filter(r => r.startTime < first)
              .map(r => `${r.name.replace(location.origin, '').slice(0, 70)} ${r.startTime.toFixed(0)}+${r.duration.toFixed(0)}`)
              .join('; ');""";

    static String user(Role r) { return "web-" + r.name().toLowerCase(); }

    /** fetch() from the signed-in page; answers the HTTP status. */
    private static long fetchStatus(Browser b, String method, String path, String body, boolean withToken) {
        return (Long) b.script("""
                const [method, path, body, withToken, done] = arguments;
                const headers = { 'Content-Type': 'application/json', 'Accept': 'application/json' };
                if (withToken) headers['X-XSRF-TOKEN'] = decodeURIComponent(document.cookie.split('; ')
                    .find(c => c.startsWith('XSRF-TOKEN=')).slice(11));
                fetch(path, { method, headers, body }).then(r => done(r.status), e => done(-1));""",
                method, path, body, withToken);
    }

    @Test
    void loginThenSessionPostsToTheApiNeedTheCsrfToken() throws Exception {
        try (Browser b = new Browser(httpPort)) {
            b.login(user(Role.ADMIN), PASSWORD);
            assertTrue(b.driver().getCurrentUrl().endsWith("/worklist"), b.driver().getCurrentUrl());
            String u = "{\"username\":\"browser-csrf-%s\",\"password\":\"long-enough-password\",\"role\":\"AUDITOR\"}";
            assertEquals(403, fetchStatus(b, "POST", "/api/admin/users", u.formatted("a"), false));
            assertEquals(201, fetchStatus(b, "POST", "/api/admin/users", u.formatted("b"), true));
            // the logout button ends the session
            b.driver().findElement(By.cssSelector("form.logout button")).click();
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
            System.out.printf("[browser] first frame of a %d-frame %dx%d run: %.0f ms after navigation start%n", FRAMES, SIZE, SIZE, firstFrameMs);
            System.out.println("[browser] " + b.js(RESOURCE_TIMINGS));
            // the image layer shows the phantom, not a black canvas
            long center = (Long) b.js("""
                    const c = document.querySelector('#stage canvas'); const x = c.getContext('2d');
                    const d = x.getImageData(c.width / 2 - 20, c.height / 2 - 20, 40, 40).data;
                    let s = 0; for (let i = 0; i < d.length; i += 4) s += d[i]; return s;""");
            assertTrue(center > 0, "the first frame is drawn");
            assertEquals("1/" + FRAMES, b.driver().findElement(By.id("frame-label")).getText());
            new Actions(b.driver()).sendKeys(Keys.SPACE).perform();
            b.awaitText("#frame-label", FRAMES + "/" + FRAMES); // played through to the last frame
            new Actions(b.driver()).sendKeys(Keys.SPACE).perform();
            assertEquals("Play", b.driver().findElement(By.id("play")).getText());
            String hud = b.driver().findElement(By.cssSelector("#stage .hud")).getText();
            assertTrue(hud.contains("66.7 ms"), "speed from the run's Frame Time: " + hud);
            System.out.printf("[browser] cine stalls waiting for frames during the first loop: %s%n",
                    b.driver().findElement(By.id("stage")).getDomAttribute("data-stalls"));
            int shown = Integer.parseInt(b.driver().findElement(By.id("frame-label")).getText().split("/")[0]);
            new Actions(b.driver()).sendKeys(shown > 1 ? Keys.ARROW_LEFT : Keys.ARROW_RIGHT).perform();
            assertEquals((shown > 1 ? shown - 1 : 2) + "/" + FRAMES, b.driver().findElement(By.id("frame-label")).getText());
            List<String> errors = b.scriptErrors();
            assertTrue(errors.isEmpty(), errors.toString());
        }
    }

    @Test
    void anAuditorSeesTheStudyWithoutAnnotationTools() throws Exception {
        try (Browser b = new Browser(httpPort)) {
            b.login(user(Role.AUDITOR), PASSWORD);
            assertTrue(b.driver().getCurrentUrl().endsWith("/search"), b.driver().getCurrentUrl());
            b.open("/studies/" + studyUid);
            assertFalse(b.driver().findElement(By.id("annotate-card")).isDisplayed());
            assertTrue(b.driver().findElements(By.id("tool-tip")).isEmpty());
            List<String> nav = b.driver().findElements(By.cssSelector("header.top nav a")).stream().map(WebElement::getText).toList();
            assertEquals(List.of("Search", "Audit log"), nav);
        }
    }
}
