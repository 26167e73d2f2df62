package org.fluorovault.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.data.Sequence;
import org.fluorovault.dicom.data.VR;
import org.fluorovault.dicom.dict.Tags;
import org.fluorovault.support.ArchiveTestBase;
import org.fluorovault.support.NScu;
import org.fluorovault.support.NodePeer;
import org.fluorovault.support.Peers;
import org.fluorovault.support.ReportReceiver;
import org.fluorovault.support.TestDicom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Storage Commitment Push SCP: immediate N-ACTION-RSP, then an N-EVENT-REPORT on the same
 * association, or on a new one to the configured requester when the first has gone.
 */
class StorageCommitmentScpTest extends ArchiveTestBase {
    static final String SC = "1.2.840.10008.1.20.1";
    static final String SC_INSTANCE = "1.2.840.10008.1.20.1.1";

    /** The requester's own SCP, where reports arrive after its association has closed. */
    static final ReportReceiver AWAY = new ReportReceiver("AWAYSCU");

    static final int AWAY_PORT;
    /** A requester whose SCP is not listening until the node has been stopped. */
    static final int LATE_PORT = Peers.freePort();

    static {
        try {
            AWAY_PORT = AWAY.start(0, null);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void requesters(DynamicPropertyRegistry r) {
        r.add("fluorovault.dicom.commitment-requesters[AWAYSCU].host", () -> "127.0.0.1");
        r.add("fluorovault.dicom.commitment-requesters[AWAYSCU].port", () -> Integer.toString(AWAY_PORT));
        r.add("fluorovault.dicom.commitment-requesters[LATESCU].host", () -> "127.0.0.1");
        r.add("fluorovault.dicom.commitment-requesters[LATESCU].port", () -> Integer.toString(LATE_PORT));
    }

    @AfterAll
    static void stopAway() {
        AWAY.close();
    }

    @TempDir
    Path dir;

    /** Stores {@code n} new XA instances; their SOP Instance UIDs. */
    private List<String> storeXa(int n) throws Exception {
        List<String> uids = new ArrayList<>();
        String study = TestDicom.uid(), series = TestDicom.uid();
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String iuid = TestDicom.uid();
            uids.add(iuid);
            files.add(TestDicom.write(
                    dir.resolve(iuid + ".dcm"),
                    TestDicom.xa("SC1", study, series, iuid, 1, 32),
                    "1.2.840.10008.1.2.1"));
        }
        assertEquals(0, send(files.toArray(Path[]::new)).failures().size());
        return uids;
    }

    static Attributes action(String transaction, String... iuids) {
        Attributes ds = new Attributes();
        ds.setString(Tags.TransactionUID, VR.UI, transaction);
        Sequence refs = ds.newSequence(Tags.ReferencedSOPSequence);
        for (String iuid : iuids) {
            Attributes r = refs.addNewItem();
            r.setString(Tags.ReferencedSOPClassUID, VR.UI, TestDicom.XA);
            r.setString(Tags.ReferencedSOPInstanceUID, VR.UI, iuid);
        }
        return ds;
    }

    private void tamper(String iuid) throws IOException {
        Path file = archive.resolve(index.find(iuid).path());
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long pos = ch.size() - 100;
            ByteBuffer b = ByteBuffer.allocate(1);
            ch.read(b, pos);
            b.put(0, (byte) (b.get(0) ^ 0x01)).rewind();
            ch.write(b, pos);
        }
    }

    private static List<String> uids(Sequence s) {
        List<String> r = new ArrayList<>();
        if (s != null) for (Attributes i : s) r.add(i.getString(Tags.ReferencedSOPInstanceUID));
        return r;
    }

