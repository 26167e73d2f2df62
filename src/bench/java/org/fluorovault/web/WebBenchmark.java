package org.fluorovault.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.fluorovault.security.Role;
import org.fluorovault.support.ArchiveTestBase;
import org.fluorovault.support.Browser;
import org.fluorovault.support.TestDicom;
import org.fluorovault.tools.samples.LumbarPhantom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;

/**
 * Page timings in Debian's chromium, for docs/benchmarks.md; prints, asserts nothing. Not part of the
 * suite (its name is not a test's); on demand: {@code mvn -o -B test -Dtest=WebBenchmark
 * -Dfluorovault.bench.opens=10}.
 */
@Tag("browser")
class WebBenchmark extends ArchiveTestBase {
    static final String PASSWORD = "bench-password-123";

    @Test
    void worklistOfAThousandProcedures() throws Exception {
        int opens = Integer.getInteger("fluorovault.bench.opens", 10), count = 1000;
        ensureUser("bench", PASSWORD, Role.TECHNOLOGIST);
        String auth = "Basic "
                + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        Semaphore inFlight = new Semaphore(8);
        List<CompletableFuture<HttpResponse<String>>> created = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String body = """
                    {"patient": {"id": "WL-%1$04d", "name": "Bench^Patient %1$d", "birthDate": "1960-01-01", "sex": "F"},
                     "accessionNumber": "WL%1$06d", "scheduledAt": "%2$sT08:00:00", "cptCode": "62323",
                     "levels": ["L4-L5"], "approach": "INTERLAMINAR", "laterality": "LEFT",
                     "physician": {"name": "Bench^Doctor", "npi": "1234567893"}, "diagnoses": ["M54.16"]}""".formatted(i, LocalDate.now().minusDays(i % 7));
            inFlight.acquire();
            created.add(http.sendAsync(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/procedures"))
                                    .header("Authorization", auth)
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(body))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .whenComplete((r, e) -> inFlight.release()));
        }
        for (var f : created) assertEquals(201, f.get().statusCode(), f.get().body());
        double[] shown = new double[opens], render = new double[opens];
        try (Browser b = new Browser(httpPort)) {
            b.login("bench", PASSWORD);
            for (int i = 0; i < opens; i++) {
                b.open("/worklist");
                shown[i] = b.markTime("fv-procedures");
                render[i] = Double.parseDouble(
                        b.driver().findElement(By.id("procedures-info")).getDomAttribute("data-render-ms"));
                long rows =
                        (Long) b.js("return document.querySelectorAll('#procedures tbody tr[aria-rowindex]').length");
                String of = b.driver().findElement(By.id("procedures")).getDomAttribute("aria-rowcount");
                System.out.printf(
                        "[bench] worklist open %d: %d of %d rows drawn, shown %.0f ms after navigation start"
                                + " (rows built and laid out in %.0f ms)%n",
                        i + 1, rows, Long.parseLong(of) - 1, shown[i], render[i]);
            }
        }
        Arrays.sort(shown);
        Arrays.sort(render);
        System.out.printf(
                "[bench] worklist, %d procedures, %d opens: shown median %.0f ms (max %.0f); rows built and laid out median %.0f ms%n",
                count, opens, shown[opens / 2], shown[opens - 1], render[opens / 2]);
    }

    @Test
    void studyPage(@TempDir Path dir) throws Exception {
        int opens = Integer.getInteger("fluorovault.bench.opens", 10);
        ensureUser("bench", PASSWORD, Role.TECHNOLOGIST);
        String study = TestDicom.uid();
        String run = TestDicom.uid();
        send(TestDicom.phantomXa(
                dir,
                "BENCH-1",
                study,
                run,
                LumbarPhantom.builder()
                        .size(512)
                        .frames(30)
                        .contrast(LumbarPhantom.Contrast.EPIDURAL)
                        .seed(3)
                        .build()));
        // analysed before, as on receipt: the page times are the pages'
        assertEquals(
                200,
                getAsAdmin("/api/instances/" + run + "/analysis", "application/json")
                        .statusCode());
        double[] first = new double[opens], all = new double[opens];
        int[] stalls = new int[opens];
        try (Browser b = new Browser(httpPort)) {
            b.login("bench", PASSWORD);
            for (int i = 0; i < opens; i++) {
                b.open("/studies/" + study);
                first[i] = b.markTime("fv-first-frame");
                // play at once, as a reader would: a stall is a frame the cine had to wait for
                new Actions(b.driver()).sendKeys(Keys.SPACE).perform();
                b.awaitText("#frame-label", "30/30");
                new Actions(b.driver()).sendKeys(Keys.SPACE).perform();
                stalls[i] =
                        Integer.parseInt(b.driver().findElement(By.id("stage")).getDomAttribute("data-stalls"));
                all[i] = b.markTime("fv-all-frames");
                System.out.printf(
                        "[bench] open %d: first frame %.0f ms, all 30 frames %.0f ms, frames waited for in the first loop %d%n",
                        i + 1, first[i], all[i], stalls[i]);
            }
        }
        Arrays.sort(first);
        Arrays.sort(all);
        System.out.printf(
                "[bench] study page, 512x512x30 run, %d opens: first frame median %.0f ms (min %.0f, max %.0f);"
                        + " all frames loaded median %.0f ms; opens whose first loop stalled %d%n",
                opens,
                first[opens / 2],
                first[0],
                first[opens - 1],
                all[opens / 2],
                Arrays.stream(stalls).filter(s -> s > 0).count());
    }
}
