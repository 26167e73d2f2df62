package org.fluorovault.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.data.VR;
import org.fluorovault.dicom.dict.Tags;
import org.fluorovault.support.ArchiveTestBase;
import org.fluorovault.support.NScu;
import org.fluorovault.support.NodePeer;
import org.fluorovault.support.TestDicom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** MPPS SCP: the state rules of PS3.4 F.7, performed series, and dose fields feeding the dose API. */
class MppsScpTest extends ArchiveTestBase {
    static final String MPPS = "1.2.840.10008.3.1.2.3.3";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    MppsRecords records;

    static Attributes created(String studyUid) {
        Attributes ds = new Attributes();
        ds.setString(Tags.PerformedProcedureStepStatus, VR.CS, "IN PROGRESS");
        ds.setString(Tags.PerformedProcedureStepID, VR.SH, "PPS1");
        ds.setString(Tags.Modality, VR.CS, "XA");
        ds.addItem(Tags.ScheduledStepAttributesSequence).setString(Tags.StudyInstanceUID, VR.UI, studyUid);
        ds.newSequence(Tags.PerformedSeriesSequence);
        return ds;
    }

    static Attributes completed(String seriesUid, String... instances) {
        Attributes ds = new Attributes();
        ds.setString(Tags.PerformedProcedureStepStatus, VR.CS, "COMPLETED");
        ds.setInt(Tags.TotalTimeOfFluoroscopy, VR.US, 42);
        ds.setInt(Tags.TotalNumberOfExposures, VR.US, 3);
        ds.setInt(Tags.EntranceDose, VR.US, 7);
        ds.setInt(Tags.ExposedArea, VR.US, 20, 20);
        ds.setString(Tags.CommentsOnRadiationDose, VR.ST, "pulsed fluoroscopy 7.5 p/s");
        Attributes series = ds.addItem(Tags.PerformedSeriesSequence);
        series.setString(Tags.SeriesInstanceUID, VR.UI, seriesUid);
        for (String iuid : instances) {
            Attributes ref = series.addItem(Tags.ReferencedImageSequence);
            ref.setString(Tags.ReferencedSOPClassUID, VR.UI, TestDicom.XA);
            ref.setString(Tags.ReferencedSOPInstanceUID, VR.UI, iuid);
        }
        return ds;
    }

    private static int status(Attributes rsp) {
        return rsp.getInt(Tags.Status, -1);
    }

    @Test
    void stateRulesOfF7WithOurOwnScu() throws Exception {
        String study = TestDicom.uid(), iuid = TestDicom.uid(), series = TestDicom.uid();
        String i1 = TestDicom.uid(), i2 = TestDicom.uid();
        try (NScu scu = new NScu(node.port(), node.aeTitle(), "CARM1", MPPS)) {
            Attributes rsp = scu.nCreate(MPPS, iuid, created(study));
            assertEquals(0, status(rsp));
            assertEquals(0x8140, rsp.getInt(Tags.CommandField, 0));
            assertEquals(MPPS, rsp.getString(Tags.AffectedSOPClassUID));
            assertEquals(iuid, rsp.getString(Tags.AffectedSOPInstanceUID));
            assertEquals("IN PROGRESS", records.status(iuid));

            assertEquals(0x0111, status(scu.nCreate(MPPS, iuid, created(study))), "N-CREATE of an existing instance");
            Attributes bad = created(study);
            bad.setString(Tags.PerformedProcedureStepStatus, VR.CS, "COMPLETED");
            Attributes badRsp = scu.nCreate(MPPS, TestDicom.uid(), bad);
            assertEquals(0x0106, status(badRsp), "N-CREATE must start IN PROGRESS");
            assertEquals(Tags.PerformedProcedureStepStatus, badRsp.getInt(Tags.OffendingElement, 0));

            Attributes unknown = scu.nSet(MPPS, TestDicom.uid(), completed(series, i1));
            assertEquals(0x0112, status(unknown), "N-SET of an unknown instance");
            assertTrue(unknown.getString(Tags.ErrorComment, "").length() > 0);

            Attributes set = scu.nSet(MPPS, iuid, completed(series, i1, i2));
            assertEquals(0, status(set));
            assertEquals(0x8120, set.getInt(Tags.CommandField, 0));
            assertEquals(iuid, set.getString(Tags.AffectedSOPInstanceUID));
            assertEquals("COMPLETED", records.status(iuid));
            assertEquals(List.of(i1, i2).stream().sorted().toList(), records.performedInstances(iuid));

            Attributes late = scu.nSet(MPPS, iuid, completed(series, i1));
            assertEquals(0x0110, status(late), "no change after COMPLETED");
            assertEquals("Performed Procedure Step Object may no longer be updated", late.getString(Tags.ErrorComment));
            assertEquals(List.of(i1, i2).stream().sorted().toList(), records.performedInstances(iuid), "unchanged");
        }
        JsonNode d = dose(study);
        assertEquals("MPPS", d.get("source").asString());
        assertEquals(iuid, d.get("sourceInstanceUids").get(0).asString());
        assertEquals(42, total(d, "(0040,0300)").get("value").asInt());
        assertEquals("s", total(d, "(0040,0300)").get("unit").asString());
        assertEquals(3, total(d, "(0040,0301)").get("value").asInt());
        assertEquals(7, total(d, "(0040,0302)").get("value").asInt());
        assertEquals("dGy", total(d, "(0040,0302)").get("unit").asString());
        assertEquals("pulsed fluoroscopy 7.5 p/s", d.get("comments").asString());
    }

