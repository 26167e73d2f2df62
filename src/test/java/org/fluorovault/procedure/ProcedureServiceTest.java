package org.fluorovault.procedure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.fluorovault.procedure.Procedure.Patient;
import org.fluorovault.procedure.Procedure.Sex;
import org.fluorovault.procedure.internal.ProcedureRepository;
import org.fluorovault.support.MemoryIndex;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import tools.jackson.databind.json.JsonMapper;

/**
 * The public Java API: lookups, events, cancel, demographics update and patient merge with history. On plain objects:
 * the service with its repository on an in-memory index with the migrations, and the events it publishes collected.
 */
class ProcedureServiceTest {
    private final List<Object> events = new ArrayList<>();
    private ProcedureService service;

    @BeforeEach
    void service() {
        MemoryIndex index = MemoryIndex.migrated();
        // worklist statuses are only read by search(), which ProcedureApiTest covers
        service = new ProcedureService(
                new ProcedureRepository(index.jdbc(), JsonMapper.builder().build()),
                index.tx(),
                events::add,
                Mockito.mock(WorklistStatuses.class));
    }

    static ProcedureData data(String patientId, String accession, LocalDateTime scheduled) {
        return ProcedureTestSupport.data(patientId, accession, scheduled);
    }

    static String unique() {
        return UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    @Test
    void lookupsEventsAndCancel() {
        String pid = "S-" + unique(), acc = "B" + unique();
        Procedure a = service.create(data(pid, acc, LocalDateTime.of(2026, 2, 1, 9, 0)), "svc");
        Procedure b = service.create(data(pid, "B" + unique(), LocalDateTime.of(2026, 1, 1, 9, 0)), "svc");
        assertEquals(
                List.of(b.id(), a.id()),
                service.forPatient(pid).stream().map(Procedure::id).toList(),
                "by date of service");
        assertEquals(
                List.of(a.id()),
                service.findByAccession(acc).stream().map(Procedure::id).toList());
        assertEquals(SpinalRegion.LUMBAR_SACRAL, a.data().region());
        assertFalse(a.studyInstanceUid().equals(b.studyInstanceUid()), "one Study Instance UID per procedure");

        Procedure cancelled = service.cancel(a.id(), "hl7");
        assertEquals(Status.CANCELLED, cancelled.status());
        assertEquals(2, cancelled.version());
        assertThrows(VersionConflictException.class, () -> service.setStatus(a.id(), Status.PERFORMED, "x"));
        assertEquals(
                List.of(
                        new ProcedureChanged(a.id(), 1),
                        new ProcedureChanged(b.id(), 1),
                        new ProcedureChanged(a.id(), 2)),
                events.stream().filter(ProcedureChanged.class::isInstance).toList());
        assertThrows(ProcedureNotFoundException.class, () -> service.cancel(Long.MAX_VALUE, "x"));
        // an update with identical data is not a change
        assertEquals(1, service.update(b.id(), b.data(), 1, "svc").version());
    }

    @Test
    void demographicsUpdateAndMergeKeepHistory() {
        String from = "M-" + unique(), to = "M-" + unique();
        Procedure a = service.create(data(from, "C" + unique(), LocalDateTime.of(2025, 5, 1, 9, 0)), "svc");
        Procedure other = service.create(data(to, "C" + unique(), LocalDateTime.of(2025, 6, 1, 9, 0)), "svc");
        assertEquals(
                1,
                service.updateDemographics(new Patient(from, "Roe^Richard", LocalDate.of(1955, 1, 31), Sex.M), "adt"));
        assertEquals("Roe^Richard", service.find(a.id()).orElseThrow().patient().name());

        Patient target = new Patient(to, "Roe^Richard^J", LocalDate.of(1955, 1, 31), Sex.M);
        assertEquals(1, service.mergePatients(from, target, "adt"));
        assertTrue(service.forPatient(from).isEmpty());
        assertEquals(
                List.of(a.id(), other.id()),
                service.forPatient(to).stream().map(Procedure::id).toList());
        List<Procedure> history = service.versions(a.id());
        assertEquals(
                List.of(from, from, to),
                history.stream().map(p -> p.patient().id()).toList(),
                "the merge is a new version");
        // a birth date after the procedure date is refused for every record, and nothing changes
        assertThrows(
                InvalidProcedureException.class,
                () -> service.updateDemographics(new Patient(to, "Roe^R", LocalDate.of(2025, 5, 15), Sex.M), "adt"));
        assertEquals(3, service.versions(a.id()).size());
        assertEquals(1, service.versions(other.id()).size());
    }

    @Test
    void ordersAreOnePerAccessionAndChangesCarryTheirReason() {
        String pid = "O-" + unique(), acc = "E" + unique();
        Procedure p =
                service.createOrder(data(pid, acc, LocalDateTime.of(2026, 3, 1, 9, 0)), "hl7 RIS", "HL7 ORM^O01 M1");
        assertEquals(Status.SCHEDULED, p.status());
        DuplicateAccessionException dup = assertThrows(
                DuplicateAccessionException.class,
                () -> service.createOrder(
                        data(pid, acc, LocalDateTime.of(2026, 3, 2, 9, 0)), "hl7 RIS", "HL7 ORM^O01 M2"));
        assertEquals(p.id(), dup.existingId());
        assertThrows(
                InvalidProcedureException.class,
                () -> service.createOrder(
                        data(pid, null, LocalDateTime.of(2026, 3, 2, 9, 0)), "hl7 RIS", "HL7 ORM^O01 M3"));
        assertEquals(1, service.findByAccession(acc).size());

        service.updateDemographics(
                new Patient(pid, "Roe^Rick^Q", LocalDate.of(1955, 1, 31), Sex.M), "hl7 ADT", "HL7 ADT^A08 M4");
        service.cancel(p.id(), "hl7 RIS", "HL7 ORM^O01 M5");
        assertEquals(
                Status.CANCELLED,
                service.cancel(p.id(), "hl7 RIS", "HL7 ORM^O01 M6").status(),
                "a repeated cancel is no change");
        assertEquals(List.of("HL7 ORM^O01 M1", "HL7 ADT^A08 M4", "HL7 ORM^O01 M5"), service.changeReasons(p.id()));
        // a cancelled order frees its accession number for a new order
        Procedure again =
                service.createOrder(data(pid, acc, LocalDateTime.of(2026, 3, 9, 9, 0)), "hl7 RIS", "x".repeat(300));
        assertEquals(List.of("x".repeat(ProcedureService.MAX_REASON_LENGTH)), service.changeReasons(again.id()));

        Procedure done = service.create(
                data(pid, "E" + unique(), LocalDateTime.of(2026, 1, 1, 9, 0))
                        .withPatient(new Patient(pid, "Roe^Rick", null, Sex.M)),
                Status.SCHEDULED,
                "svc",
                null);
        assertEquals(List.of("created"), service.changeReasons(done.id()));
    }

    @Test
    void catalogsAndChecks() {
        var cpt = CptCatalog.find("62323").orElseThrow();
        assertEquals(SpinalRegion.LUMBAR_SACRAL, cpt.region());
        assertTrue(cpt.imagingGuidance());
        assertFalse(CptCatalog.find("62322").orElseThrow().imagingGuidance());
        assertEquals(
                SpinalRegion.CERVICAL_THORACIC,
                CptCatalog.find("62321").orElseThrow().region());
        assertTrue(CptCatalog.find("64484").orElseThrow().approaches().contains(Procedure.Approach.TRANSFORAMINAL));
        assertTrue(CptCatalog.find("77003").isEmpty());
        assertEquals(10, CptCatalog.all().size());

        CoveredDiagnoses dx = CoveredDiagnoses.lumbarEsi();
        assertTrue(dx.isCovered("M54.16"));
        assertTrue(dx.isCovered("m48.062"));
        assertFalse(dx.isCovered("M54.5"), "axial low back pain is not covered");
        assertFalse(dx.version().isBlank());
        assertTrue(dx.source().contains("A58993"), dx.source());
        assertTrue(CoveredDiagnoses.isWellFormed("M48.061"));
        assertTrue(CoveredDiagnoses.isWellFormed("M96.1"));
        assertFalse(CoveredDiagnoses.isWellFormed("M4806"));
        assertFalse(CoveredDiagnoses.isWellFormed("M48.06123"));
        assertFalse(CoveredDiagnoses.isWellFormed("48.06"));
    }
}
