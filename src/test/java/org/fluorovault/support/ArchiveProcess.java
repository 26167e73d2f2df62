package org.fluorovault.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The archive as an operating-system process of its own (the test JVM's class path, the
 * application's main class), so that tests can kill it with SIGKILL, trace it, and start it again
 * on the same storage. Its output goes to {@code log} in the storage folder's parent.
 */
public final class ArchiveProcess implements AutoCloseable {
    public static final String ADMIN_PASSWORD = "crash-drill-admin-1";

    private final Process process;
    public final int dicomPort, httpPort;
    private final CountDownLatch started = new CountDownLatch(1);
    private final StringBuffer output = new StringBuffer();
    private final HttpClient http = HttpClient.newHttpClient();

    private ArchiveProcess(Process process, int dicomPort, int httpPort) {
        this.process = process;
        this.dicomPort = dicomPort;
        this.httpPort = httpPort;
        Thread reader = new Thread(this::pump, "archive-process-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts the archive on {@code storage} with the given extra arguments ({@code --name=value});
     * {@code prefix} (e.g. strace and its options) runs before {@code java}. Returns once it has started.
     */
    public static ArchiveProcess start(Path storage, List<String> prefix, List<String> args) throws Exception {
        int dicom = Peers.freePort(), web = Peers.freePort();
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                "org.fluorovault.FluoroVaultApplication"));
        List<String> defaults = List.of(
                "--fluorovault.storage.path=" + storage,
                "--fluorovault.storage.min-free-space=1MB",
                "--fluorovault.dicom.port=" + dicom,
                "--fluorovault.dicom.bind-address=127.0.0.1",
                "--server.port=" + web,
                "--server.address=127.0.0.1",
                "--fluorovault.hl7.port=-1",
                "--fluorovault.security.admin-password=" + ADMIN_PASSWORD,
                "--fluorovault.analysis.on-receipt=false",
                "--spring.main.banner-mode=off");
        for (String d : defaults) { // a setting given twice would reach Spring as a list: the caller's wins
            String key = d.substring(0, d.indexOf('=') + 1);
            if (args.stream().noneMatch(a -> a.startsWith(key))) cmd.add(d);
        }
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        // never outlive the tests, whatever path a test takes (an archive left running holds its ports and files)
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }));
        ArchiveProcess a = new ArchiveProcess(p, dicom, web);
        if (!a.started.await(120, TimeUnit.SECONDS) || !p.isAlive()) {
            p.destroyForcibly();
            throw new IllegalStateException("archive did not start:\n" + a.output());
        }
        return a;
    }

    private void pump() {
        try (BufferedReader r =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                output.append(line).append('\n');
                if (line.contains("Started FluoroVaultApplication")) started.countDown();
            }
        } catch (IOException e) {
            // the process died: its output ends here
        } finally {
            started.countDown();
        }
    }

    public String output() {
        return output.toString();
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL: no shutdown hook, no flush, no close; returns once the process is gone. */
    public void kill9() throws InterruptedException {
        // the archive may run under a prefix (strace): a killed tracer leaves its tracee running, so kill the tree
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(60, TimeUnit.SECONDS);
    }

    public HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                        .header(
                                "Authorization",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString(
                                                        ("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /**
     * The one object of a WADO-RS instance retrieval, as a Part-10 file in {@code dir}; null when the
     * answer is not 200.
     */
    public Path retrieve(Path dir, String study, String series, String instance) throws Exception {
        HttpResponse<byte[]> r = get("/dicomweb/studies/" + study + "/series/" + series + "/instances/" + instance);
        if (r.statusCode() != 200) return null;
        String ct = r.headers().firstValue("Content-Type").orElseThrow();
        String boundary = ct.substring(ct.indexOf("boundary=") + 9).replace("\"", "");
        String body = new String(r.body(), StandardCharsets.ISO_8859_1);
        int start = body.indexOf("\r\n\r\n", body.indexOf("--" + boundary)) + 4;
        int end = body.indexOf("\r\n--" + boundary, start);
        Path f = Files.createTempFile(dir, "wado", ".dcm");
        Files.write(f, java.util.Arrays.copyOfRange(r.body(), start, end));
        return f;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) kill9();
    }
}
