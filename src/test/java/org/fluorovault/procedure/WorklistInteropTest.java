package org.fluorovault.procedure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.dict.Tags;
import org.fluorovault.support.ArchiveTestBase;
import org.fluorovault.support.FindScu;
import org.fluorovault.support.Peers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Modality Worklist SCP against dcmtk {@code findscu -W}: procedures created over REST,
 * queried by date range, modality and station AE; only SCHEDULED ones are served, with only the
 * requested keys, in a character set that can hold them.
 */
@Tag("interop")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorklistInteropTest extends ArchiveTestBase {
    @Autowired
    JsonMapper mapper;

    @TempDir
    Path dir;

    JsonNode a, b;

    @BeforeAll
    void procedures() throws Exception {
        Peers.require("findscu");
        a = create(body("WL-1", "Müller^Jörg", "WLA1", "2031-09-10T09:15:00", "XA", "CARM1", null));
        b = create(body("WL-2", "Roe^Rita", "WLB1", "2031-09-11T14:00:00", "RF", "CARM2", null));
        create(body(
                "WL-3", "Poe^Pat", "WLC1", "2025-09-12T08:00:00", "XA", "CARM1", "2025-09-12T08:30:00")); // PERFORMED
        long cancelled = create(body("WL-4", "Coe^Cy", "WLD1", "2031-09-10T10:00:00", "XA", "CARM1", null))
                .get("id")
                .asLong();
        HttpResponse<String> r = request(
                "POST",
                "/api/procedures/" + cancelled + "/status",
                "admin",
                ADMIN_PASSWORD,
                "application/json",
                "{\"status\":\"CANCELLED\"}");
        assertEquals(200, r.statusCode(), r.body());
    }

    JsonNode create(String body) throws Exception {
        HttpResponse<String> r = request("POST", "/api/procedures", "admin", ADMIN_PASSWORD, "application/json", body);
        assertEquals(201, r.statusCode(), r.body());
        return mapper.readTree(r.body());
    }

    static String body(
            String pid, String name, String acc, String scheduled, String modality, String ae, String performed) {
        return """
            {"patient": {"id": "%s", "name": "%s", "birthDate": "1970-02-03", "sex": "M"},
             "accessionNumber": "%s", "requestedProcedureId": "RQ-%s", "scheduledAt": "%s", %s
             "cptCode": "62323", "levels": ["L5-S1"], "approach": "INTERLAMINAR",
             "physician": {"name": "Smith^Ann", "npi": "1234567893"},
             "modality": "%s", "scheduledStationAeTitle": "%s"}
            """.formatted(
                        pid,
                        name,
                        acc,
                        acc,
                        scheduled,
                        performed == null ? "" : "\"performedAt\": \"" + performed + "\",",
                        modality,
                        ae);
    }

    FindScu.Result worklist(String... keys) throws Exception {
        return FindScu.run(dir, node.aeTitle(), node.port(), List.of("-W"), keys);
    }

    static Set<String> values(List<Attributes> rsp, int tag) {
        Set<String> s = new TreeSet<>();
        for (Attributes x : rsp) s.add(x.getValueAsString(tag));
        return s;
    }

    static Attributes sps(Attributes rsp) {
        return rsp.getNestedItem(Tags.ScheduledProcedureStepSequence);
    }

    @Test
    void dateRangeReturnsTheScheduledItemsWithTheirKeys() throws Exception {
        FindScu.Result r = worklist(
                "PatientName",
                "PatientID",
                "PatientBirthDate",
                "PatientSex",
                "AccessionNumber",
                "RequestedProcedureID",
                "RequestedProcedureDescription",
                "StudyInstanceUID",
                "ScheduledProcedureStepSequence[0].Modality",
                "ScheduledProcedureStepSequence[0].ScheduledStationAETitle",
                "ScheduledProcedureStepSequence[0].ScheduledProcedureStepStartDate=20310910-20310912",
                "ScheduledProcedureStepSequence[0].ScheduledProcedureStepStartTime",
                "ScheduledProcedureStepSequence[0].ScheduledProcedureStepDescription",
                "ScheduledProcedureStepSequence[0].ScheduledProcedureStepID");
        List<Attributes> rsp = r.responses();
        assertEquals(
                Set.of("WLA1", "WLB1"),
                values(rsp, Tags.AccessionNumber),
                "PERFORMED and CANCELLED are not served: " + r.output());
        Attributes first = rsp.get(0); // ordered by start date and time
        assertEquals("Müller^Jörg", first.getString(Tags.PatientName));
        assertEquals("ISO_IR 192", first.getString(Tags.SpecificCharacterSet), "not ASCII: answered in UTF-8");
        assertEquals("WL-1", first.getString(Tags.PatientID));
        assertEquals("19700203", first.getString(Tags.PatientBirthDate));
        assertEquals("M", first.getString(Tags.PatientSex));
        assertEquals("RQ-WLA1", first.getString(Tags.RequestedProcedureID));
        assertEquals(a.get("studyInstanceUid").asString(), first.getString(Tags.StudyInstanceUID));
        assertTrue(first.getString(Tags.RequestedProcedureDescription).startsWith("62323 "));
        Attributes step = sps(first);
        assertEquals("XA", step.getString(Tags.Modality));
        assertEquals("CARM1", step.getString(Tags.ScheduledStationAETitle));
        assertEquals("20310910", step.getString(Tags.ScheduledProcedureStepStartDate));
        assertEquals("091500", step.getString(Tags.ScheduledProcedureStepStartTime));
        assertEquals("SPS" + a.get("id").asLong(), step.getString(Tags.ScheduledProcedureStepID));
        assertEquals("RF", sps(rsp.get(1)).getString(Tags.Modality));
        assertEquals(b.get("studyInstanceUid").asString(), rsp.get(1).getString(Tags.StudyInstanceUID));
        assertNull(rsp.get(1).getString(Tags.SpecificCharacterSet), "plain ASCII answer without a character set");
    }

    @Test
    void modalityStationAeAndSingleDateMatching() throws Exception {
        String range = "ScheduledProcedureStepSequence[0].ScheduledProcedureStepStartDate=20310901-20310930";
        List<Attributes> rsp = worklist("AccessionNumber", range, "ScheduledProcedureStepSequence[0].Modality=RF")
                .responses();
        assertEquals(Set.of("WLB1"), values(rsp, Tags.AccessionNumber));
        rsp = worklist("AccessionNumber", range, "ScheduledProcedureStepSequence[0].ScheduledStationAETitle=CARM1")
                .responses();
        assertEquals(Set.of("WLA1"), values(rsp, Tags.AccessionNumber));
        rsp = worklist("AccessionNumber", range, "ScheduledProcedureStepSequence[0].ScheduledStationAETitle=CARM*")
                .responses();
        assertEquals(Set.of("WLA1", "WLB1"), values(rsp, Tags.AccessionNumber), "wildcard");
        rsp = worklist("AccessionNumber", "ScheduledProcedureStepSequence[0].ScheduledProcedureStepStartDate=20310911")
                .responses();
        assertEquals(Set.of("WLB1"), values(rsp, Tags.AccessionNumber), "single date");
        rsp = worklist(
                        "AccessionNumber",
                        "ScheduledProcedureStepSequence[0].ScheduledProcedureStepStartDate=20310911-",
                        "PatientID=WL-*")
                .responses();
        assertEquals(Set.of("WLB1"), values(rsp, Tags.AccessionNumber), "open range");
        rsp = worklist("AccessionNumber", range, "ScheduledProcedureStepSequence[0].Modality=CT")
                .responses();
        assertTrue(rsp.isEmpty());
        rsp = worklist("AccessionNumber", "ScheduledProcedureStepSequence[0].ScheduledProcedureStepStartDate=20250912")
                .responses();
        assertFalse(values(rsp, Tags.AccessionNumber).contains("WLC1"), "a PERFORMED procedure is no worklist item");
    }

    @Test
    void onlyRequestedKeysInTheRequestedCharacterSet() throws Exception {
        List<Attributes> rsp = worklist(
                        "SpecificCharacterSet=ISO_IR 100",
                        "PatientName",
                        "AccessionNumber=WLA1",
                        "ScheduledProcedureStepSequence[0].Modality")
                .responses();
        assertEquals(1, rsp.size());
        Attributes x = rsp.get(0);
        assertEquals("ISO_IR 100", x.getString(Tags.SpecificCharacterSet), "Latin-1 holds the name: the request's set");
        assertEquals("Müller^Jörg", x.getString(Tags.PatientName));
        assertFalse(x.contains(Tags.PatientID), "not requested");
        assertFalse(x.contains(Tags.StudyInstanceUID), "not requested");
        Attributes step = sps(x);
        assertEquals("XA", step.getString(Tags.Modality));
        assertFalse(step.contains(Tags.ScheduledStationAETitle), "not requested");
        // name matching is case-insensitive with wildcards; a patient-name query finds the item
        rsp = worklist("SpecificCharacterSet=ISO_IR 192", "PatientName=müller*", "AccessionNumber")
                .responses();
        assertEquals(Set.of("WLA1"), values(rsp, Tags.AccessionNumber));
    }
}
