package org.fluorovault.procedure;

import static org.fluorovault.procedure.ProcedureTestSupport.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.List;

import org.fluorovault.security.UserService;
import org.fluorovault.support.ArchiveTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** CSV import of historical procedures: good rows become records, bad rows are reported by line, the rest goes on. */
class CsvImportTest extends ArchiveTestBase {
    @Autowired UserService users;
    @Autowired JsonMapper mapper;
    @Autowired ProcedureService service;

    @BeforeEach
    void users() { ProcedureTestSupport.users(users); }

    HttpResponse<String> post(String csv) throws Exception {
        return request("POST", "/api/procedures/import", "technologist", PASSWORD, "text/csv", csv);
    }

    @Test
    void goodRowsAreImportedAndBadRowsReportedByLine() throws Exception {
        String csv = """
            patient_id,patient_name,birth_date,sex,accession_number,performed_at,cpt_code,levels,approach,diagnoses,steroid,steroid_dose_mg,scores,status,physician_npi
            CSV-1,"Doe^John",1950-03-04,M,CSVA1,2025-01-15T10:30,62323,L4-L5,INTERLAMINAR,M54.16;M51.16,triamcinolone,80,NRS:7:2025-01-10:BASELINE;NRS:3:2025-02-15:FOLLOW_UP,SIGNED,1234567893
            CSV-1,"Doe^John",1950-03-04,M,CSVA2,2025-04-20,62323,CAUDAL,CAUDAL,M54.17,,,,,
            CSV-2,"Roe, Ann",1960-01-01,F,CSVB1,2025-02-30,62323,L5-S1,,M54.16,,,,,
            CSV-2,Roe^Ann,1960-01-01,F,CSVB2,2025-03-01,99999,L5-S1,,M54.16,,,,,

            CSV-2,Roe^Ann,1960-01-01,F,CSVB3,2025-03-01,62323,C5-C6,,M54.16,,,,,
            CSV-2,Roe^Ann,1960-01-01,F,CSVB4,2025-03-01,62323,L5-S1,,M5416,,,,,
            CSV-2,Roe^Ann,1960-01-01,F,CSVB5,1959-03-01,62323,L5-S1,,M54.16,,,,,
            CSV-2,Roe^Ann,1960-01-01,F,CSVB6,2025-03-01,62323,L5-S1,,M54.16,,,,SCHEDULED,
            CSV-2,Roe^Ann,1960-01-01,F,CSVB7,2025-03-01,62321,C6-C7,,M50.12,,,,,
            """;
        HttpResponse<String> r = post(csv);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode report = mapper.readTree(r.body());
        assertEquals(3, report.get("imported").asInt(), r.body());
        JsonNode rejected = report.get("rejected");
        assertEquals(List.of(4L, 5L, 7L, 8L, 9L, 10L), rejected.valueStream().map(n -> n.get("line").asLong()).toList(), r.body());
        assertTrue(rejected.get(0).get("reason").asString().contains("2025-02-30"), r.body());
        assertTrue(rejected.get(1).get("reason").asString().contains("cptCode '99999'"), r.body());
        assertTrue(rejected.get(2).get("reason").asString().contains("outside the region"), r.body());
        assertTrue(rejected.get(3).get("reason").asString().contains("M5416"), r.body());
        assertTrue(rejected.get(4).get("reason").asString().contains("before the patient's birth date"), r.body());
        assertTrue(rejected.get(5).get("reason").asString().contains("PERFORMED or SIGNED"), r.body());

        List<Procedure> john = service.forPatient("CSV-1");
        assertEquals(2, john.size());
        Procedure first = john.get(0);
        assertEquals(Status.SIGNED, first.status());
        assertEquals("CSVA1", first.accessionNumber());
        assertEquals(List.of("M54.16", "M51.16"), first.data().diagnoses());
        assertEquals(new BigDecimal("80"), first.data().medications().steroidDoseMg());
        assertEquals(2, first.data().scores().size());
        assertEquals(Procedure.ScoreKind.FOLLOW_UP, first.data().scores().get(1).kind());
        assertEquals(Status.PERFORMED, john.get(1).status());
        assertEquals(Procedure.Approach.CAUDAL, john.get(1).data().approach());
        assertEquals(List.of("CSVB7"), service.forPatient("CSV-2").stream().map(Procedure::accessionNumber).toList());
    }

    @Test
    void aHeaderWithoutTheRequiredColumnsIsRefused() throws Exception {
        HttpResponse<String> r = post("patient_id,cpt_code\nX,62323\n");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("performed_at"), r.body());
        r = post("patient_id,performed_at,cpt_code,colour\nX,2025-01-01,62323,red\n");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("colour"), r.body());
        assertTrue(service.forPatient("X").isEmpty());
    }
}