    @Test
    void nCreateWithoutInstanceUidGetsOneInTheResponse() throws Exception {
        try (NScu scu = new NScu(node.port(), node.aeTitle(), "CARM1", MPPS)) {
            Attributes rsp = scu.nCreate(MPPS, null, created(TestDicom.uid()));
            assertEquals(0, status(rsp));
            String iuid = rsp.getString(Tags.AffectedSOPInstanceUID);
            assertTrue(iuid != null && iuid.startsWith("2.25.") && iuid.length() <= 64, iuid);
            assertEquals("IN PROGRESS", records.status(iuid));
            Attributes stop = new Attributes();
            stop.setString(Tags.PerformedProcedureStepStatus, VR.CS, "COMPLETED");
            assertEquals(0, status(scu.nSet(MPPS, iuid, stop)), "the SCU continues with the UID it was given");
        }
    }

    @Test
    void discontinuedIsFinalToo() throws Exception {
        String iuid = TestDicom.uid();
        try (NScu scu = new NScu(node.port(), node.aeTitle(), "CARM1", MPPS)) {
            assertEquals(0, status(scu.nCreate(MPPS, iuid, created(TestDicom.uid()))));
            Attributes stop = new Attributes();
            stop.setString(Tags.PerformedProcedureStepStatus, VR.CS, "DISCONTINUED");
            assertEquals(0, status(scu.nSet(MPPS, iuid, stop)));
            Attributes again = new Attributes();
            again.setString(Tags.PerformedProcedureStepStatus, VR.CS, "IN PROGRESS");
            assertEquals(0x0110, status(scu.nSet(MPPS, iuid, again)));
            assertEquals("DISCONTINUED", records.status(iuid));
        }
    }

    @Test
    void rdsrWinsOverMpps() throws Exception {
        String study = TestDicom.uid(), iuid = TestDicom.uid();
        try (NScu scu = new NScu(node.port(), node.aeTitle(), "CARM1", MPPS)) {
            assertEquals(0, status(scu.nCreate(MPPS, iuid, created(study))));
            assertEquals(0, status(scu.nSet(MPPS, iuid, completed(TestDicom.uid()))));
        }
        assertEquals("MPPS", dose(study).get("source").asString());
        var sr = org.fluorovault.dose.DoseReportTestSupport.sample(study);
        java.nio.file.Path file = TestDicom.write(STORAGE.resolveSibling(iuid + ".dcm"), sr, "1.2.840.10008.1.2.1");
        try {
            assertEquals(0, send(file).failures().size());
            assertTrue(background.awaitIdle(10_000, org.fluorovault.dose.DoseOnReceipt.QUEUE));
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
        assertEquals("RDSR", dose(study).get("source").asString());
    }

    @Autowired
    org.fluorovault.common.BackgroundWork background;

    @Tag("interop")
    @Test
    void dcmjsDimseCreatesAndCompletesAnMpps() throws Exception {
        String study = TestDicom.uid(), iuid = TestDicom.uid(), series = TestDicom.uid(), i1 = TestDicom.uid();
        String json = """
                {"uid": "%s", "callingAet": "DCMJS",
                 "create": {"PerformedProcedureStepStatus": "IN PROGRESS", "PerformedProcedureStepID": "PPS7",
                            "Modality": "XA", "ScheduledStepAttributesSequence": [{"StudyInstanceUID": "%s"}]},
                 "sets": [
                   {"PerformedProcedureStepStatus": "COMPLETED", "TotalTimeOfFluoroscopy": 65, "EntranceDose": 12,
                    "TotalNumberOfExposures": 4,
                    "PerformedSeriesSequence": [{"SeriesInstanceUID": "%s",
                       "ReferencedImageSequence": [{"ReferencedSOPClassUID": "%s", "ReferencedSOPInstanceUID": "%s"}]}]},
                   {"PerformedProcedureStepStatus": "DISCONTINUED"}
                 ]}""".formatted(iuid, study, series, TestDicom.XA, i1);
        List<String> out = NodePeer.run("mpps", node.port(), node.aeTitle(), json);
        JsonNode create = find(out, "N-CREATE", -1), set = find(out, "N-SET", 0), late = find(out, "N-SET", 1);
        assertEquals(0, create.get("status").asInt(), out.toString());
        assertEquals(0, set.get("status").asInt(), out.toString());
        assertEquals(0x0110, late.get("status").asInt(), out.toString());
        assertEquals("COMPLETED", records.status(iuid));
        assertEquals(List.of(i1), records.performedInstances(iuid));
        JsonNode d = dose(study);
        assertEquals("MPPS", d.get("source").asString());
        assertEquals(65, total(d, "(0040,0300)").get("value").asInt());
        assertEquals(12, total(d, "(0040,0302)").get("value").asInt());
    }

    private static JsonNode find(List<String> lines, String op, int index) {
        for (String l : lines) {
            JsonNode n = JSON.readTree(l);
            if (op.equals(n.path("op").asString())
                    && (index < 0 || n.path("index").asInt(-1) == index)) return n;
        }
        throw new AssertionError("no " + op + " response in " + lines);
    }

    private JsonNode dose(String study) throws Exception {
        var rsp = getAsAdmin("/api/studies/" + study + "/dose", "application/json");
        assertEquals(200, rsp.statusCode(), new String(rsp.body()));
        return JSON.readTree(rsp.body());
    }

    private static JsonNode total(JsonNode d, String code) {
        for (JsonNode t : d.get("totals")) if (code.equals(t.get("code").asString())) return t;
        throw new AssertionError("no " + code + " in " + d);
    }
}