    @Test
    void reportOnTheSameAssociationListsTamperedAndMissingInstancesAsFailed() throws Exception {
        List<String> stored = storeXa(2);
        String ok = stored.get(0), tampered = stored.get(1), missing = TestDicom.uid(), tx = TestDicom.uid();
        tamper(tampered);
        try (NScu scu = new NScu(node.port(), node.aeTitle(), "CARM1", SC)) {
            Attributes rsp = scu.nAction(SC, SC_INSTANCE, 1, action(tx, ok, tampered, missing));
            assertEquals(0, rsp.getInt(Tags.Status, -1));
            assertEquals(0x8130, rsp.getInt(Tags.CommandField, 0));
            assertEquals(1, rsp.getInt(Tags.ActionTypeID, 0));
            NScu.Report report = scu.nextReport(30);
            assertNotNull(report, "N-EVENT-REPORT on the requesting association");
            assertEquals(0x0100, report.command().getInt(Tags.CommandField, 0));
            assertEquals(SC, report.command().getString(Tags.AffectedSOPClassUID));
            assertEquals(SC_INSTANCE, report.command().getString(Tags.AffectedSOPInstanceUID));
            assertEquals(2, report.command().getInt(Tags.EventTypeID, 0), "failures present");
            Attributes ds = report.dataset();
            assertEquals(tx, ds.getString(Tags.TransactionUID));
            assertEquals(List.of(ok), uids(ds.getSequence(Tags.ReferencedSOPSequence)));
            Sequence failed = ds.getSequence(Tags.FailedSOPSequence);
            assertEquals(List.of(tampered, missing), uids(failed));
            assertEquals(0x0110, failed.get(0).getInt(Tags.FailureReason, 0), "SHA-256 no longer matches");
            assertEquals(0x0112, failed.get(1).getInt(Tags.FailureReason, 0), "not in the archive");
            assertEquals(TestDicom.XA, failed.get(1).getString(Tags.ReferencedSOPClassUID));
        }
    }

    @Test
    void allCommittedIsEventOneWithoutFailedSequence() throws Exception {
        List<String> stored = storeXa(3);
        String tx = TestDicom.uid();
        try (NScu scu = new NScu(node.port(), node.aeTitle(), "CARM1", SC)) {
            assertEquals(
                    0,
                    scu.nAction(SC, SC_INSTANCE, 1, action(tx, stored.toArray(String[]::new)))
                            .getInt(Tags.Status, -1));
            NScu.Report report = scu.nextReport(30);
            assertNotNull(report);
            assertEquals(1, report.command().getInt(Tags.EventTypeID, 0));
            assertEquals(stored, uids(report.dataset().getSequence(Tags.ReferencedSOPSequence)));
            assertNull(report.dataset().getSequence(Tags.FailedSOPSequence));
        }
    }

    @Test
    void malformedRequestsAreRefusedWithAComment() throws Exception {
        try (NScu scu = new NScu(node.port(), node.aeTitle(), "CARM1", SC)) {
            Attributes noTx = action(TestDicom.uid(), TestDicom.uid());
            noTx.remove(Tags.TransactionUID);
            Attributes rsp = scu.nAction(SC, SC_INSTANCE, 1, noTx);
            assertEquals(0x0120, rsp.getInt(Tags.Status, -1));
            assertEquals(Tags.TransactionUID, rsp.getInt(Tags.OffendingElement, 0));
            assertEquals(
                    0x0123,
                    scu.nAction(SC, SC_INSTANCE, 2, action(TestDicom.uid(), TestDicom.uid()))
                            .getInt(Tags.Status, -1),
                    "no such action");
            assertEquals(
                    0x0112,
                    scu.nAction(SC, "1.2.3.4", 1, action(TestDicom.uid(), TestDicom.uid()))
                            .getInt(Tags.Status, -1),
                    "not the well-known instance");
            assertNull(scu.nextReport(0), "no report for refused requests");
            // the node keeps serving on the same association
            assertEquals(
                    0,
                    scu.nAction(SC, SC_INSTANCE, 1, action(TestDicom.uid(), TestDicom.uid()))
                            .getInt(Tags.Status, -1));
            assertEquals(2, scu.nextReport(30).command().getInt(Tags.EventTypeID, 0));
        }
    }

    @Test
    void reportGoesToTheConfiguredAddressOnceTheRequesterHasLeft() throws Exception {
        List<String> stored = storeXa(1);
        String tx = TestDicom.uid();
        NScu scu = new NScu(node.port(), node.aeTitle(), "AWAYSCU", SC);
        scu.nActionThenAbort(SC, SC_INSTANCE, 1, action(tx, stored.get(0)));
        ReportReceiver.Received r = AWAY.next(30);
        assertNotNull(r, "N-EVENT-REPORT on a new association to AWAYSCU");
        assertEquals(1, r.command().getInt(Tags.EventTypeID, 0));
        assertEquals(tx, r.dataset().getString(Tags.TransactionUID));
        assertEquals(stored, uids(r.dataset().getSequence(Tags.ReferencedSOPSequence)));
        assertNotNull(r.role(), "SCP role proposed for the SOP class");
        assertTrue(r.role().scp(), "FluoroVault acts as SCP: the requester's role selection accepts SCP role");
    }

