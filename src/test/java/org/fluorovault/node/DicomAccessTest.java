package org.fluorovault.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fluorovault.archive.InstanceIndex;
import org.fluorovault.audit.AuditEventType;
import org.fluorovault.audit.AuditFilter;
import org.fluorovault.audit.AuditRecord;
import org.fluorovault.audit.AuditTrail;
import org.fluorovault.dicom.net.ul.Association;
import org.fluorovault.dicom.net.ul.AssociationParams;
import org.fluorovault.dicom.net.ul.AssociationRejectedException;
import org.fluorovault.dicom.net.ul.AssociationRequest;
import org.fluorovault.dicom.net.ul.RejectReason;
import org.fluorovault.support.Peers;
import org.fluorovault.support.TestDicom;
import org.fluorovault.tools.DicomFileInfo;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Who may do what on the DICOM port, with dcmtk as the peers: configured peers by AE title,
 * address and bound certificate, services per AE, the older allow-list, refusals audited; and the
 * connection limits (idle sockets that never associate do not lock real peers out).
 */
@Tag("interop")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DicomAccessTest {
    static Path storage;

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) throws Exception {
        storage = Files.createTempDirectory("fv-access");
        r.add("fluorovault.storage.path", storage::toString);
        r.add("fluorovault.storage.prepare-folders", () -> "false");
        r.add("fluorovault.storage.min-free-space", () -> "1MB");
        r.add("fluorovault.dicom.port", () -> "0");
        r.add("fluorovault.hl7.port", () -> "-1");
        r.add("fluorovault.dicom.bind-address", () -> "127.0.0.1");
        r.add("fluorovault.security.admin-password", () -> "access-admin-password-1");
        // a C-arm: the default services of a peer (store, worklist, MPPS, commitment)
        r.add("fluorovault.dicom.peers[CARM1].addresses", () -> "127.0.0.0/8");
        // a reading workstation: query and retrieve only
        r.add("fluorovault.dicom.peers[WORKSTATION].addresses", () -> "127.0.0.1");
        r.add("fluorovault.dicom.peers[WORKSTATION].services", () -> "QUERY,RETRIEVE");
        r.add("fluorovault.dicom.peers[FARAWAY].addresses", () -> "10.9.9.0/24");
        r.add("fluorovault.dicom.peers[FARAWAY].services", () -> "STORE,QUERY");
        r.add("fluorovault.dicom.peers[CERTONLY].certificate-subject", () -> "CN=fluorovault-test-client");
        r.add("fluorovault.dicom.peers[CERTONLY].services", () -> "QUERY,RETRIEVE");
        r.add("fluorovault.dicom.allowed-calling-aets", () -> "LEGACY");
        r.add("fluorovault.dicom.artim-timeout", () -> "3s");
        r.add("fluorovault.dicom.max-connections-per-address", () -> "4");
    }

    @Autowired
    DicomNode node;

    @Autowired
    InstanceIndex index;

    @Autowired
    AuditTrail audit;

    @TempDir
    Path dir;

    private String port() {
        return Integer.toString(node.port());
    }

    private Peers.Result echo(String aet) throws Exception {
        return Peers.run(dir, 60, "echoscu", "-v", "-aet", aet, "-aec", node.aeTitle(), "127.0.0.1", port());
    }

    private Peers.Result find(String aet, String patientId) throws Exception {
        return Peers.run(
                dir,
                60,
                "findscu",
                "-v",
                "-S",
                "-aet",
                aet,
                "-aec",
                node.aeTitle(),
                "-k",
                "QueryRetrieveLevel=STUDY",
                "-k",
                "PatientID=" + patientId,
                "-k",
                "StudyInstanceUID",
                "127.0.0.1",
                port());
    }

    private Peers.Result store(String aet, Path f) throws Exception {
        return Peers.run(
                dir, 60, "storescu", "-v", "-aet", aet, "-aec", node.aeTitle(), "127.0.0.1", port(), f.toString());
    }

    /** Security alerts recorded for this (escaped) user. */
    private List<AuditRecord> alerts(String user) throws Exception {
        audit.flush();
        return audit.search(new AuditFilter(user, null, null, null, null, AuditEventType.SECURITY_ALERT), 0, 100)
                .items();
    }

    @Test
    void anUnknownAeIsRejectedAndAudited() throws Exception {
        Peers.require("echoscu");
        Peers.Result r = echo("STRANGER");
        assertNotEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("Calling AE Title Not Recognized"), r.output());
        List<AuditRecord> a = alerts("STRANGER");
        assertFalse(a.isEmpty(), "refusal audited");
        assertEquals("127.0.0.1", a.get(0).event().sourceAddress());
        assertTrue(
                a.get(0).event().detail().contains("not configured"),
                a.get(0).event().detail());
    }

    @Test
    void aKnownAeFromAnotherAddressIsRejected() throws Exception {
        Peers.require("echoscu");
        Peers.Result r = echo("FARAWAY");
        assertTrue(r.output().contains("Calling AE Title Not Recognized"), r.output());
        assertTrue(alerts("FARAWAY").get(0).event().detail().contains("address 127.0.0.1 not allowed"));
    }

    @Test
    void anAeBoundToACertificateCannotBeSpoofedOnThePlainPort() throws Exception {
        Peers.require("findscu");
        Peers.Result r = find("CERTONLY", "*");
        assertNotEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("Calling AE Title Not Recognized"), r.output());
        assertTrue(alerts("CERTONLY").get(0).event().detail().contains("TLS port"));
    }

    @Test
    void aCarmStoresAndEchoesButCannotQuery() throws Exception {
        Peers.require("echoscu", "storescu", "findscu");
        assertTrue(echo("CARM1").output().contains("Received Echo Response (Success)"));
        Path f = TestDicom.writeXa(dir, "P-ACCESS-1", TestDicom.uid(), 1, 32);
        Peers.Result s = store("CARM1", f);
        assertEquals(0, s.exitCode(), s.output());
        assertNotNull(index.find(DicomFileInfo.of(f).sopInstanceUid()));

        Peers.Result q = find("CARM1", "P-ACCESS-1");
        // dcmtk 3.6.7 has no name for 0124 (Refused: Not Authorized, PS3.7 C.5.20)
        assertTrue(q.output().contains("Final Find Response (Unknown Status: 0x124)"), q.output());
        assertFalse(q.output().contains(DicomFileInfo.of(f).sopInstanceUid()));
        assertTrue(alerts("CARM1").stream().anyMatch(x -> x.event().detail().contains("C_FIND_RQ refused")));
    }

    @Test
    void aWorkstationQueriesButCannotStore() throws Exception {
        Peers.require("storescu", "findscu");
        String study = TestDicom.uid();
        Path f = TestDicom.writeXa(dir, "P-ACCESS-2", study, 1, 32);
        assertEquals(0, store("CARM1", f).exitCode());
        Peers.Result q = find("WORKSTATION", "P-ACCESS-2");
        assertTrue(q.output().contains(study), q.output());

        Path g = TestDicom.writeXa(dir.resolve("ws"), "P-ACCESS-3", TestDicom.uid(), 1, 32);
        Peers.Result s = store("WORKSTATION", g);
        assertTrue(s.output().contains("Received Store Response (Unknown Status: 0x124)"), s.output());
        assertNull(index.find(DicomFileInfo.of(g).sopInstanceUid()), "nothing stored");
    }

    @Test
    void theOlderAllowListStillGrantsEverything() throws Exception {
        Peers.require("findscu");
        Peers.Result q = find("LEGACY", "*");
        assertEquals(0, q.exitCode(), q.output());
        assertFalse(q.output().contains("0x124"), q.output());
    }

    @Test
    void controlCharactersInAeTitlesAreEscapedInTheLog() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        try {
            String evil = "EVIL\nFORGED\u001b[2J";
            AssociationRejectedException e = org.junit.jupiter.api.Assertions.assertThrows(
                    AssociationRejectedException.class,
                    () -> Association.connect(
                            "127.0.0.1",
                            node.port(),
                            AssociationRequest.to(node.aeTitle()).withContext("1.2.840.10008.1.1", "1.2.840.10008.1.2"),
                            AssociationParams.defaults(evil),
                            (a, pc, cmd) -> {}));
            assertEquals(
                    RejectReason.CALLING_AE_NOT_RECOGNIZED, e.rejectReason().orElseThrow());
            audit.flush();
        } finally {
            root.detachAppender(logs);
        }
        List<String> lines = logs.list.stream()
                .map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.contains("EVIL"))
                .toList();
        assertFalse(lines.isEmpty(), "the refusal is logged");
        for (String m : lines) {
            assertFalse(m.contains("\n") || m.contains("\u001b"), "raw control character in: " + m);
            assertTrue(m.contains("EVIL\\nFORGED\\x1B[2J"), m);
        }
    }

    @Test
    void idleConnectionsDoNotLockPeersOutAndAreClosedByArtim() throws Exception {
        Peers.require("echoscu");
        // 40 connections from 127.0.0.2 that never send an A-ASSOCIATE-RQ
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) {
                Socket s = new Socket();
                s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
                s.connect(new InetSocketAddress("127.0.0.1", node.port()), 5000);
                idle.add(s);
            }
            long t0 = System.nanoTime();
            Peers.Result r =
                    Peers.run(dir, 20, "echoscu", "-v", "-aet", "CARM1", "-aec", node.aeTitle(), "127.0.0.1", port());
            assertTrue(r.output().contains("Received Echo Response (Success)"), r.output());
            assertTrue(System.nanoTime() - t0 < 10_000_000_000L, "echo answered while the idle connections are open");
            // every idle one is closed: beyond the 4 per address at once, the others when ARTIM (3 s) expires
            int closedAtOnce = 0;
            for (Socket s : idle) {
                s.setSoTimeout(15_000);
                long start = System.nanoTime();
                try (InputStream in = s.getInputStream()) {
                    assertEquals(-1, in.read(), "closed by the node without a byte");
                } catch (SocketTimeoutException e) {
                    throw new AssertionError("an idle connection stayed open beyond ARTIM", e);
                } catch (IOException reset) {
                    // a reset also closes it
                }
                if (System.nanoTime() - start < 1_000_000_000L) closedAtOnce++;
            }
            assertTrue(
                    closedAtOnce >= 36 - 1, "connections beyond the per-address limit closed at once: " + closedAtOnce);
        } finally {
            for (Socket s : idle) s.close();
        }
    }
}
