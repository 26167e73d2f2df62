package org.fluorovault.query;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.fluorovault.audit.AuditEvent;
import org.fluorovault.audit.AuditEventType;
import org.fluorovault.audit.AuditFilter;
import org.fluorovault.audit.AuditOutcome;
import org.fluorovault.audit.AuditRecord;
import org.fluorovault.audit.AuditTrail;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.data.VR;
import org.fluorovault.dicom.dict.Tags;
import org.fluorovault.dicom.io.DicomReader;
import org.fluorovault.dicom.io.DicomWriter;
import org.fluorovault.dicom.io.TransferSyntax;
import org.fluorovault.dicom.net.dimse.Commands;
import org.fluorovault.dicom.net.dimse.DimseClient;
import org.fluorovault.dicom.net.ul.Association;
import org.fluorovault.dicom.net.ul.AssociationParams;
import org.fluorovault.dicom.net.ul.AssociationRequest;
import org.fluorovault.dicom.net.ul.PresentationContext;
import org.fluorovault.node.DicomNode;
import org.fluorovault.support.FindScu;
import org.fluorovault.support.Peers;
import org.fluorovault.support.TestDicom;
import org.fluorovault.tools.DicomFileInfo;
import org.fluorovault.tools.SendCommand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Query/Retrieve SCP against dcmtk: findscu at every level of both models, movescu into a
 * dcmtk storescp, getscu, and the failure statuses.
 */
