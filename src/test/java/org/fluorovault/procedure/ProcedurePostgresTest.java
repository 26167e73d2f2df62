package org.fluorovault.procedure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.fluorovault.support.PostgresTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The procedure tables on PostgreSQL: Flyway's V5 migrates them; create, versioned update,
 * conflict, search and worklist lookups work; the patient, accession and date queries use
 * their indexes.
 */
class ProcedurePostgresTest extends PostgresTestBase {
    @Autowired
    ProcedureService service;

    @Test
    void versionedRecordsOnPostgres() {
        assertTrue(jdbc.queryForObject("SELECT version()", String.class).startsWith("PostgreSQL"));
        String pid = "PG-" + UUID.randomUUID().toString().substring(0, 8),
                acc = "G" + UUID.randomUUID().toString().substring(0, 8);
        Procedure p = service.create(ProcedureServiceTest.data(pid, acc, LocalDateTime.of(2026, 8, 1, 9, 30)), "pg");
        Procedure v2 = service.update(
                p.id(), ProcedureServiceTest.data(pid, acc, LocalDateTime.of(2026, 8, 2, 9, 30)), 1, "pg");
        assertEquals(2, v2.version());
        assertThrows(
                VersionConflictException.class,
                () -> service.update(
                        p.id(), ProcedureServiceTest.data(pid, acc, LocalDateTime.of(2026, 8, 3, 9, 30)), 1, "pg"));
        assertEquals(
                List.of(1, 2),
                service.versions(p.id()).stream().map(Procedure::version).toList());
        assertEquals(LocalDate.of(2026, 8, 1), service.versions(p.id()).get(0).dateOfService());
        assertEquals(v2, service.find(p.id()).orElseThrow());
        assertEquals(
                1,
                service.search(pid, null, LocalDate.of(2026, 8, 2), LocalDate.of(2026, 8, 2), 0, 10)
                        .total());
        assertEquals(
                0,
                service.search(pid, null, LocalDate.of(2026, 8, 3), null, 0, 10).total());
        assertEquals(
                List.of(p.id()),
                service.findByAccession(acc).stream().map(Procedure::id).toList());
        assertEquals(
                1,
                service.mergePatients(
                        pid, new Procedure.Patient(pid + "M", "Roe^Rick", LocalDate.of(1955, 1, 31), null), "pg"));
        assertEquals(3, service.forPatient(pid + "M").get(0).version());
    }

    @Test
    void lookupsUseTheirIndexes() {
        jdbc.execute("SET enable_seqscan = off"); // the table is small here; ask whether an index can serve the query
        try {
            assertTrue(plan("SELECT id FROM procedure_record WHERE patient_id = 'X'")
                    .contains("ix_procedure_patient"));
            assertTrue(plan("SELECT id FROM procedure_record WHERE accession_number = 'X'")
                    .contains("ix_procedure_accession"));
            assertTrue(
                    plan("SELECT id FROM procedure_record WHERE date_of_service BETWEEN DATE '2026-01-01' AND DATE '2026-02-01'")
                            .contains("ix_procedure_dos"));
        } finally {
            jdbc.execute("SET enable_seqscan = on");
        }
    }

    private String plan(String sql) {
        return String.join("\n", jdbc.queryForList("EXPLAIN " + sql, String.class));
    }
}
