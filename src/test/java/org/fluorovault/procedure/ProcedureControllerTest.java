package org.fluorovault.procedure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.fluorovault.audit.AuditAction;
import org.fluorovault.audit.AuditEvent;
import org.fluorovault.audit.AuditEventType;
import org.fluorovault.audit.AuditTrail;
import org.fluorovault.procedure.internal.CsvImport;
import org.fluorovault.security.WebSlice;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The HTTP contract of {@code /api/procedures} on a web slice with the services mocked: status codes and headers, who
 * may write and sign, the ProblemDetail of each refusal, and the audit event of each call. The rules behind the service
 * are {@link ProcedureServiceTest}'s and {@link CsvImportTest}'s.
 */
@WebMvcTest(ProcedureController.class)
@WebSlice
class ProcedureControllerTest {
    private static final MediaType PROBLEM = MediaType.APPLICATION_PROBLEM_JSON;
    private static final String BODY = ProcedureTestSupport.json("P-17", "A17", "2026-03-10T09:30:00");

    @Autowired
    MockMvc mvc;

    @MockitoBean
    ProcedureService service;

    @MockitoBean
    CsvImport csv;

    @MockitoBean
    AuditTrail audit;

    @BeforeEach
    void auditBuildsRealEvents() {
        given(audit.from(any(), any())).willCallRealMethod(); // the user, role and address of the request
    }

    static Procedure procedure(long id, int version, Status status) {
        return new Procedure(
                id,
                version,
                status,
                "2.25.17",
                ProcedureTestSupport.data("P-17", "A17", LocalDateTime.of(2026, 3, 10, 9, 30)),
                Instant.parse("2026-03-01T10:00:00Z"),
                "tech1");
    }

    private AuditEvent audited() {
        ArgumentCaptor<AuditEvent> event = ArgumentCaptor.forClass(AuditEvent.class);
        verify(audit).record(event.capture());
        return event.getValue();
    }

    @Test
    @WithMockUser(username = "tech1", roles = "TECHNOLOGIST")
    void aTechnologistCreatesARecordAnsweredWithItsLocationAndVersion() throws Exception {
        given(service.create(any(), eq("tech1"))).willReturn(procedure(17, 1, Status.SCHEDULED));

        mvc.perform(post("/api/procedures")
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(BODY))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/procedures/17"))
                .andExpect(header().string("ETag", "\"1\""))
                .andExpect(jsonPath("$.id").value(17))
                .andExpect(jsonPath("$.data.patient.id").value("P-17"));

        AuditEvent e = audited();
        assertEquals(AuditEventType.PROCEDURE_RECORD, e.eventId());
        assertEquals(AuditAction.C, e.action());
        assertEquals("tech1", e.user());
        assertEquals("TECHNOLOGIST", e.role());
        assertEquals("17", e.procedureId());
        assertEquals("P-17", e.patientId());
    }

    @Test
    @WithMockUser(username = "aud", roles = "AUDITOR")
    void anAuditorReadsButMayNotWrite() throws Exception {
        given(service.find(17)).willReturn(Optional.of(procedure(17, 3, Status.PERFORMED)));
        mvc.perform(get("/api/procedures/17")).andExpect(status().isOk()).andExpect(header().string("ETag", "\"3\""));
        assertEquals(AuditAction.R, audited().action());

        mvc.perform(post("/api/procedures")
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(BODY))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.status").value(403))
                .andExpect(jsonPath("$.detail").isNotEmpty());
        mvc.perform(post("/api/procedures/import")
                        .with(csrf())
                        .contentType("text/csv")
                        .content("patient_id\n"))
                .andExpect(status().isForbidden());
        verify(service, never()).create(any(), anyString());
        verifyNoInteractions(csv);
    }

    @Test
    void withoutCredentialsNothingIsAnswered() throws Exception {
        mvc.perform(get("/api/procedures/17")).andExpect(status().isUnauthorized());
        verifyNoInteractions(service, audit);
    }

