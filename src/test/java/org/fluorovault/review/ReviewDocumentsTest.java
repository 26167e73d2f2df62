package org.fluorovault.review;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fluorovault.analysis.AnalysisService;
import org.fluorovault.analysis.ContrastAnalysis;
import org.fluorovault.archive.StoredInstance;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.data.Sequence;
import org.fluorovault.dicom.dict.Tags;
import org.fluorovault.dicom.dict.Uids;
import org.fluorovault.dicom.io.DicomReader;
import org.fluorovault.dicom.io.TransferSyntax;
import org.fluorovault.dicom.sr.Code;
import org.fluorovault.dicom.sr.ContentItems;
import org.fluorovault.security.Role;
import org.fluorovault.support.ArchiveTestBase;
import org.fluorovault.support.Peers;
import org.fluorovault.support.TestDicom;
import org.fluorovault.tools.samples.LumbarPhantom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A review of an annotated study writes a Comprehensive SR and a Key Object Selection Document
 * into the archive: their content read back, their conformance checked by dciodvfy, and both
 * found over QIDO and WADO.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReviewDocumentsTest extends ArchiveTestBase {
    private static final String TECH = "rev-tech", PHYS = "rev-phys", PASSWORD = "review-password-1";
    private static final String ROOT = "1.2.826.0.1.3680043.10.1443.";
    private final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    AnalysisService analyses;

    private String study, ap, lateral, single;
    private JsonNode review;

    @BeforeAll
    void annotatedStudy() throws Exception {
        ensureUser(TECH, PASSWORD, Role.TECHNOLOGIST);
        ensureUser(PHYS, PASSWORD, Role.PHYSICIAN);
        Path dir = Files.createTempDirectory("fv-review");
        study = TestDicom.uid();
        ap = TestDicom.uid();
        lateral = TestDicom.uid();
        single = TestDicom.uid();
        sendAll(
                TestDicom.phantomXa(dir, "REV-1", study, ap, LumbarPhantom.Contrast.EPIDURAL),
                TestDicom.phantomXa(dir, "REV-1", study, lateral, LumbarPhantom.Contrast.EPIDURAL),
                TestDicom.write(
                        dir.resolve("single.dcm"),
                        TestDicom.xa("REV-1", study, TestDicom.uid(), single, 1, 32),
                        TransferSyntax.EXPLICIT_VR_LE));
        annotate(ap, TECH, """
                {"needleTip":{"frame":6,"column":250.5,"row":300.25},"level":"L4-L5","approach":"INTERLAMINAR_PARAMEDIAN",
                 "laterality":"LEFT","view":"AP","contrastPattern":"EPIDURAL","contrastText":"left-sided, vacuolated",
                 "keyImage":true,"keyFrames":[6,12]}""");
        annotate(lateral, PHYS, """
                {"level":"L4-L5","approach":"INTERLAMINAR_PARAMEDIAN","laterality":"LEFT","view":"LATERAL",
                 "contrastPattern":"EPIDURAL","keyImage":true}""");
        annotate(single, TECH, """
                {"view":"OTHER","contrastPattern":"NONE","keyImage":false}""");
        review = startReview();
    }

    private void annotate(String uid, String user, String body) throws Exception {
        HttpResponse<String> r = postJson("/api/instances/" + uid + "/annotations", user, PASSWORD, body);
        assertEquals(201, r.statusCode(), r.body());
    }

    private JsonNode startReview() throws Exception {
        HttpResponse<String> r = postJson("/api/studies/" + study + "/review", PHYS, PASSWORD, null);
        assertEquals(201, r.statusCode(), r.body());
        return json.readTree(r.body());
    }

    private Path file(String uid) {
        StoredInstance si = index.find(uid);
        assertNotNull(si, uid + " is indexed");
        return archive.resolve(si.path());
    }

    private Attributes read(String uid) throws Exception {
        try (DicomReader r = new DicomReader(Files.newInputStream(file(uid)), file(uid))) {
            return r.readFile(null);
        }
    }

    private static List<Attributes> children(Attributes item, String conceptValue) {
        List<Attributes> out = new ArrayList<>();
        Sequence s = item.getSequence(Tags.ContentSequence);
        if (s == null) return out;
        for (Attributes c : s) {
            Code name = ContentItems.conceptName(c);
            if (conceptValue == null
                    ? name == null
                    : name != null && name.value().equals(conceptValue)) out.add(c);
        }
        return out;
    }

    private static Attributes child(Attributes item, String conceptValue) {
        List<Attributes> c = children(item, conceptValue);
        assertEquals(1, c.size(), "one " + conceptValue);
        return c.get(0);
    }

    private static Code value(Attributes codeItem) {
        return ContentItems.codeOf(codeItem.getNestedItem(Tags.ConceptCodeSequence));
    }

    private static double number(Attributes numItem) {
        return numItem.getNestedItem(Tags.MeasuredValueSequence).getDouble(Tags.NumericValue, Double.NaN);
    }

    private static String units(Attributes numItem) {
        return ContentItems.codeOf(numItem.getNestedItem(Tags.MeasuredValueSequence)
                        .getNestedItem(Tags.MeasurementUnitsCodeSequence))
                .value();
    }

    private Attributes finding(Attributes sr, String imageUid) {
        for (Attributes f : children(sr, "121070")) {
            Attributes img = children(f, null).stream()
                    .filter(c -> "IMAGE".equals(c.getString(Tags.ValueType)))
                    .findFirst()
                    .orElseThrow();
            if (img.getNestedItem(Tags.ReferencedSOPSequence)
                    .getString(Tags.ReferencedSOPInstanceUID)
                    .equals(imageUid)) return f;
        }
        throw new AssertionError("no findings for " + imageUid);
    }

    @Test
    void theSrCarriesTheCodedFindingsTheNeedleTipAndTheAnalysis() throws Exception {
        String srUid = review.get("srSopInstanceUid").asString();
        assertTrue(srUid.startsWith(ROOT), srUid);
        Attributes sr = read(srUid);
        assertEquals(Uids.ComprehensiveSRStorage, sr.getString(Tags.SOPClassUID));
        assertEquals("SR", sr.getString(Tags.Modality));
        assertEquals("REV-1", sr.getString(Tags.PatientID));
        assertEquals("Test^Patient", sr.getString(Tags.PatientName));
        assertEquals(study, sr.getString(Tags.StudyInstanceUID));
        assertEquals("AREV-1", sr.getString(Tags.AccessionNumber));
        assertEquals(new Code("18748-4", "LN", "Diagnostic Imaging Report"), ContentItems.conceptName(sr));
        assertEquals(PHYS, child(sr, "121008").getString(Tags.PersonName));
        assertEquals("309343006", value(child(sr, "121010")).value(), "the reviewer is a physician");
        assertEquals(3, children(sr, "121070").size(), "one findings container per annotated image");

        Attributes f = finding(sr, ap);
        assertEquals(TECH, child(f, "121008").getString(Tags.PersonName));
        assertEquals("159016003", value(child(f, "121010")).value(), "the annotating technologist");
        assertEquals(
                new Code("LEVEL-L4-L5", "99FLUOROVAULT", "L4-L5 interlaminar space"), value(child(f, "INJ-LEVEL")));
        assertEquals("APPR-IL-PARAMED", value(child(f, "INJ-APPROACH")).value());
        assertEquals(Code.sct("7771000", "Left"), value(child(f, "272741003")));
        assertEquals(Code.sct("399348003", "antero-posterior"), value(child(f, "111031")));
        assertEquals("CP-EPIDURAL", value(child(f, "CONTRAST-PATTERN")).value());
        assertEquals("left-sided, vacuolated", child(f, "121106").getString(Tags.TextValue));

        Attributes tip = child(f, "NEEDLE-TIP");
        assertEquals("SCOORD", tip.getString(Tags.ValueType));
        assertEquals("POINT", tip.getString(Tags.GraphicType));
        assertArrayEquals(new double[] {250.5, 300.25}, tip.getDoubles(Tags.GraphicData), 1e-4);
        Attributes from = children(tip, null).get(0);
        assertEquals("SELECTED FROM", from.getString(Tags.RelationshipType));
        Attributes ref = from.getNestedItem(Tags.ReferencedSOPSequence);
        assertEquals(ap, ref.getString(Tags.ReferencedSOPInstanceUID));
        assertEquals(TestDicom.XA, ref.getString(Tags.ReferencedSOPClassUID));
        assertArrayEquals(new int[] {6}, ref.getInts(Tags.ReferencedFrameNumber));

        ContrastAnalysis expected = analyses.analysis(ap);
        Attributes computed = child(f, "SPREAD-ANALYSIS");
        assertEquals(expected.algorithmVersion(), child(computed, "111003").getString(Tags.TextValue));
        Attributes area = child(computed, "42798000");
        assertEquals("mm2", units(area));
        assertEquals(expected.areaMm2(), number(area), 0.001);
        Attributes extent = child(computed, "CC-EXTENT");
        assertEquals("mm", units(extent));
        assertEquals(expected.craniocaudalExtentMm(), number(extent), 0.001);
        assertEquals(expected.onsetFrame(), (int) number(child(computed, "ONSET-FRAME")));
        assertEquals(expected.peakFrame(), (int) number(child(computed, "PEAK-FRAME")));
        assertEquals("{frame}", units(child(computed, "PEAK-FRAME")));
        Attributes region = child(computed, "CONTRAST-REGION");
        assertEquals("POLYLINE", region.getString(Tags.GraphicType));
        double[] xy = region.getDoubles(Tags.GraphicData);
        assertEquals(2 * expected.outline().size() + 2, xy.length, "the outline, closed");
        assertEquals(expected.outline().get(0).column(), xy[0], 1e-3);
        assertEquals(xy[0], xy[xy.length - 2], 1e-6);
        assertEquals(xy[1], xy[xy.length - 1], 1e-6);
        Attributes peakRef = children(region, null).get(0).getNestedItem(Tags.ReferencedSOPSequence);
        assertArrayEquals(new int[] {expected.peakFrame()}, peakRef.getInts(Tags.ReferencedFrameNumber));

        Attributes none = finding(sr, single);
        assertTrue(children(none, "SPREAD-ANALYSIS").isEmpty(), "a single frame has no analysis");
        assertTrue(children(none, "NEEDLE-TIP").isEmpty());
        assertEquals(3, evidence(sr).size());
    }

    private static List<String> evidence(Attributes doc) {
        List<String> uids = new ArrayList<>();
        for (Attributes st : doc.getSequence(Tags.CurrentRequestedProcedureEvidenceSequence)) {
            for (Attributes se : st.getSequence(Tags.ReferencedSeriesSequence)) {
                for (Attributes i : se.getSequence(Tags.ReferencedSOPSequence))
                    uids.add(i.getString(Tags.ReferencedSOPInstanceUID));
            }
        }
        return uids;
    }

    @Test
    void theKosSelectsTheKeyImagesAndFrames() throws Exception {
        String kosUid = review.get("kosSopInstanceUid").asString();
        assertTrue(kosUid.startsWith(ROOT), kosUid);
        Attributes kos = read(kosUid);
        assertEquals(Uids.KeyObjectSelectionDocumentStorage, kos.getString(Tags.SOPClassUID));
        assertEquals("KO", kos.getString(Tags.Modality));
        assertEquals(Code.dcm("113000", "Of Interest"), ContentItems.conceptName(kos));
        assertEquals("2010", kos.getNestedItem(Tags.ContentTemplateSequence).getString(Tags.TemplateIdentifier));
        List<Attributes> images = children(kos, null);
        assertEquals(2, images.size(), "the two key images, not the third annotated one");
        Attributes apRef = images.stream()
                .map(i -> i.getNestedItem(Tags.ReferencedSOPSequence))
                .filter(r -> r.getString(Tags.ReferencedSOPInstanceUID).equals(ap))
                .findFirst()
                .orElseThrow();
        assertArrayEquals(new int[] {6, 12}, apRef.getInts(Tags.ReferencedFrameNumber));
        Attributes latRef = images.stream()
                .map(i -> i.getNestedItem(Tags.ReferencedSOPSequence))
                .filter(r -> r.getString(Tags.ReferencedSOPInstanceUID).equals(lateral))
                .findFirst()
                .orElseThrow();
        assertNull(latRef.getString(Tags.ReferencedFrameNumber), "the whole run");
        assertEquals(
                List.of(ap, lateral).stream().sorted().toList(),
                evidence(kos).stream().sorted().toList());
        assertTrue(child(kos, "113012").getString(Tags.TextValue).contains("L4-L5 AP"));
        Attributes sr = read(review.get("srSopInstanceUid").asString());
        assertNotEquals(
                sr.getString(Tags.SeriesInstanceUID),
                kos.getString(Tags.SeriesInstanceUID),
                "a series per document type");
    }

    @Test
    void reviewingAgainWritesNewDocumentsAndKeepsTheOldOnesRetrievable() throws Exception {
        JsonNode again = startReview();
        String oldSr = review.get("srSopInstanceUid").asString(),
                newSr = again.get("srSopInstanceUid").asString();
        String oldKos = review.get("kosSopInstanceUid").asString(),
                newKos = again.get("kosSopInstanceUid").asString();
        assertNotEquals(oldSr, newSr);
        assertNotEquals(oldKos, newKos);
        for (String uid : List.of(oldSr, newSr, oldKos, newKos)) {
            StoredInstance si = index.find(uid);
            assertNotNull(si, uid);
            assertEquals(study, si.studyInstanceUid());
            assertTrue(archive.verify(si), "the stored file has its recorded SHA-256");
        }
        String qido = new String(
                getAsAdmin("/dicomweb/studies/" + study + "/instances", "application/dicom+json")
                        .body(),
                StandardCharsets.UTF_8);
        for (String uid : List.of(oldSr, newSr, oldKos, newKos)) assertTrue(qido.contains(uid), uid + " in " + qido);
        StoredInstance sr = index.find(newSr);
        HttpResponse<byte[]> wado = getAsAdmin(
                "/dicomweb/studies/" + study + "/series/" + sr.seriesInstanceUid() + "/instances/" + newSr,
                "multipart/related; type=\"application/dicom\"");
        assertEquals(200, wado.statusCode());
        byte[] stored = Files.readAllBytes(file(newSr));
        assertTrue(indexOf(wado.body(), stored) >= 0, "WADO-RS returns the stored SR byte for byte");
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }

    /** dciodvfy (dicom3tools) finds no error in the SR and the KOS; its warnings are printed. */
    @org.junit.jupiter.api.Tag("interop")
    @Test
    void dciodvfyFindsNoErrorInTheSrAndTheKos() throws Exception {
        Peers.require("dciodvfy");
        List<String> errors = new ArrayList<>();
        for (String field : List.of("srSopInstanceUid", "kosSopInstanceUid")) {
            Peers.Result r = Peers.run(
                    null, 60, "dciodvfy", file(review.get(field).asString()).toString());
            for (String line : r.output().split("\\R")) {
                if (line.startsWith("Error")) errors.add(field + ": " + line);
                if (line.startsWith("Warning")) System.out.println("dciodvfy " + field + ": " + line);
            }
        }
        assertTrue(errors.isEmpty(), String.join("\n", errors));
    }
}
