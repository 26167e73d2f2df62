package org.fluorovault.dose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.data.VR;
import org.fluorovault.dicom.dict.Tags;
import org.fluorovault.dicom.io.DicomReader;
import org.fluorovault.support.ArchiveTestBase;
import org.fluorovault.support.TestDicom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** An RDSR sent over C-STORE ends up, per study, behind GET /api/studies/{uid}/dose. */
class DoseReportTest extends ArchiveTestBase {
    private static final Path SAMPLE = Path.of("dicom-samples/dose-report.dcm");

    @Autowired
    org.fluorovault.common.BackgroundWork background;

    @TempDir
    Path dir;

    /** The sample dose report under new UIDs, so that it is new to the shared archive. */
    static Attributes sampleWithNewUids(String studyUid) throws IOException {
        Attributes sr;
        try (DicomReader r = new DicomReader(Files.newInputStream(SAMPLE), null)) {
            sr = r.readFile(null);
        }
        sr.setString(Tags.StudyInstanceUID, VR.UI, studyUid);
        sr.setString(Tags.SeriesInstanceUID, VR.UI, TestDicom.uid());
        sr.setString(Tags.SOPInstanceUID, VR.UI, TestDicom.uid());
        return sr;
    }

    private JsonNode dose(String studyUid, int expectedStatus) throws Exception {
        var rsp = getAsAdmin("/api/studies/" + studyUid + "/dose", "application/json");
        assertEquals(expectedStatus, rsp.statusCode(), new String(rsp.body()));
        return expectedStatus == 200 ? new ObjectMapper().readTree(rsp.body()) : null;
    }

    @Test
    void sampleDoseReportGivesTheAccumulatedTotalsWithUnits() throws Exception {
        String study = TestDicom.uid();
        Attributes sr = sampleWithNewUids(study);
        Path file = TestDicom.write(dir.resolve("rdsr.dcm"), sr, "1.2.840.10008.1.2.1");
        assertEquals(1, stored(send(file)));
        assertTrue(background.awaitIdle(10_000, DoseOnReceipt.QUEUE));

        JsonNode d = dose(study, 200);
        assertEquals("RDSR", d.get("source").asString());
        assertEquals(
                sr.getString(Tags.SOPInstanceUID),
                d.get("sourceInstanceUids").get(0).asString());
        assertEquals(7, d.get("totals").size(), d.toString());
        Attributes accumulated = null;
        for (Attributes item : sr.getSequence(Tags.ContentSequence)) {
            if ("113702".equals(item.getNestedItem(Tags.ConceptNameCodeSequence).getString(Tags.CodeValue)))
                accumulated = item;
        }
        for (JsonNode t : d.get("totals")) {
            String code = t.get("code").asString();
            Attributes num = null;
            for (Attributes item : accumulated.getSequence(Tags.ContentSequence)) {
                Attributes cn = item.getNestedItem(Tags.ConceptNameCodeSequence);
                if (cn != null && code.equals(cn.getString(Tags.CodeValue))) num = item;
            }
            Attributes mv = num.getNestedItem(Tags.MeasuredValueSequence);
            assertEquals(
                    mv.getDouble(Tags.NumericValue, Double.NaN), t.get("value").asDouble(), 1e-12, code);
            assertEquals(
                    mv.getNestedItem(Tags.MeasurementUnitsCodeSequence).getString(Tags.CodeValue),
                    t.get("unit").asString(),
                    code);
        }
        JsonNode dap = find(d, "113722");
        assertEquals("Gy.m2", dap.get("unit").asString());
        assertEquals("1", find(d, "113731").get("unit").asString());
        assertEquals(18, find(d, "113731").get("value").asInt());
    }

    @Test
    void brokenDoseReportsAreStoredAndSkippedWithoutHarm() throws Exception {
        String study = TestDicom.uid();
        Attributes broken = sampleWithNewUids(study);
        Attributes content = broken.getSequence(Tags.ContentSequence).get(0);
        // a NUM item without Measured Value Sequence, one whose value is not a number, and containers nested 40 deep
        Attributes noValue = broken.addItem(Tags.ContentSequence);
        noValue.setString(Tags.ValueType, VR.CS, "NUM");
        Attributes cn = noValue.addItem(Tags.ConceptNameCodeSequence);
        cn.setString(Tags.CodeValue, VR.SH, "113722");
        cn.setString(Tags.CodingSchemeDesignator, VR.SH, "DCM");
        broken.remove(Tags.ContentSequence);
        Attributes nested = broken.addItem(Tags.ContentSequence);
        for (int i = 0; i < 40; i++) nested = nested.addItem(Tags.ContentSequence);
        nested.setString(Tags.ValueType, VR.CS, "NUM");
        broken.getSequence(Tags.ContentSequence).add(noValue);
        Attributes notANumber = new Attributes();
        notANumber.setString(Tags.ValueType, VR.CS, "NUM");
        Attributes cn2 = notANumber.addItem(Tags.ConceptNameCodeSequence);
        cn2.setString(Tags.CodeValue, VR.SH, "113725");
        cn2.setString(Tags.CodingSchemeDesignator, VR.SH, "DCM");
        notANumber.addItem(Tags.MeasuredValueSequence).setString(Tags.NumericValue, VR.DS, "abc");
        broken.getSequence(Tags.ContentSequence).add(notANumber);
        broken.getSequence(Tags.ContentSequence).add(content);
        Path file = TestDicom.write(dir.resolve("broken.dcm"), broken, "1.2.840.10008.1.2.1");
        Attributes empty = sampleWithNewUids(TestDicom.uid());
        empty.remove(Tags.ContentSequence);
        Path file2 = TestDicom.write(dir.resolve("empty.dcm"), empty, "1.2.840.10008.1.2.1");

        assertEquals(2, stored(send(file, file2)), "broken dose reports are still archived");
        assertTrue(background.awaitIdle(10_000, DoseOnReceipt.QUEUE));
        JsonNode d = dose(study, 200);
        assertEquals("NONE", d.get("source").asString());
        assertEquals(0, d.get("totals").size());

        // the extraction thread survived: a good report afterwards is extracted
        String study2 = TestDicom.uid();
        assertEquals(
                1,
                stored(send(
                        TestDicom.write(dir.resolve("good.dcm"), sampleWithNewUids(study2), "1.2.840.10008.1.2.1"))));
        assertTrue(background.awaitIdle(10_000, DoseOnReceipt.QUEUE));
        assertEquals("RDSR", dose(study2, 200).get("source").asString());
    }

    @Test
    void unknownStudyIs404() throws Exception {
        dose(TestDicom.uid(), 404);
    }

    @Test
    void doseNeedsASignedInUser() throws Exception {
        assertEquals(
                401,
                get("/api/studies/" + TestDicom.uid() + "/dose", null, null, "application/json")
                        .statusCode());
    }

    private static int stored(org.fluorovault.tools.SendCommand.Summary s) {
        return s.sent() - s.failures().size();
    }

    private static JsonNode find(JsonNode d, String code) {
        for (JsonNode t : d.get("totals")) if (code.equals(t.get("code").asString())) return t;
        throw new AssertionError("no total " + code + " in " + d);
    }
}
