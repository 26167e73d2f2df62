package org.fluorovault.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.fluorovault.archive.ArchiveStore;
import org.fluorovault.archive.StoredInstance;
import org.fluorovault.dicom.io.TransferSyntax;
import org.fluorovault.support.ArchiveTestBase;
import org.fluorovault.support.Orthanc;
import org.fluorovault.support.Peers;
import org.fluorovault.support.TestDicom;
import org.fluorovault.tools.DicomFileInfo;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * dcmtk movescu asks FluoroVault to move a study to a running Orthanc; Orthanc's REST API then
 * hands back each instance, whose data set must hash like the stored one. (The file meta
 * information is each receiver's own, PS3.10 7.1, so only the data set can be byte-identical.)
 */
@Tag("interop")
class OrthancMoveTest extends ArchiveTestBase {
    static final int ORTHANC_DICOM = Peers.freePort(), ORTHANC_HTTP = Peers.freePort();

    @DynamicPropertySource
    static void destinations(DynamicPropertyRegistry r) {
        r.add("fluorovault.dicom.move-destinations[ORTHANC].host", () -> "127.0.0.1");
        r.add("fluorovault.dicom.move-destinations[ORTHANC].port", () -> Integer.toString(ORTHANC_DICOM));
    }

    @TempDir
    Path dir;

    @Test
    void movescuMovesAStudyIntoOrthancAndTheDataSetsArriveByteIdentical() throws Exception {
        Peers.require("movescu", "Orthanc");
        String study = TestDicom.uid(), series = TestDicom.uid();
        Map<String, String> syntaxes = new HashMap<>();
        String[] ts = {TransferSyntax.EXPLICIT_VR_LE, TransferSyntax.IMPLICIT_VR_LE, TransferSyntax.EXPLICIT_VR_LE};
        for (int n = 0; n < ts.length; n++) {
            String iuid = TestDicom.uid();
            syntaxes.put(iuid, ts[n]);
            TestDicom.write(
                    dir.resolve("send/" + iuid + ".dcm"), TestDicom.xa("OM1", study, series, iuid, n + 1, 24), ts[n]);
        }
        String other = TestDicom.uid(); // another study of the same patient stays behind
        TestDicom.write(
                dir.resolve("send/" + other + ".dcm"),
                TestDicom.xa("OM1", TestDicom.uid(), TestDicom.uid(), other, 1, 24),
                TransferSyntax.EXPLICIT_VR_LE);
        assertEquals(0, send(dir.resolve("send")).failures().size());

        Path orthancDir = Files.createDirectories(dir.resolve("orthanc"));
        try (Orthanc orthanc =
                Orthanc.start(orthancDir, "ORTHANC", ORTHANC_DICOM, ORTHANC_HTTP, node.aeTitle(), node.port())) {
            Peers.Result r = Peers.run(
                    dir,
                    60,
                    "movescu",
                    "-v",
                    "-S",
                    "-aec",
                    node.aeTitle(),
                    "-aem",
                    "ORTHANC",
                    "-k",
                    "QueryRetrieveLevel=STUDY",
                    "-k",
                    "StudyInstanceUID=" + study,
                    "127.0.0.1",
                    Integer.toString(node.port()));
            assertEquals(0, r.exitCode(), r.output());
            assertTrue(r.output().contains("Received Final Move Response (Success)"), r.output());

            // the C-STOREs were answered before the final response: Orthanc has indexed them
            JsonNode ids = orthanc.getJson("/instances");
            Map<String, String> arrived = new TreeMap<>();
            for (JsonNode id : ids) {
                Path f = orthancDir.resolve(id.asString() + ".dcm");
                Files.write(f, orthanc.getBytes("/instances/" + id.asString() + "/file"));
                DicomFileInfo info = DicomFileInfo.of(f);
                assertEquals(syntaxes.get(info.sopInstanceUid()), info.transferSyntaxUid(), "kept its transfer syntax");
                arrived.put(info.sopInstanceUid(), sha256(TestDicom.datasetBytes(f)));
            }
            Map<String, String> stored = new TreeMap<>();
            for (String iuid : syntaxes.keySet()) {
                StoredInstance si = index.find(iuid);
                assertTrue(archive.verify(si), "stored file still matches its recorded SHA-256");
                stored.put(iuid, sha256(TestDicom.datasetBytes(archive.resolve(si.path()))));
            }
            assertEquals(stored, arrived, "Orthanc holds exactly the study's instances, data sets byte-identical");
        }
    }

    private static String sha256(byte[] b) {
        return HexFormat.of().formatHex(ArchiveStore.sha256().digest(b));
    }
}
