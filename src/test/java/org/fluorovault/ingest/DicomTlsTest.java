package org.fluorovault.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.dict.Tags;
import org.fluorovault.dicom.net.dimse.Commands;
import org.fluorovault.dicom.net.dimse.DimseClient;
import org.fluorovault.dicom.net.ul.Association;
import org.fluorovault.dicom.net.ul.AssociationParams;
import org.fluorovault.dicom.net.ul.AssociationRequest;
import org.fluorovault.security.DicomTls;
import org.fluorovault.security.DicomTlsProperties;
import org.fluorovault.support.ArchiveTestBase;
import org.fluorovault.support.NScu;
import org.fluorovault.support.Peers;
import org.fluorovault.support.ReportReceiver;
import org.fluorovault.support.TestCerts;
import org.fluorovault.support.TestDicom;
import org.fluorovault.tools.DicomFileInfo;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The TLS port with a required client certificate, against dcmtk's +tls and our own requestor
 * restricted to TLS 1.2 and to TLS 1.3. Keys and self-signed certificates are made with openssl.
 */
@Tag("interop")
class DicomTlsTest extends ArchiveTestBase {
    static final String PASSWORD = "tls-test-secret";
    static Path certs;

    @DynamicPropertySource
    static void tls(DynamicPropertyRegistry r) throws Exception {
        certs = TestCerts.make(PASSWORD);
        r.add("fluorovault.dicom.tls.enabled", () -> "true");
        r.add("fluorovault.dicom.tls.port", () -> "0");
        TestCerts.serverIdentity(r, certs, PASSWORD);
        tlsScpPort = Peers.freePort();
        tlsRequesterPort = Peers.freePort();
        r.add("fluorovault.dicom.commitment-requesters[TLSSCU].host", () -> "127.0.0.1");
        r.add("fluorovault.dicom.commitment-requesters[TLSSCU].port", () -> Integer.toString(tlsRequesterPort));
        r.add("fluorovault.dicom.commitment-requesters[TLSSCU].tls", () -> "true");
        r.add("fluorovault.dicom.move-destinations[TLSSCP].host", () -> "127.0.0.1");
        r.add("fluorovault.dicom.move-destinations[TLSSCP].port", () -> Integer.toString(tlsScpPort));
        r.add("fluorovault.dicom.move-destinations[TLSSCP].tls", () -> "true");
        // an AE bound to the test client's certificate
        r.add("fluorovault.dicom.peers[TLSBOUND].certificate-subject", () -> "CN=fluorovault-test-client");
        r.add("fluorovault.dicom.peers[TLSBOUND].services", () -> "STORE,QUERY");
    }

    static int tlsScpPort, tlsRequesterPort;

    /** The "client" identity: a peer that trusts our node's certificate and presents its own. */
    private static DicomTls clientTls(List<String> protocols, boolean needClientAuth) {
        return new DicomTls(new DicomTlsProperties(
                true,
                0,
                certs.resolve("client.p12"),
                PASSWORD,
                "PKCS12",
                certs.resolve("client-trust.p12"),
                PASSWORD,
                protocols,
                List.of(),
                needClientAuth));
    }

    @Test
    void storageCommitmentReportToATlsRequester() throws Exception {
        Path f = TestDicom.writeXa(dir.resolve("c"), "P-TLS-SC", TestDicom.uid(), 1, 32);
        assertEquals(0, send(f).failures().size());
        String iuid = DicomFileInfo.of(f).sopInstanceUid(), tx = TestDicom.uid();
        // the requester listens for TLS only, and requires our node's client certificate
        try (ReportReceiver requester = new ReportReceiver("TLSSCU")) {
            requester.start(
                    tlsRequesterPort,
                    clientTls(List.of("TLSv1.3", "TLSv1.2"), true).serverSocketFactory());
            new NScu(node.port(), node.aeTitle(), "TLSSCU", ReportReceiver.STORAGE_COMMITMENT)
                    .nActionThenAbort(
                            ReportReceiver.STORAGE_COMMITMENT,
                            "1.2.840.10008.1.20.1.1",
                            1,
                            StorageCommitmentScpTest.action(tx, iuid));
            ReportReceiver.Received r = requester.next(30);
            assertNotNull(r, "N-EVENT-REPORT over TLS on a new association");
            assertEquals(1, r.command().getInt(Tags.EventTypeID, 0));
            assertEquals(tx, r.dataset().getString(Tags.TransactionUID));
            assertEquals(
                    iuid,
                    r.dataset().getNestedItem(Tags.ReferencedSOPSequence).getString(Tags.ReferencedSOPInstanceUID));
        }
    }

