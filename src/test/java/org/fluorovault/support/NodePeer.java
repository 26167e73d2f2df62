package org.fluorovault.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * npm {@code dcmjs-dimse} 0.3 as an independent N-service peer: installed on first use into
 * {@code target/node-peers} (never committed), driven by {@code src/test/node/nservices.js}.
 * Skipped locally without node/npm, a failure in CI.
 */
public final class NodePeer {
    private static final Path DIR = Path.of("target", "node-peers").toAbsolutePath();

    private NodePeer() {}

    public static synchronized Path install() throws Exception {
        Peers.require("node", "npm");
        Files.createDirectories(DIR);
        if (!Files.isDirectory(DIR.resolve("node_modules/dcmjs-dimse"))) {
            if (!Files.exists(DIR.resolve("package.json"))) Files.writeString(DIR.resolve("package.json"), "{\"private\": true}\n");
            Peers.Result r = Peers.run(DIR, 600, "npm", "install", "--no-audit", "--no-fund", "dcmjs-dimse@0.3");
            assertEquals(0, r.exitCode(), "npm install dcmjs-dimse@0.3: " + r.output());
        }
        Path script = DIR.resolve("nservices.js");
        Files.copy(Path.of("src/test/node/nservices.js"), script, StandardCopyOption.REPLACE_EXISTING);
        return script;
    }

    /** Runs the script in {@code mode} against host:port; the output lines that are JSON objects. */
    public static List<String> run(String mode, int port, String calledAet, String json) throws Exception {
        Path script = install();
        Peers.Result r = Peers.run(DIR, 120, "node", script.toString(), mode, "127.0.0.1", Integer.toString(port), calledAet, json);
        List<String> lines = new ArrayList<>();
        for (String l : r.output().split("\n")) if (l.startsWith("{")) lines.add(l);
        assertEquals(0, r.exitCode(), r.output());
        return lines;
    }
}
