package org.fluorovault.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.fluorovault.support.NodePeer;
import org.fluorovault.support.Peers;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The pages' scripts without a browser: the unit tests of their pure modules ({@code node --test}
 * on {@code src/test/node/*.test.mjs}) and ESLint's recommended rules. Skipped locally without
 * node (and npm for ESLint), a failure in CI or with {@code -Dfluorovault.interop.required=true}.
 */
@Tag("interop") // node and npm, like the other node peers: mvn test -Pfast leaves it out
class FrontEndScriptsTest {
    private static final Path NODE_TESTS = Path.of("src/test/node");

    @Test
    void thePureModulesPassTheirNodeTests() throws Exception {
        Peers.require("node");
        List<String> command = new ArrayList<>(List.of("node", "--test"));
        try (Stream<Path> files = Files.list(NODE_TESTS)) {
            files.map(Path::toString)
                    .filter(f -> f.endsWith(".test.mjs"))
                    .sorted()
                    .forEach(command::add);
        }
        assertTrue(command.size() > 2, "no *.test.mjs in " + NODE_TESTS);
        Peers.Result r = Peers.run(null, 120, command);
        assertEquals(0, r.exitCode(), r.output());
        Matcher pass = Pattern.compile("(?m)^# pass (\\d+)$").matcher(r.output());
        assertTrue(pass.find() && Integer.parseInt(pass.group(1)) > 0, r.output());
        assertTrue(r.output().contains("\n# fail 0\n"), r.output());
        System.out.println("[node --test] " + pass.group(1) + " tests passed");
    }

    /** npm eslint with @eslint/js and globals, pinned, installed into target/node-peers on first use. */
    @Test
    void theScriptsPassEslint() throws Exception {
        Path config = NodePeer.install("eslint", "9.39.5", "eslint.config.mjs");
        NodePeer.install("@eslint/js", "9.39.5", "eslint.config.mjs");
        NodePeer.install("globals", "14.0.0", "eslint.config.mjs");
        Path eslint = config.resolveSibling("node_modules/eslint/bin/eslint.js");
        // from the repository root, so that the config's file patterns name the repository's folders
        Peers.Result r = Peers.run(
                null,
                120,
                "node",
                eslint.toString(),
                "--config",
                config.toString(),
                "--max-warnings",
                "0",
                "src/main/resources/static/assets",
                NODE_TESTS.toString());
        assertEquals(0, r.exitCode(), r.output());
        assertFalse(r.output().contains("problem"), r.output());
    }
}