@Tag("interop")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryRetrieveInteropTest {
    static Path storage;
    static int storescpPort;
    static int deadPort;

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) throws Exception {
        storage = Files.createTempDirectory("fv-qr");
        storescpPort = Peers.freePort();
        deadPort = Peers.freePort();
        r.add("fluorovault.storage.path", storage::toString);
        r.add("fluorovault.storage.prepare-folders", () -> "false");
        r.add("fluorovault.storage.min-free-space", () -> "1MB");
        r.add("fluorovault.dicom.port", () -> "0");
        r.add("fluorovault.hl7.port", () -> "-1");
        r.add("fluorovault.dicom.bind-address", () -> "127.0.0.1");
        // test peers use many AE titles for query and retrieve; DicomAccessTest covers the defaults
        r.add("fluorovault.dicom.unknown-ae-services", () -> "ALL");
        r.add("fluorovault.security.admin-password", () -> "qr-admin-password-1");
        r.add("fluorovault.dicom.move-destinations[STORESCP].host", () -> "127.0.0.1");
        r.add("fluorovault.dicom.move-destinations[STORESCP].port", () -> storescpPort);
        r.add("fluorovault.dicom.move-destinations[DEADEND].host", () -> "127.0.0.1");
        r.add("fluorovault.dicom.move-destinations[DEADEND].port", () -> deadPort);
    }

    @Autowired
    DicomNode node;

    @Autowired
    AuditTrail audit;

    @TempDir
    Path dir;

    Path sent;
    final String studyA = TestDicom.uid(), studyB = TestDicom.uid(), studyC = TestDicom.uid(), studyD = TestDicom.uid();
    final String seriesA1 = TestDicom.uid(), seriesA2 = TestDicom.uid();
    final List<String> imagesA1 = new ArrayList<>();
    final Map<String, Path> files = new HashMap<>();
    Process storescp;
    Path received;

    @BeforeAll
    void loadArchive() throws Exception {
        sent = Files.createTempDirectory("fv-qr-sent");
        add("QR-P1", "Lumbar^Anna", studyA, "20261001", seriesA1, "1");
        add("QR-P1", "Lumbar^Anna", studyA, "20261001", seriesA1, "2");
        add("QR-P1", "Lumbar^Anna", studyA, "20261001", seriesA2, "1");
        add("QR-P1", "Lumbar^Anna", studyB, "20261126", TestDicom.uid(), "1");
        add("QR-P2", "Sacral^Bert", studyC, "20250101", TestDicom.uid(), "1");
        add("QR-P3", "Grün^Jörg", studyD, "20240101", TestDicom.uid(), "1");
        assertEquals(
                0,
                SendCommand.run(
                        "--host",
                        "127.0.0.1",
                        "--port",
                        Integer.toString(node.port()),
                        "--called-aet",
                        node.aeTitle(),
                        "--no-progress",
                        sent.toString()));
    }

    private void add(String pid, String name, String study, String date, String series, String number)
            throws Exception {
        String iuid = TestDicom.uid();
        Attributes a = TestDicom.xa(pid, study, series, iuid, 1, 16);
        a.setString(Tags.PatientName, VR.PN, name);
        a.setString(Tags.StudyDate, VR.DA, date);
        a.setString(Tags.InstanceNumber, VR.IS, number);
        a.setString(Tags.SeriesNumber, VR.IS, series.equals(seriesA2) ? "2" : "1");
        if (series.equals(seriesA1)) imagesA1.add(iuid);
        if (study.equals(studyA) || study.equals(studyC)) { // what was done, coded (CPT; scheme C4)
            Attributes code = a.addItem(Tags.ProcedureCodeSequence);
            code.setString(Tags.CodeValue, VR.SH, study.equals(studyA) ? "62323" : "64483");
            code.setString(Tags.CodingSchemeDesignator, VR.SH, "C4");
            code.setString(
                    Tags.CodeMeaning,
                    VR.LO,
                    study.equals(studyA)
                            ? "Injection lumbar epidural interlaminar"
                            : "Injection transforaminal lumbar");
        }
        files.put(iuid, TestDicom.write(sent.resolve(iuid + ".dcm"), a, TransferSyntax.EXPLICIT_VR_LE));
    }

    @AfterAll
    void stopStorescp() throws Exception {
        if (storescp != null) {
            storescp.destroy();
            storescp.waitFor(10, TimeUnit.SECONDS);
        }
    }

    // ---- helpers

    private String port() {
        return Integer.toString(node.port());
    }

    /** Runs findscu with -X and returns the response identifiers it wrote, in order. */
    private List<Attributes> findscu(String model, String... keys) throws Exception {
        FindScu.Result r = FindScu.run(dir, node.aeTitle(), node.port(), List.of(model), keys);
        lastOutput = r.output();
        return r.responses();
    }

    String lastOutput;

    private static Set<String> values(List<Attributes> rsp, int tag) {
        Set<String> s = new TreeSet<>();
        for (Attributes a : rsp) s.add(a.getValueAsString(tag));
        return s;
    }

    private void assertReceivedAsStored(Path folder, List<String> iuids) throws Exception {
        Map<String, Path> got = new HashMap<>();
        try (Stream<Path> s = Files.walk(folder)) {
            for (Path p : s.filter(Files::isRegularFile).toList())
                got.put(DicomFileInfo.of(p).sopInstanceUid(), p);
        }
        assertEquals(new TreeSet<>(iuids), new TreeSet<>(got.keySet()));
        for (String iuid : iuids) {
            assertArrayEquals(
                    TestDicom.datasetBytes(files.get(iuid)),
                    TestDicom.datasetBytes(got.get(iuid)),
                    "data set of " + iuid);
        }
    }

    private List<String> studyAInstances() {
        List<String> all = new ArrayList<>(imagesA1);
        files.keySet().stream().filter(u -> !imagesA1.contains(u)).forEach(u -> {
            try {
                Attributes a = readDataset(files.get(u));
                if (studyA.equals(a.getString(Tags.StudyInstanceUID))) all.add(u);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        return all;
    }

    private static Attributes readDataset(Path p) throws Exception {
        try (InputStream in = Files.newInputStream(p);
                DicomReader rd = new DicomReader(in, p)) {
            return rd.readFile(null);
        }
    }

    // ---- C-FIND

    @Test
    void patientRootPatientLevelWithWildcard() throws Exception {
        List<Attributes> rsp = findscu(
                "-P", "QueryRetrieveLevel=PATIENT", "PatientID=QR-P*", "PatientName", "NumberOfPatientRelatedStudies");
        assertEquals(Set.of("QR-P1", "QR-P2", "QR-P3"), values(rsp, Tags.PatientID));
        Attributes p1 = rsp.stream()
                .filter(a -> "QR-P1".equals(a.getString(Tags.PatientID)))
                .findFirst()
                .orElseThrow();
        assertEquals("Lumbar^Anna", p1.getString(Tags.PatientName));
        assertEquals("2", p1.getString(Tags.NumberOfPatientRelatedStudies));
        assertEquals("PATIENT", p1.getString(Tags.QueryRetrieveLevel));
        assertEquals(node.aeTitle(), p1.getString(Tags.RetrieveAETitle));
        assertFalse(p1.contains(Tags.PatientSex), "unrequested key absent");
        assertFalse(p1.contains(Tags.StudyInstanceUID), "lower-level key absent");

        rsp = findscu("-P", "QueryRetrieveLevel=PATIENT", "PatientName=sac?al^*", "PatientID");
        assertEquals(Set.of("QR-P2"), values(rsp, Tags.PatientID), "case-insensitive PN wildcard with ?");
    }

    @Test
    void studyRootStudyLevelDateRangeAndDerivedKeys() throws Exception {
        List<Attributes> rsp = findscu(
                "-S",
                "QueryRetrieveLevel=STUDY",
                "PatientID=QR-P1",
                "StudyDate=20261001-20261031",
                "StudyInstanceUID",
                "PatientName",
                "NumberOfStudyRelatedSeries",
                "NumberOfStudyRelatedInstances",
                "ModalitiesInStudy");
        assertEquals(1, rsp.size(), lastOutput);
        Attributes a = rsp.get(0);
        assertEquals(studyA, a.getString(Tags.StudyInstanceUID));
        assertEquals("2", a.getString(Tags.NumberOfStudyRelatedSeries));
        assertEquals("3", a.getString(Tags.NumberOfStudyRelatedInstances));
        assertEquals("XA", a.getString(Tags.ModalitiesInStudy));
        assertEquals("20261001", a.getString(Tags.StudyDate));
        assertFalse(a.contains(Tags.StudyDescription), "StudyDescription was not requested");
        assertFalse(a.contains(Tags.AccessionNumber), "AccessionNumber was not requested");

        rsp = findscu("-P", "QueryRetrieveLevel=STUDY", "PatientID=QR-P1", "StudyDate=20261101-", "StudyInstanceUID");
        assertEquals(Set.of(studyB), values(rsp, Tags.StudyInstanceUID), "open range");
        rsp = findscu("-S", "QueryRetrieveLevel=STUDY", "StudyDate=-20251231", "PatientID=QR-P*", "StudyInstanceUID");
        assertEquals(Set.of(studyC, studyD), values(rsp, Tags.StudyInstanceUID), "range open below");
        rsp = findscu("-S", "QueryRetrieveLevel=STUDY", "StudyInstanceUID=" + studyA + "\\" + studyC, "PatientID");
        assertEquals(Set.of("QR-P1", "QR-P2"), values(rsp, Tags.PatientID), "UID list");
    }

    @Test
    void aUidKeyThatIsNotAUidIsRefusedWithA900() throws Exception {
        List<Attributes> rsp = findscu(
                "-S", "QueryRetrieveLevel=SERIES", "StudyInstanceUID=" + studyA + "\\../../etc", "SeriesInstanceUID");
        assertTrue(rsp.isEmpty(), lastOutput);
        assertTrue(lastOutput.contains("Find Response (Error: DataSetDoesNotMatchSOPClass)"), lastOutput); // A900
    }

    @Test
    void seriesAndImageLevels() throws Exception {
        List<Attributes> rsp = findscu(
                "-S",
                "QueryRetrieveLevel=SERIES",
                "StudyInstanceUID=" + studyA,
                "SeriesInstanceUID",
                "Modality",
                "NumberOfSeriesRelatedInstances",
                "SeriesNumber");
        assertEquals(Set.of(seriesA1, seriesA2), values(rsp, Tags.SeriesInstanceUID));
        Attributes s1 = rsp.stream()
                .filter(a -> seriesA1.equals(a.getString(Tags.SeriesInstanceUID)))
                .findFirst()
                .orElseThrow();
        assertEquals("2", s1.getString(Tags.NumberOfSeriesRelatedInstances));
        assertEquals("XA", s1.getString(Tags.Modality));

        rsp = findscu(
                "-P",
                "QueryRetrieveLevel=IMAGE",
                "PatientID=QR-P1",
                "StudyInstanceUID=" + studyA,
                "SeriesInstanceUID=" + seriesA1,
                "SOPInstanceUID",
                "InstanceNumber",
                "SOPClassUID",
                "Rows");
        assertEquals(new TreeSet<>(imagesA1), values(rsp, Tags.SOPInstanceUID));
        assertEquals(Set.of(TestDicom.XA), values(rsp, Tags.SOPClassUID));
        assertEquals(Set.of("16"), values(rsp, Tags.Rows));

        rsp = findscu(
                "-S",
                "QueryRetrieveLevel=IMAGE",
                "StudyInstanceUID=" + studyA,
                "SeriesInstanceUID=" + seriesA1,
                "SOPInstanceUID=" + imagesA1.get(1),
                "InstanceNumber",
                "ContentDate");
        assertEquals(1, rsp.size());
        assertEquals("2", rsp.get(0).getString(Tags.InstanceNumber));
        assertTrue(rsp.get(0).contains(Tags.ContentDate), "unsupported key returned, empty");
        assertNull(rsp.get(0).getString(Tags.ContentDate));
        assertTrue(lastOutput.contains("Pending"), lastOutput);
        assertTrue(lastOutput.contains("Warning"), "FF01: ContentDate is not supported: " + lastOutput);
    }

    @Test
    void sequenceMatchingOnTheProcedureCodeOfTheStoredStudy() throws Exception {
        List<Attributes> rsp = findscu(
                "-S",
                "QueryRetrieveLevel=STUDY",
                "PatientID=QR-P*",
                "StudyInstanceUID",
                "ProcedureCodeSequence[0].CodeValue=62323",
                "ProcedureCodeSequence[0].CodeMeaning");
        assertEquals(Set.of(studyA), values(rsp, Tags.StudyInstanceUID), lastOutput);
        Attributes item = rsp.get(0).getNestedItem(Tags.ProcedureCodeSequence);
        assertEquals("62323", item.getString(Tags.CodeValue));
        assertEquals("Injection lumbar epidural interlaminar", item.getString(Tags.CodeMeaning));
        assertFalse(item.contains(Tags.CodingSchemeDesignator), "only the requested keys of the item");
        assertFalse(lastOutput.contains("Warning"), "sequence keys are supported keys (FF00, not FF01): " + lastOutput);

        rsp = findscu(
                "-S",
                "QueryRetrieveLevel=STUDY",
                "PatientID=QR-P*",
                "StudyInstanceUID",
                "ProcedureCodeSequence[0].CodeValue=6448?");
        assertEquals(Set.of(studyC), values(rsp, Tags.StudyInstanceUID), "wildcard inside the item");

        rsp = findscu(
                "-S",
                "QueryRetrieveLevel=STUDY",
                "PatientID=QR-P*",
                "StudyInstanceUID",
                "ProcedureCodeSequence[0].CodeValue",
                "ProcedureCodeSequence[0].CodingSchemeDesignator");
        assertEquals(Set.of(studyA, studyB, studyC, studyD), values(rsp, Tags.StudyInstanceUID), "universal matching");
        Map<String, Attributes> byStudy = new HashMap<>();
        for (Attributes a : rsp) byStudy.put(a.getString(Tags.StudyInstanceUID), a);
        assertEquals(
                "64483",
                byStudy.get(studyC).getNestedItem(Tags.ProcedureCodeSequence).getString(Tags.CodeValue));
        assertEquals(
                "C4",
                byStudy.get(studyC).getNestedItem(Tags.ProcedureCodeSequence).getString(Tags.CodingSchemeDesignator));
        assertTrue(
                byStudy.get(studyB).contains(Tags.ProcedureCodeSequence), "returned, empty, where nothing is stored");
        assertEquals(
                0, byStudy.get(studyB).getSequence(Tags.ProcedureCodeSequence).size());

        rsp = findscu(
                "-S",
                "QueryRetrieveLevel=STUDY",
                "PatientID=QR-P1",
                "StudyInstanceUID",
                "ProcedureCodeSequence[0].CodingSchemeDesignator=SRT");
        assertEquals(0, rsp.size(), "no stored item matches: no match " + lastOutput);
    }

    @Test
    void malformedIdentifiersFailWithA900AndTheNodeKeepsServing() throws Exception {
        // dcmtk names A900 "DataSetDoesNotMatchSOPClass"
        findscu("-S", "PatientID=QR-P1");
        assertTrue(lastOutput.contains("Final Find Response (Error: DataSetDoesNotMatchSOPClass)"), lastOutput);
        findscu("-S", "QueryRetrieveLevel=WARD", "PatientID=QR-P1");
        assertTrue(lastOutput.contains("Final Find Response (Error: DataSetDoesNotMatchSOPClass)"), lastOutput);
        findscu("-S", "QueryRetrieveLevel=PATIENT", "PatientID=QR-P1");
        assertTrue(
                lastOutput.contains("Final Find Response (Error: DataSetDoesNotMatchSOPClass)"),
                "PATIENT is no level of Study Root: " + lastOutput);
        List<Attributes> rsp = findscu("-S", "QueryRetrieveLevel=STUDY", "PatientID=QR-P2", "StudyInstanceUID");
        assertEquals(Set.of(studyC), values(rsp, Tags.StudyInstanceUID));
    }

    // ---- C-MOVE and C-GET

    private synchronized Path startStorescp() throws Exception {
        Peers.require("storescp");
        if (storescp != null) return received;
        received = Files.createTempDirectory("fv-qr-storescp");
        storescp = new ProcessBuilder(
                        "storescp",
                        "-d",
                        "+B",
                        "-aet",
                        "STORESCP",
                        "-od",
                        received.toString(),
                        "+xa",
                        Integer.toString(storescpPort))
                .redirectErrorStream(true)
                .redirectOutput(
                        received.resolveSibling(received.getFileName() + ".log").toFile())
                .start();
        for (int attempt = 0; attempt < 50; attempt++) { // storescp needs a moment to bind
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", storescpPort)) {
                return received;
            } catch (java.io.IOException notYet) {
                assertTrue(!storescp.waitFor(100, TimeUnit.MILLISECONDS), "storescp ended");
            }
        }
        throw new IllegalStateException("storescp does not listen on " + storescpPort);
    }

    /** The retrieval events (110104, action R) recorded since {@code afterId} whose detail starts with {@code prefix}. */
    private List<AuditEvent> retrievals(long afterId, String prefix) throws Exception {
        audit.flush();
        return audit
                .search(new AuditFilter(null, null, null, null, null, AuditEventType.INSTANCES_TRANSFERRED), 0, 100)
                .items()
                .stream()
                .filter(r -> r.id() > afterId && r.event().detail().startsWith(prefix))
                .map(AuditRecord::event)
                .toList();
    }

    private long lastAuditId() {
        List<AuditRecord> last = audit.search(AuditFilter.all(), 0, 1).items();
        return last.isEmpty() ? 0 : last.get(0).id();
    }

    private Peers.Result movescu(String dest, String... keys) throws Exception {
        Peers.require("movescu");
        List<String> cmd = new ArrayList<>(
                List.of("movescu", "-v", "-S", "-aec", node.aeTitle(), "-aem", dest, "127.0.0.1", port()));
        for (String k : keys) {
            cmd.add("-k");
            cmd.add(k);
        }
        return Peers.run(dir, 60, cmd);
    }

    @Test
    void movescuIntoDcmtkStorescpByteForByte() throws Exception {
        Path into = startStorescp();
        long before = lastAuditId();
        Peers.Result r = movescu("STORESCP", "QueryRetrieveLevel=STUDY", "StudyInstanceUID=" + studyA);
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("Received Final Move Response (Success)"), r.output());
        assertTrue(r.output().contains("Pending"), "pending responses with counts: " + r.output());
        assertReceivedAsStored(into, studyAInstances());
        String log = Files.readString(into.resolveSibling(into.getFileName() + ".log"));
        assertEquals(
                3,
                log.lines()
                        .filter(l -> l.matches("D: Move Originator AE Title\\s+: MOVESCU"))
                        .count(),
                log);
        assertEquals(
                3,
                log.lines()
                        .filter(l -> l.matches("D: Move Originator ID\\s+: 1"))
                        .count(),
                log);
        List<AuditEvent> moved = retrievals(before, "C-MOVE to STORESCP");
        assertEquals(1, moved.size(), "one event per C-MOVE: " + moved);
        AuditEvent e = moved.get(0);
        assertEquals("MOVESCU", e.user());
        assertEquals(studyA, e.studyUid());
        assertEquals(AuditOutcome.SUCCESS, e.outcome());
        assertTrue(e.detail().endsWith("3 matched, 3 sent, 0 with warnings, 0 failed"), e.detail());
    }

    @Test
    void moveToUnknownDestinationIsA801() throws Exception {
        long before = lastAuditId();
        Peers.Result r = movescu("NOWHERE", "QueryRetrieveLevel=STUDY", "StudyInstanceUID=" + studyA);
        assertTrue(
                r.output().contains("MoveDestinationUnknown") || r.output().contains("Move Destination Unknown"),
                r.output());
        List<AuditEvent> refused = retrievals(before, "C-MOVE to NOWHERE");
        assertEquals(1, refused.size());
        assertEquals(AuditOutcome.SERIOUS_FAILURE, refused.get(0).outcome());
        assertTrue(
                refused.get(0).detail().contains("refused: Unknown move destination"),
                refused.get(0).detail());
    }

    @Test
    void moveToUnreachableDestinationFailsAndTheNodeKeepsServing() throws Exception {
        Peers.Result r = movescu("DEADEND", "QueryRetrieveLevel=STUDY", "StudyInstanceUID=" + studyC);
        assertTrue(
                r.output().contains("Received Final Move Response (Refused: OutOfResourcesSubOperations)"),
                "A702: " + r.output());
        r = movescu("STORESCP", "QueryRetrieveLevel=STUDY");
        assertTrue(r.output().contains("DataSetDoesNotMatchSOPClass"), "missing unique key: " + r.output());
        List<Attributes> rsp = findscu("-S", "QueryRetrieveLevel=STUDY", "PatientID=QR-P2", "StudyInstanceUID");
        assertEquals(Set.of(studyC), values(rsp, Tags.StudyInstanceUID));
    }

    @Test
    void getscuRetrievesASeriesOnTheSameAssociation() throws Exception {
        Peers.require("getscu");
        long before = lastAuditId();
        Path out = Files.createTempDirectory(dir, "get");
        Peers.Result r = Peers.run(
                dir,
                60,
                "getscu",
                "-v",
                "-S",
                "-aec",
                node.aeTitle(),
                "-od",
                out.toString(),
                "-k",
                "QueryRetrieveLevel=SERIES",
                "-k",
                "StudyInstanceUID=" + studyA,
                "-k",
                "SeriesInstanceUID=" + seriesA1,
                "127.0.0.1",
                port());
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("Received C-GET Response (Success)"), r.output());
        assertTrue(r.output().contains("Number of Completed Suboperations : 2"), r.output());
        assertReceivedAsStored(out, imagesA1);
        List<AuditEvent> got = retrievals(before, "C-GET");
        assertEquals(1, got.size());
        assertEquals("GETSCU", got.get(0).user());
        assertTrue(
                got.get(0).detail().endsWith("2 matched, 2 sent, 0 with warnings, 0 failed"),
                got.get(0).detail());
    }

    // ---- our own SCU: character sets, C-GET without the SCP role

    private List<Attributes> ourRequest(String sopClass, int field, Attributes identifier, AssociationRequest rq)
            throws Exception {
        DimseClient client = new DimseClient();
        Association a = Association.connect("127.0.0.1", node.port(), rq, AssociationParams.defaults("OURSCU"), client);
        client.attach(a);
        try {
            PresentationContext pc = a.findAccepted(sopClass, null).orElseThrow();
            Attributes cmd = new Attributes();
            cmd.setString(Tags.AffectedSOPClassUID, VR.UI, sopClass);
            cmd.setInt(Tags.CommandField, VR.US, field);
            cmd.setInt(Tags.MessageID, VR.US, 1);
            cmd.setInt(Tags.Priority, VR.US, Commands.PRIORITY_MEDIUM);
            cmd.setInt(Tags.CommandDataSetType, VR.US, Commands.DATASET_PRESENT);
            List<Attributes> answers = new CopyOnWriteArrayList<>();
            List<Attributes> pendings = new CopyOnWriteArrayList<>();
            client.onRequests((as, p, command) -> {}); // no storage SCP here
            Attributes fin = client.invoke(
                            pc.id(),
                            cmd,
                            out -> {
                                DicomWriter w = new DicomWriter(out);
                                w.writeDataset(identifier, TransferSyntax.of(pc.transferSyntax()));
                                w.finish();
                            },
                            pendings::add)
                    .get(30, TimeUnit.SECONDS);
            answers.addAll(pendings);
            answers.add(fin);
            return answers;
        } finally {
            a.release();
        }
    }

    @Test
    void findHonoursTheRequestCharacterSet() throws Exception {
        Attributes id = new Attributes();
        id.setString(Tags.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        id.setString(Tags.QueryRetrieveLevel, VR.CS, "PATIENT");
        id.setString(Tags.PatientName, VR.PN, "GRÜN*");
        id.setString(Tags.PatientID, VR.LO, "");
        String find = "1.2.840.10008.5.1.4.1.2.1.1";
        List<Attributes> cmds = new ArrayList<>();
        List<Attributes> ids = new ArrayList<>();
        // collect the identifiers with a receiver that reads the data sets
        DimseClient client = new DimseClient();
        Association a = Association.connect(
                "127.0.0.1",
                node.port(),
                AssociationRequest.to(node.aeTitle()).withContext(find, TransferSyntax.EXPLICIT_VR_LE),
                AssociationParams.defaults("OURSCU"),
                new org.fluorovault.dicom.net.ul.DimseReceiver() {
                    @Override
                    public void onCommand(Association as, PresentationContext pc, byte[] command)
                            throws java.io.IOException {
                        Attributes c = Commands.parse(command);
                        if (Commands.hasDataset(c)) {
                            ids.add(new DicomReader(as.openDataStream(), null).readDataset(TransferSyntax.EXPLICIT_LE));
                        }
                        client.onCommand(as, pc, command);
                    }
                });
        client.attach(a);
        try {
            PresentationContext pc = a.findAccepted(find, null).orElseThrow();
            Attributes cmd = new Attributes();
            cmd.setString(Tags.AffectedSOPClassUID, VR.UI, find);
            cmd.setInt(Tags.CommandField, VR.US, 0x0020);
            cmd.setInt(Tags.MessageID, VR.US, 1);
            cmd.setInt(Tags.Priority, VR.US, Commands.PRIORITY_MEDIUM);
            cmd.setInt(Tags.CommandDataSetType, VR.US, Commands.DATASET_PRESENT);
            Attributes fin = client.invoke(
                            pc.id(),
                            cmd,
                            out -> {
                                DicomWriter w = new DicomWriter(out);
                                w.writeDataset(id, TransferSyntax.EXPLICIT_LE);
                                w.finish();
                            },
                            cmds::add)
                    .get(30, TimeUnit.SECONDS);
            assertEquals(0, Commands.status(fin).code());
        } finally {
            a.release();
        }
        assertEquals(1, ids.size(), ids.toString());
        assertEquals("ISO_IR 100", ids.get(0).getString(Tags.SpecificCharacterSet));
        assertEquals("Grün^Jörg", ids.get(0).getString(Tags.PatientName));
        assertEquals("QR-P3", ids.get(0).getString(Tags.PatientID));
    }

    @Test
    void getWithoutTheScpRoleFailsEverySubOperation() throws Exception {
        String get = "1.2.840.10008.5.1.4.1.2.2.3";
        Attributes id = new Attributes();
        id.setString(Tags.QueryRetrieveLevel, VR.CS, "STUDY");
        id.setString(Tags.StudyInstanceUID, VR.UI, studyC);
        List<Attributes> rsp = ourRequest(
                get,
                0x0010,
                id,
                AssociationRequest.to(node.aeTitle())
                        .withContext(get, TransferSyntax.IMPLICIT_VR_LE)
                        .withContext(TestDicom.XA, TransferSyntax.EXPLICIT_VR_LE)); // no role selection
        Attributes fin = rsp.get(rsp.size() - 1);
        assertEquals(0xA702, Commands.status(fin).code(), fin.toString());
        assertEquals(1, fin.getInt(Tags.NumberOfFailedSuboperations, -1));
        assertEquals(0, fin.getInt(Tags.NumberOfCompletedSuboperations, -1));
    }
}