    private static long received(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.count();
        }
    }

    @Test
    void cMoveToATlsDestination() throws Exception {
        Peers.require("storescp", "movescu", "storescu");
        String study = TestDicom.uid();
        Path f = TestDicom.writeXa(dir.resolve("m"), "P-TLS-MOVE", study, 1, 32);
        assertEquals(0, send(f).failures().size());
        Path out = Files.createDirectories(dir.resolve("tls-received"));
        // dcmtk storescp over TLS with the "client" identity, trusting our node's certificate
        Process scp = new ProcessBuilder(
                        "storescp",
                        "+tls",
                        "client.key",
                        "client.crt",
                        "+cf",
                        "server.crt",
                        "-aet",
                        "TLSSCP",
                        "-od",
                        out.toString(),
                        Integer.toString(tlsScpPort))
                .directory(certs.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("scp.log").toFile())
                .start();
        try {
            Peers.Result r = null;
            for (int i = 0; i < 50; i++) { // storescp may not listen yet: wait on the process, bounded
                r = Peers.run(
                        dir,
                        60,
                        "movescu",
                        "-v",
                        "-S",
                        "-aec",
                        node.aeTitle(),
                        "-aem",
                        "TLSSCP",
                        "-k",
                        "QueryRetrieveLevel=STUDY",
                        "-k",
                        "StudyInstanceUID=" + study,
                        "127.0.0.1",
                        Integer.toString(node.port()));
                if (received(out) > 0 || !scp.isAlive()) break;
                scp.waitFor(100, java.util.concurrent.TimeUnit.MILLISECONDS);
            }
            assertTrue(r.output().contains("Received Final Move Response (Success)"), r.output());
            assertEquals(1, received(out), "received over TLS: " + Files.readString(dir.resolve("scp.log")));
        } finally {
            scp.destroy();
            scp.waitFor();
        }
    }

    @TempDir
    Path dir;

    private String tlsPort() {
        return Integer.toString(node.tlsPort());
    }

    @Test
    void echoscuAndStorescuWithClientCertificate() throws Exception {
        Peers.require("echoscu", "storescu");
        Peers.Result echo = Peers.run(
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
                tlsPort());
        assertEquals(0, echo.exitCode(), echo.output());
        assertTrue(echo.output().contains("Received Echo Response (Success)"), echo.output());

        Path f = TestDicom.writeXa(dir, "P-TLS", TestDicom.uid(), 2, 64);
        Peers.Result store = Peers.run(
                certs,
                60,
                "storescu",
                "-v",
                "+tls",
                "client.key",
                "client.crt",
                "+cf",
                "server.crt",
                "-aec",
                node.aeTitle(),
                "127.0.0.1",
                tlsPort(),
                f.toString());
        assertEquals(0, store.exitCode(), store.output());
        assertNotNull(index.find(DicomFileInfo.of(f).sopInstanceUid()));
    }

    @Test
    void aPeerWithoutCertificateIsRefused() throws Exception {
        Peers.require("echoscu");
        Peers.Result r = Peers.run(certs, 60, "echoscu", "+tla", "-ic", "-aec", node.aeTitle(), "127.0.0.1", tlsPort());
        assertNotEquals(0, r.exitCode(), r.output());
    }

    private Attributes echoWith(String protocol) throws Exception {
        DicomTls client = clientTls(List.of(protocol), false);
        DimseClient dimse = new DimseClient();
        Association a = Association.connect(
                "127.0.0.1",
                node.tlsPort(),
                AssociationRequest.to(node.aeTitle()).withContext("1.2.840.10008.1.1", "1.2.840.10008.1.2"),
                AssociationParams.defaults("TLSCLIENT"),
                dimse,
                client.socketFactory());
        dimse.attach(a);
        try {
            return dimse.echo().get();
        } finally {
            a.release();
        }
    }

    @Test
    void tls12AndTls13AreBothOffered() throws Exception {
        assertEquals(0, Commands.status(echoWith("TLSv1.2")).code());
        assertEquals(0, Commands.status(echoWith("TLSv1.3")).code());
    }

    @Test
    void thePlainPortStaysPlain() throws Exception {
        Peers.require("echoscu");
        Peers.Result r =
                Peers.run(certs, 30, "echoscu", "-aec", node.aeTitle(), "127.0.0.1", Integer.toString(node.port()));
        assertEquals(0, r.exitCode(), r.output());
        assertThrows(
                IllegalArgumentException.class,
                () -> new DicomTlsProperties(
                        true, 0, null, null, "PKCS12", null, null, List.of("TLSv1.3"), List.of(), false),
                "TLS without a key store is a configuration error");
    }

    @Test
    void anAeBoundToACertificateIsAcceptedOnlyWithItOverTls() throws Exception {
        Peers.require("echoscu");
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
                "-aet",
                "TLSBOUND",
                "-aec",
                node.aeTitle(),
                "127.0.0.1",
                tlsPort());
        assertTrue(tls.output().contains("Received Echo Response (Success)"), tls.output());
        // the same AE title on the plain port: somebody else pretending to be it
        Peers.Result plain = Peers.run(
                certs,
                60,
                "echoscu",
                "-v",
                "-aet",
                "TLSBOUND",
                "-aec",
                node.aeTitle(),
                "127.0.0.1",
                Integer.toString(node.port()));
        assertNotEquals(0, plain.exitCode(), plain.output());
        assertTrue(plain.output().contains("Calling AE Title Not Recognized"), plain.output());
    }

    @Test
    void theTlsPortRefusesCbcAndStaticRsaSuites() throws Exception {
        Peers.require("openssl");
        String base = "openssl s_client -connect 127.0.0.1:" + tlsPort()
                + " -cert client.crt -key client.key -tls1_2 -cipher ";
        for (String weak : List.of("ECDHE-RSA-AES128-SHA", "AES128-SHA", "AES256-GCM-SHA384")) {
            Peers.Result r = Peers.run(certs, 30, "sh", "-c", base + weak + " < /dev/null");
            assertTrue(!r.output().contains("Cipher is " + weak), weak + " negotiated: " + r.output());
        }
        Peers.Result ok = Peers.run(certs, 30, "sh", "-c", base + "ECDHE-RSA-AES256-GCM-SHA384 < /dev/null");
        assertTrue(ok.output().contains("Cipher is ECDHE-RSA-AES256-GCM-SHA384"), ok.output());
    }
}