    @Test
    @WithMockUser(username = "tech1", roles = "TECHNOLOGIST")
    void onlyAPhysicianSigns() throws Exception {
        mvc.perform(post("/api/procedures/17/sign").with(csrf()).header("If-Match", "\"4\""))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM));
        verifyNoInteractions(service);
    }

    @Test
    @WithMockUser(username = "doc", roles = "PHYSICIAN")
    void aPhysicianSignsTheVersionSheSaw() throws Exception {
        given(service.sign(17, 4, "doc")).willReturn(procedure(17, 5, Status.SIGNED));
        mvc.perform(post("/api/procedures/17/sign").with(csrf()).header("If-Match", "\"4\""))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"5\""))
                .andExpect(jsonPath("$.status").value("SIGNED"));
        assertEquals("signed, version 5", audited().detail());
    }

    @Test
    @WithMockUser(username = "tech1", roles = "TECHNOLOGIST")
    void invalidInputIs400WithWhatIsWrongAndNothingAudited() throws Exception {
        given(service.create(any(), anyString()))
                .willThrow(new InvalidProcedureException("cptCode '99999' is not a known code"));
        mvc.perform(post("/api/procedures")
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(BODY))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.detail").value("cptCode '99999' is not a known code"));
        // unreadable JSON names the field
        mvc.perform(post("/api/procedures")
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"patient\": {\"id\": \"P-17\", \"sex\": \"Q\"}}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("patient.sex: wrong type or format (invalid JSON)"));
        mvc.perform(get("/api/procedures").param("from", "2025-13-01"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("from '2025-13-01' is not a date (YYYY-MM-DD)"));
        mvc.perform(post("/api/procedures/17/status")
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"status\": \"SIGNED\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("sign with POST /api/procedures/17/sign"));
        verify(audit, never()).record(any());
    }

    @Test
    @WithMockUser(username = "tech1", roles = "TECHNOLOGIST")
    void anUnknownRecordIs404() throws Exception {
        given(service.find(99)).willReturn(Optional.empty());
        given(service.versions(99)).willReturn(List.of());
        for (String path : List.of("/api/procedures/99", "/api/procedures/99/versions")) {
            mvc.perform(get(path))
                    .andExpect(status().isNotFound())
                    .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                    .andExpect(jsonPath("$.detail").value("no procedure 99"));
        }
        verify(audit, never()).record(any());
    }

    @Test
    @WithMockUser(username = "tech1", roles = "TECHNOLOGIST")
    void anUpdateNeedsTheVersionItIsBasedOn() throws Exception {
        mvc.perform(put("/api/procedures/17")
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(BODY))
                .andExpect(status().isPreconditionRequired())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("If-Match")));
        verify(service, never()).update(anyLong(), any(), any(), anyString());

        given(service.update(eq(17L), any(), eq(3), eq("tech1")))
                .willThrow(new VersionConflictException("record 17 is at version 4"));
        mvc.perform(put("/api/procedures/17")
                        .with(csrf())
                        .header("If-Match", "\"3\"")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(BODY))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value("record 17 is at version 4"));

        given(service.update(eq(17L), any(), eq(4), eq("tech1"))).willReturn(procedure(17, 5, Status.SCHEDULED));
        mvc.perform(put("/api/procedures/17")
                        .with(csrf())
                        .param("version", "4")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(BODY))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"5\""));
        assertEquals(AuditAction.U, audited().action());
    }

    @Test
    @WithMockUser(username = "tech1", roles = "TECHNOLOGIST")
    void aCsvImportReportsItsRowsAndIsAudited() throws Exception {
        given(csv.importCsv("patient_id,performed_at,cpt_code\nX,2025-01-01,62323\n", "tech1"))
                .willReturn(new CsvImport.Report(1, List.of(41L), List.of(new CsvImport.Rejected(3, "bad"))));
        mvc.perform(post("/api/procedures/import")
                        .with(csrf())
                        .contentType("text/csv")
                        .content("patient_id,performed_at,cpt_code\nX,2025-01-01,62323\n"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.imported").value(1))
                .andExpect(jsonPath("$.rejected[0].line").value(3));
        AuditEvent e = audited();
        assertEquals(AuditEventType.IMPORT, e.eventId());
        assertEquals("CSV import: 1 imported, 1 rejected", e.detail());

        given(csv.importCsv(eq("colour\n"), anyString()))
                .willThrow(new InvalidProcedureException("unknown column colour"));
        mvc.perform(post("/api/procedures/import")
                        .with(csrf())
                        .contentType("text/csv")
                        .content("colour\n"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("unknown column colour"));
    }

    @Test
    @WithMockUser(username = "aud", roles = "AUDITOR")
    void aSearchIsPagedWithinItsLimitAndAudited() throws Exception {
        mvc.perform(get("/api/procedures").param("size", "501"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("page must be >= 0 and size between 1 and 500"));
        given(service.search(eq("P-17"), isNull(), any(), any(), anyInt(), anyInt()))
                .willReturn(
                        new ProcedurePage(List.of(procedure(17, 1, Status.SCHEDULED)), 0, 50, 1, java.util.Map.of()));
        mvc.perform(get("/api/procedures").param("patientId", "P-17"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(1));
        AuditEvent e = audited();
        assertEquals(AuditEventType.QUERY, e.eventId());
        assertEquals("P-17", e.patientId());
    }
}
