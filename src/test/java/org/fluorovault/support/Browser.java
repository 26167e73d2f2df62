package org.fluorovault.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's chromium driven through its chromium-driver (no browser or driver download: both paths
 * are given, so Selenium Manager never runs), headless at 1366x768 with a fresh profile. Browser
 * tests are {@code @Tag("browser")} and follow {@link Peers}: skipped locally without chromium,
 * a failure in CI. Waits are event-driven: pages announce themselves with DOM events the tests
 * await in asynchronous scripts, never by polling.
 */
public final class Browser implements AutoCloseable {
    public static final int WIDTH = 1366, HEIGHT = 768;
    private final ChromeDriver driver;
    private final Path profile;
    private final String base;

    public Browser(int httpPort) throws IOException {
        Peers.require("chromium", "chromedriver");
        profile = Files.createTempDirectory("fv-chromium");
        ChromeOptions o = new ChromeOptions();
        o.setBinary(Peers.which("chromium"));
        o.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile,
                "--window-size=" + WIDTH + "," + HEIGHT,
                "--lang=en-US");
        o.setExperimentalOption(
                "prefs",
                java.util.Map.of(
                        "download.default_directory",
                        profile.resolve("downloads").toString(),
                        "download.prompt_for_download",
                        false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(Peers.which("chromedriver")))
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, o);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        // the page itself gets 1366x768 (the window's own frame comes on top of that)
        Dimension outer = driver.manage().window().getSize();
        long innerW = (Long) driver.executeScript("return window.innerWidth"),
                innerH = (Long) driver.executeScript("return window.innerHeight");
        driver.manage()
                .window()
                .setSize(new Dimension(outer.width + WIDTH - (int) innerW, outer.height + HEIGHT - (int) innerH));
        base = "http://127.0.0.1:" + httpPort;
    }

    public WebDriver driver() {
        return driver;
    }

    public String base() {
        return base;
    }

    /** Opens a page and resolves when it has announced {@code fv-ready} (its data has been drawn). */
    public void open(String path) {
        driver.get(base + path);
        awaitReady();
    }

    public void awaitReady() {
        script("""
                const done = arguments[arguments.length - 1];
                if (document.body.dataset.ready) done(true);
                else document.addEventListener('fv-ready', () => done(true), { once: true });""");
    }

    /** Signs in through the login form. */
    public void login(String user, String password) {
        driver.get(base + "/login");
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(password);
        clickToNextPage(By.cssSelector("form.login button[type=submit]"));
    }

    /**
     * Clicks an element that loads another page, and returns when that page has announced
     * {@code fv-ready}. The page being left has announced it too, so this first waits for it to
     * be gone (WebDriver's wait for staleness: a click may return before the navigation starts,
     * which under load made a test read the old page's address).
     */
    public void clickToNextPage(By element) {
        WebElement e = driver.findElement(element);
        e.click();
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.stalenessOf(e));
        awaitReady();
    }

    /** Runs an asynchronous script: its last argument is the callback that ends it. */
    public Object script(String body, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript(body, args);
    }

    public Object js(String body, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(body, args);
    }

    /** Resolves when the element's text contains {@code text} (a MutationObserver, no polling). */
    public String awaitText(String css, String text) {
        return (String) script("""
                const [css, text, done] = arguments;
                const e = document.querySelector(css);
                const check = () => { if (e.textContent.includes(text)) { observer.disconnect(); done(e.textContent); return true; } };
                const observer = new MutationObserver(check);
                if (!check()) observer.observe(e, { childList: true, subtree: true, characterData: true });""", css, text);
    }

    /** The time of a performance mark the page sets (ms after navigation start), once it is set. */
    public double markTime(String name) {
        return ((Number) script("""
                const [name, done] = arguments;
                const hit = () => performance.getEntriesByName(name)[0];
                if (hit()) done(hit().startTime);
                else new PerformanceObserver((list, o) => { const e = list.getEntriesByName(name)[0];
                  if (e) { o.disconnect(); done(e.startTime); } }).observe({ type: 'mark', buffered: true });""", name)).doubleValue();
    }

    /**
     * Clicks a download link and answers the file once the browser has finished it: chromium
     * reserves {@code name} with an empty file, writes a .crdownload beside it and finally renames
     * that over it. Each step is a file-system event the wait wakes up on (no polling). The
     * downloads the tests make are never empty.
     */
    public Path download(By link, String name) throws IOException, InterruptedException {
        Path dir = Files.createDirectories(profile.resolve("downloads"));
        Path file = dir.resolve(name);
        try (WatchService watch = dir.getFileSystem().newWatchService()) {
            dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
            driver.findElement(link).click();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!finished(dir, file)) {
                WatchKey key = watch.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (key == null) throw new AssertionError(name + " was not downloaded within 60 s");
                key.pollEvents();
                key.reset();
            }
        }
        return file;
    }

    private static boolean finished(Path dir, Path file) throws IOException {
        if (!Files.exists(file) || Files.size(file) == 0) return false; // not there, or only the reserved name
        try (Stream<Path> s = Files.list(dir)) {
            return s.noneMatch(p -> p.getFileName().toString().endsWith(".crdownload"));
        }
    }

    /** Script errors the pages logged (answers with an HTTP error status are the pages' business, not errors). */
    public List<String> scriptErrors() {
        return driver.manage().logs().get("browser").getAll().stream()
                .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                .map(Object::toString)
                .filter(m -> !m.contains("Failed to load resource"))
                .toList();
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (Stream<Path> s = Files.walk(profile)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
