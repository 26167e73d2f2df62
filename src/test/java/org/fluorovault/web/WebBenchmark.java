package org.fluorovault.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Arrays;

import org.fluorovault.security.Role;
import org.fluorovault.security.UserService;
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
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Page timings in Debian's chromium, for docs/benchmarks.md; prints, asserts nothing. Not part of the
 * suite (its name is not a test's); on demand: {@code mvn -o -B test -Dtest=WebBenchmark
 * -Dfluorovault.bench.opens=10}.
 */
@Tag("browser")
class WebBenchmark extends ArchiveTestBase {
    static final String PASSWORD = "bench-password-123";
    @Autowired UserService users;

    @Test
    void studyPage(@TempDir Path dir) throws Exception {
        int opens = Integer.getInteger("fluorovault.bench.opens", 10);
        if (users.list().stream().noneMatch(u -> "bench".equals(u.get("username")))) users.create("bench", PASSWORD, Role.TECHNOLOGIST);
        String study = TestDicom.uid();
        String run = TestDicom.uid();
        send(TestDicom.phantomXa(dir, "BENCH-1", study, run,
                LumbarPhantom.builder().size(512).frames(30).contrast(LumbarPhantom.Contrast.EPIDURAL).seed(3).build()));
        // analysed before, as on receipt: the page times are the pages'
        assertEquals(200, getAsAdmin("/api/instances/" + run + "/analysis", "application/json").statusCode());
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
                stalls[i] = Integer.parseInt(b.driver().findElement(By.id("stage")).getDomAttribute("data-stalls"));
                all[i] = b.markTime("fv-all-frames");
                System.out.printf("[bench] open %d: first frame %.0f ms, all 30 frames %.0f ms, frames waited for in the first loop %d%n",
                        i + 1, first[i], all[i], stalls[i]);
            }
        }
        Arrays.sort(first);
        Arrays.sort(all);
        System.out.printf("[bench] study page, 512x512x30 run, %d opens: first frame median %.0f ms (min %.0f, max %.0f);"
                        + " all frames loaded median %.0f ms; opens whose first loop stalled %d%n", opens, first[opens / 2], first[0],
                first[opens - 1], all[opens / 2], Arrays.stream(stalls).filter(s -> s > 0).count());
    }
}
