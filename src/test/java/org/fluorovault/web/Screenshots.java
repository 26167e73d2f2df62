package org.fluorovault.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fluorovault.security.Role;
import org.fluorovault.support.ArchiveTestBase;
import org.fluorovault.support.Browser;
import org.fluorovault.support.TestDicom;
import org.fluorovault.tools.samples.LumbarPhantom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.support.ui.Select;

/**
 * Writes docs/screenshots/*.png, one per main page at 1366x768, from a phantom study. Not part of
 * the suite (its name is not a test's); on demand: {@code mvn -o -B test -Dtest=Screenshots}.
 */
@Tag("browser")
class Screenshots extends ArchiveTestBase {
    static final String PASSWORD = "screenshot-password-1";
    static final Path OUT = Path.of("docs", "screenshots");

    @Test
    void mainPages(@TempDir Path dir) throws Exception {
        for (Role r : Role.values()) {
            String name = "demo." + r.name().toLowerCase();
            ensureUser(name, PASSWORD, r);
        }
        String study = TestDicom.uid();
        send(TestDicom.phantomXa(
                dir,
                "DEMO-0042",
                study,
                TestDicom.uid(),
                LumbarPhantom.builder()
                        .size(512)
                        .frames(30)
                        .contrast(LumbarPhantom.Contrast.EPIDURAL)
                        .seed(11)
                        .build()));
        // a few procedures of the day; the demo study linked to the first, which is then reviewed
        long first = 0;
        for (int i = 0; i < 6; i++) {
            String body = """
                    {"patient": {"id": "DEMO-%1$04d", "name": "Demo^Patient %1$d", "birthDate": "1961-03-04", "sex": "F"},
                     "accessionNumber": "ACC-%1$04d", "scheduledAt": "%2$sT%3$02d:30:00", "performedAt": "%2$sT%3$02d:45:00",
                     "cptCode": "62323", "levels": ["L4-L5"], "approach": "INTERLAMINAR", "laterality": "LEFT",
                     "physician": {"name": "Demo^Physician", "npi": "1234567893"}, "diagnoses": ["M54.16"]}""".formatted(i == 0 ? 42 : 100 + i, java.time.LocalDate.now(), 8 + i);
            HttpResponse<String> r =
                    request("POST", "/api/procedures", "admin", ADMIN_PASSWORD, "application/json", body);
            assertTrue(r.statusCode() == 201, r.body());
            long id = tools.jackson.databind.json.JsonMapper.builder()
                    .build()
                    .readTree(r.body())
                    .get("id")
                    .asLong();
            if (i == 0) first = id;
            if (i < 4)
                request(
                        "POST",
                        "/api/procedures/" + id + "/status",
                        "admin",
                        ADMIN_PASSWORD,
                        "application/json",
                        "{\"status\":\"PERFORMED\"}");
        }
        request(
                "POST",
                "/api/procedures/" + first + "/studies",
                "admin",
                ADMIN_PASSWORD,
                "application/json",
                "{\"studyInstanceUid\":\"" + study + "\",\"reason\":\"demo\"}");
        Files.createDirectories(OUT);
        try (Browser b = new Browser(httpPort)) {
            b.driver().get(b.base() + "/login");
            b.awaitReady();
            shoot(b, "login");
            b.login("demo.technologist", PASSWORD);
            b.markTime("fv-procedures");
            shoot(b, "worklist");
            b.open("/studies/" + study);
            b.awaitText("#analysis", "Suggested");
            b.js("const s = document.getElementById('slider'); s.value = 18; s.dispatchEvent(new Event('input'));");
            b.driver().findElement(By.id("use-analysis-tip")).click();
            new Select(b.driver().findElement(By.id("level"))).selectByValue("L4-L5");
            new Select(b.driver().findElement(By.id("approach"))).selectByValue("INTERLAMINAR_PARAMEDIAN");
            new Select(b.driver().findElement(By.id("laterality"))).selectByValue("LEFT");
            new Select(b.driver().findElement(By.id("view"))).selectByValue("AP");
            new Select(b.driver().findElement(By.id("contrastPattern"))).selectByValue("EPIDURAL");
            shoot(b, "study-review");
            b.driver().findElement(By.id("save")).click();
            b.awaitText("#save-status", "Saved.");
        }
        try (Browser b = new Browser(httpPort)) {
            b.login("demo.admin", PASSWORD);
            b.open("/admin");
            shoot(b, "administration");
        }
        try (Browser b = new Browser(httpPort)) {
            b.login("demo.auditor", PASSWORD);
            b.driver().findElement(By.name("patientId")).sendKeys("DEMO-0042");
            b.driver()
                    .findElement(By.cssSelector("#search button[type=submit]"))
                    .click();
            b.awaitText("#info", " procedure");
            shoot(b, "search");
            b.open("/procedures/" + first);
            shoot(b, "procedure-evidence");
            b.open("/audit-log");
            shoot(b, "audit-log");
        }
    }

    private static void shoot(Browser b, String name) throws Exception {
        Path file = OUT.resolve(name + ".png");
        Files.write(file, ((TakesScreenshot) b.driver()).getScreenshotAs(OutputType.BYTES));
        assertTrue(Files.size(file) > 1000, file.toString());
        System.out.println("[screenshot] " + file.toAbsolutePath());
    }
}
