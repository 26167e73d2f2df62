package org.fluorovault.support;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Independent peers (dcmtk, dicom3tools) for interop tests: skipped locally when missing,
 * a failure in CI (CI=true), where .ci/run installs them.
 */
public final class Peers {
    private Peers() {}

    public static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI")) || Boolean.getBoolean("fluorovault.interop.required");
    }

    public static void require(String... commands) {
        for (String c : commands) {
            if (which(c) == null) {
                if (inCi()) fail(c + " is not installed, but interop tests must run in CI (.ci/run installs it)");
                assumeTrue(false, c + " not installed: interop test skipped locally");
            }
        }
    }

    public static String which(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            File f = new File(dir, command);
            if (f.canExecute()) return f.getPath();
        }
        return null;
    }

    /** A port free on this machine now (for a peer started later). */
    public static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Output and exit code of a finished process. */
    public record Result(int exitCode, String output) {}

    public static Result run(Path workDir, long timeoutSeconds, String... command)
            throws IOException, InterruptedException {
        return run(workDir, timeoutSeconds, List.of(command));
    }

    public static Result run(Path workDir, long timeoutSeconds, List<String> command)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
        if (workDir != null) pb.directory(workDir.toFile());
        Process p = pb.start();
        byte[] out;
        try (var in = p.getInputStream()) {
            // read in a thread-free way: the process ends by itself or is destroyed on timeout below
            var reader = new java.util.concurrent.CompletableFuture<byte[]>();
            Thread t = new Thread(() -> {
                try {
                    reader.complete(in.readAllBytes());
                } catch (IOException e) {
                    reader.complete(new byte[0]);
                }
            });
            t.setDaemon(true);
            t.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("timed out after " + timeoutSeconds + " s: " + String.join(" ", command));
            }
            try {
                out = reader.get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                out = new byte[0];
            }
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
