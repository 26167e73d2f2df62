package org.fluorovault.procedure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import org.fluorovault.procedure.internal.CsvImport;
import org.fluorovault.procedure.internal.ProcedureRepository;
import org.fluorovault.support.MemoryIndex;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import tools.jackson.databind.json.JsonMapper;

/**
 * CSV import of historical procedures: good rows become records, bad rows are reported by line, the rest goes on. On
 * plain objects (the import and the service on an in-memory index); the endpoint's contract is ProcedureControllerTest's.
 */
class CsvImportTest {
    private ProcedureService service;
    private CsvImport importer;

    @BeforeEach
    void importer() {
        MemoryIndex index = MemoryIndex.migrated();
        service = new ProcedureService(
                new ProcedureRepository(index.jdbc(), JsonMapper.builder().build()),
                index.tx(),
                event -> {},
                Mockito.mock(WorklistStatuses.class));
        importer = new CsvImport(service);
    }

    CsvImport.Report post(String csv) {
        return importer.importCsv(csv, "technologist");
    }

    @Test
    void goodRowsAreImportedAndBadRowsReportedByLine() {
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
        CsvImport.Report report = post(csv);
        assertEquals(3, report.imported(), report.toString());
        List<CsvImport.Rejected> rejected = report.rejected();
        assertEquals(
                List.of(4L, 5L, 7L, 8L, 9L, 10L),
                rejected.stream().map(CsvImport.Rejected::line).toList(),
                report.toString());
        assertTrue(rejected.get(0).reason().contains("2025-02-30"), report.toString());
        assertTrue(rejected.get(1).reason().contains("cptCode '99999'"), report.toString());
        assertTrue(rejected.get(2).reason().contains("outside the region"), report.toString());
        assertTrue(rejected.get(3).reason().contains("M5416"), report.toString());
        assertTrue(rejected.get(4).reason().contains("before the patient's birth date"), report.toString());
        assertTrue(rejected.get(5).reason().contains("PERFORMED or SIGNED"), report.toString());

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
        assertEquals(
                List.of("CSVB7"),
                service.forPatient("CSV-2").stream()
                        .map(Procedure::accessionNumber)
                        .toList());
    }

    @Test
    void aHeaderWithoutTheRequiredColumnsIsRefused() {
        // InvalidProcedureException: 400 with its message (ProcedureControllerTest)
        InvalidProcedureException missing =
                assertThrows(InvalidProcedureException.class, () -> post("patient_id,cpt_code\nX,62323\n"));
        assertTrue(missing.getMessage().contains("performed_at"), missing.getMessage());
        InvalidProcedureException unknown = assertThrows(
                InvalidProcedureException.class,
                () -> post("patient_id,performed_at,cpt_code,colour\nX,2025-01-01,62323,red\n"));
        assertTrue(unknown.getMessage().contains("colour"), unknown.getMessage());
        assertTrue(service.forPatient("X").isEmpty());
    }
}