    private int recorded(String transaction) {
        return jdbc.queryForObject(
                "SELECT COUNT(*) FROM commitment_request WHERE transaction_uid = ?", Integer.class, transaction);
    }

    @Test
    void aReportNotDeliveredBeforeARestartIsDeliveredAfterIt() throws Exception {
        List<String> stored = storeXa(2);
        String tx = TestDicom.uid(), missing = TestDicom.uid();
        new NScu(node.port(), node.aeTitle(), "LATESCU", SC)
                .nActionThenAbort(SC, SC_INSTANCE, 1, action(tx, stored.get(0), stored.get(1), missing));
        assertTrue(node.awaitIdle(30_000), "the N-ACTION was read before the abort closed the association");
        node.stop(); // LATESCU was not listening: the report could not be delivered
        try (ReportReceiver late = new ReportReceiver("LATESCU")) {
            try {
                assertEquals(1, recorded(tx), "the request is kept while its report is undelivered");
                late.start(LATE_PORT, null);
            } finally {
                node.start();
            }
            ReportReceiver.Received r = late.next(30);
            assertNotNull(r, "N-EVENT-REPORT delivered after the restart");
            assertEquals(2, r.command().getInt(Tags.EventTypeID, 0));
            assertEquals(tx, r.dataset().getString(Tags.TransactionUID));
            assertEquals(stored, uids(r.dataset().getSequence(Tags.ReferencedSOPSequence)));
            assertEquals(List.of(missing), uids(r.dataset().getSequence(Tags.FailedSOPSequence)));
            node.stop(); // waits for the worker, which forgets the delivered request
            node.start();
            assertEquals(0, recorded(tx), "a delivered report is not sent again");
            assertNull(late.next(0), "exactly one report");
        }
        try (NScu scu = new NScu(node.port(), node.aeTitle(), "CARM1", SC)) { // the restarted node serves on
            assertEquals(
                    0,
                    scu.nAction(SC, SC_INSTANCE, 1, action(TestDicom.uid(), stored.get(0)))
                            .getInt(Tags.Status, -1));
            assertEquals(1, scu.nextReport(30).command().getInt(Tags.EventTypeID, 0));
        }
    }

    @Tag("interop")
    @Test
    void dcmjsDimseReceivesTheReportOnItsAssociation() throws Exception {
        List<String> stored = storeXa(1);
        String tx = TestDicom.uid(), missing = TestDicom.uid();
        String json = """
                {"callingAet": "DCMJS", "lingerMillis": 3000,
                 "action": {"TransactionUID": "%s", "ReferencedSOPSequence": [
                   {"ReferencedSOPClassUID": "%s", "ReferencedSOPInstanceUID": "%s"},
                   {"ReferencedSOPClassUID": "%s", "ReferencedSOPInstanceUID": "%s"}]}}""".formatted(tx, TestDicom.XA, stored.get(0), TestDicom.XA, missing);
        List<String> out = NodePeer.run("commit", node.port(), node.aeTitle(), json);
        ObjectMapper m = new ObjectMapper();
        JsonNode action = null, report = null;
        for (String l : out) {
            JsonNode n = m.readTree(l);
            if ("N-ACTION".equals(n.path("op").asString())) action = n;
            if ("N-EVENT-REPORT".equals(n.path("op").asString())) report = n;
        }
        assertNotNull(action, out.toString());
        assertEquals(0, action.get("status").asInt());
        assertNotNull(report, "dcmjs-dimse got the N-EVENT-REPORT: " + out);
        assertEquals(2, report.get("eventTypeId").asInt());
        assertEquals(SC_INSTANCE, report.get("affectedSopInstanceUid").asString());
        JsonNode ds = report.get("dataset");
        assertEquals(tx, ds.get("TransactionUID").asString());
        assertEquals(
                stored.get(0),
                ds.get("ReferencedSOPSequence")
                        .get(0)
                        .get("ReferencedSOPInstanceUID")
                        .asString());
        assertEquals(
                missing,
                ds.get("FailedSOPSequence")
                        .get(0)
                        .get("ReferencedSOPInstanceUID")
                        .asString());
        assertEquals(
                0x0112, ds.get("FailedSOPSequence").get(0).get("FailureReason").asInt());
    }
}
