package org.fluorovault.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * npm packages the tests drive, installed on first use into {@code target/node-peers} (never
 * committed) with their scripts from {@code src/test/node}: {@code dcmjs-dimse} 0.3 as an
 * independent N-service peer ({@code nservices.js}), {@code puppeteer-core} 25.16.0 to drive Debian's
 * firefox-esr over WebDriver BiDi ({@code firefox-workflow.mjs}; it downloads no browser). That
 * version is pinned: it declares Node 22.12 or later, but runs on the Node 20 here (tested), and a
 * later 25.x might not. {@code eslint} 9.39.5 with {@code @eslint/js} and {@code globals} lints the
 * pages' scripts ({@code eslint.config.mjs}).
 * Skipped locally without node/npm, a failure in CI.
 */
public final class NodePeer {
    private static final Path DIR = Path.of("target", "node-peers").toAbsolutePath();

    private NodePeer() {}

    public static Path install() throws Exception {
        return install("dcmjs-dimse", "0.3", "nservices.js");
    }

    /**
     * Installs npm {@code name@version} unless it is there, copies {@code script} from
     * src/test/node beside it and answers the copy.
     */
    public static synchronized Path install(String name, String version, String script) throws Exception {
        Peers.require("node", "npm");
        Files.createDirectories(DIR);
        if (!Files.isDirectory(DIR.resolve("node_modules").resolve(name))) {
            if (!Files.exists(DIR.resolve("package.json")))
                Files.writeString(DIR.resolve("package.json"), "{\"private\": true}\n");
            Peers.Result r = Peers.run(DIR, 600, "npm", "install", "--no-audit", "--no-fund", name + "@" + version);
            assertEquals(0, r.exitCode(), "npm install " + name + "@" + version + ": " + r.output());
        }
        Path copy = DIR.resolve(script);
        Files.copy(Path.of("src/test/node", script), copy, StandardCopyOption.REPLACE_EXISTING);
        return copy;
    }

    /** Runs an installed script with node in target/node-peers. */
    public static Peers.Result node(Path script, long timeoutSeconds, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("node", script.toString()));
        command.addAll(List.of(args));
        return Peers.run(DIR, timeoutSeconds, command);
    }

    /** Runs the script in {@code mode} against host:port; the output lines that are JSON objects. */
    public static List<String> run(String mode, int port, String calledAet, String json) throws Exception {
        Peers.Result r = node(install(), 120, mode, "127.0.0.1", Integer.toString(port), calledAet, json);
        List<String> lines = new ArrayList<>();
        for (String l : r.output().split("\n")) if (l.startsWith("{")) lines.add(l);
        assertEquals(0, r.exitCode(), r.output());
        return lines;
    }
}
