package org.fluorovault.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.fluorovault.support.Peers;
import org.fluorovault.support.TestCerts;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** With {@code fluorovault.dicom.port=-1} only the TLS port listens: a spoofed AE has no plain port to use. */
@Tag("interop")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DicomTlsOnlyTest {
    static final String PASSWORD = "tls-only-secret";
    static Path certs;

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) throws Exception {
        certs = TestCerts.make(PASSWORD);
        Path storage = Files.createTempDirectory("fv-tls-only");
        r.add("fluorovault.storage.path", storage::toString);
        r.add("fluorovault.storage.prepare-folders", () -> "false");
        r.add("fluorovault.storage.min-free-space", () -> "1MB");
        r.add("fluorovault.hl7.port", () -> "-1");
        r.add("fluorovault.dicom.port", () -> "-1");
        r.add("fluorovault.dicom.bind-address", () -> "127.0.0.1");
        r.add("fluorovault.dicom.tls.enabled", () -> "true");
        r.add("fluorovault.dicom.tls.port", () -> "0");
        TestCerts.serverIdentity(r, certs, PASSWORD);
        r.add("fluorovault.security.admin-password", () -> "tls-only-admin-password");
    }

    @Autowired
    DicomNode node;

    @Test
    void onlyTheTlsPortAnswers() throws Exception {
        Peers.require("echoscu");
        assertEquals(-1, node.port());
        assertTrue(node.isRunning());
        Peers.Result tls = Peers.run(
                certs,
                60,
                "echoscu",
                "-v",
                "+tls",
                "client.key",
                "client.crt",
                "+cf",
                "server.crt",
                "-aec",
                node.aeTitle(),
                "127.0.0.1",
                Integer.toString(node.tlsPort()));
        assertTrue(tls.output().contains("Received Echo Response (Success)"), tls.output());
    }
}
