package org.fluorovault.linking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.fluorovault.audit.AuditAction;
import org.fluorovault.audit.AuditEvent;
import org.fluorovault.audit.AuditEventType;
import org.fluorovault.audit.AuditTrail;
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
 * The HTTP contract of the links between procedures and studies and of the work queue, on a web slice with the linker
 * mocked: every role reads, only ADMIN, TECHNOLOGIST and PHYSICIAN change links, refusals and errors are ProblemDetails,
 * and every call is in the audit trail. The linker's rules are {@link StudyLinkerRulesTest}'s.
 */
@WebMvcTest(LinkController.class)
@WebSlice
class LinkControllerTest {
    private static final String STUDY = "2.25.4242";
    private static final MediaType PROBLEM = MediaType.APPLICATION_PROBLEM_JSON;

    @Autowired
    MockMvc mvc;

    @MockitoBean
    StudyLinker linker;

    @MockitoBean
    AuditTrail audit;

    @BeforeEach
    void auditBuildsRealEvents() {
        given(audit.from(any(), any())).willCallRealMethod();
    }

    private AuditEvent audited() {
        ArgumentCaptor<AuditEvent> event = ArgumentCaptor.forClass(AuditEvent.class);
        verify(audit).record(event.capture());
        return event.getValue();
    }

    private static String body(String study, String reason) {
        return "{\"studyInstanceUid\": " + (study == null ? "null" : "\"" + study + "\"")
                + (reason == null ? "" : ", \"reason\": \"" + reason + "\"") + "}";
    }

    @Test
    @WithMockUser(username = "aud", roles = "AUDITOR")
    void anAuditorReadsTheLinksAndTheReadIsAudited() throws Exception {
        given(linker.linksOf(7))
                .willReturn(List.of(new StudyLink(
                        STUDY, 7, LinkMethod.ACCESSION, "linker", Instant.parse("2026-06-01T10:00:00Z"))));
        mvc.perform(get("/api/procedures/7/studies"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].studyInstanceUid").value(STUDY))
                .andExpect(jsonPath("$[0].method").value("ACCESSION"));
        AuditEvent e = audited();
        assertEquals(AuditEventType.PROCEDURE_RECORD, e.eventId());
        assertEquals(AuditAction.R, e.action());
        assertEquals("7", e.procedureId());
        assertEquals("AUDITOR", e.role());
        assertEquals("linked studies viewed: 1", e.detail());
    }

    @Test
    @WithMockUser(username = "aud", roles = "AUDITOR")
    void anAuditorMayNotChangeLinks() throws Exception {
        mvc.perform(post("/api/procedures/7/studies")
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body(STUDY, null)))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.detail").isNotEmpty());
        mvc.perform(delete("/api/procedures/7/studies/" + STUDY).with(csrf()))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM));
        verifyNoInteractions(linker);
        verify(audit, never()).record(any());
    }

    @Test
    @WithMockUser(username = "tech1", roles = "TECHNOLOGIST")
    void aTechnologistLinksByHandAndTheConflictIsNamedInTheAudit() throws Exception {
        given(linker.patientConflict(7, STUDY))
                .willReturn(Optional.of("the study's patient P2 is not the procedure's P1"));
        given(linker.link(7, STUDY, "tech1", "same person, new MRN"))
                .willReturn(new StudyLink(STUDY, 7, LinkMethod.USER, "tech1", Instant.parse("2026-06-01T10:00:00Z")));
        mvc.perform(post("/api/procedures/7/studies")
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body(" " + STUDY + " ", "same person, new MRN")))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/procedures/7/studies"))
                .andExpect(jsonPath("$.method").value("USER"));
        AuditEvent e = audited();
        assertEquals(AuditAction.U, e.action());
        assertEquals(STUDY, e.studyUid());
        assertEquals(
                "study linked by hand although the study's patient P2 is not the procedure's P1: same person, new MRN",
                e.detail());
    }

    @Test
    @WithMockUser(username = "doc", roles = "PHYSICIAN")
    void theLinkersRefusalsAreProblemDetails() throws Exception {
        mvc.perform(post("/api/procedures/7/studies")
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body(" ", null)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.detail").value("studyInstanceUid is required"));

        given(linker.link(anyLong(), anyString(), anyString(), any()))
                .willThrow(new StudyLinker.LinkConflictException("study 2.25.4242 is linked to procedure 8"));
        mvc.perform(post("/api/procedures/7/studies")
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body(STUDY, null)))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value("study 2.25.4242 is linked to procedure 8"));

        org.mockito.Mockito.doThrow(
                        new StudyLinker.LinkTargetNotFoundException("no link of study 2.25.4242 to procedure 7"))
                .when(linker)
                .unlink(7, STUDY, "doc", null);
        mvc.perform(delete("/api/procedures/7/studies/" + STUDY).with(csrf()))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("no link of study 2.25.4242 to procedure 7"));

        // a malformed UID in the path never reaches the linker
        mvc.perform(delete("/api/procedures/7/studies/2.25.x").with(csrf())).andExpect(status().isBadRequest());
        verify(linker, never()).unlink(anyLong(), org.mockito.ArgumentMatchers.eq("2.25.x"), anyString(), any());
        verify(audit, never()).record(any());
    }

    @Test
    @WithMockUser(username = "admin", roles = "ADMIN")
    void anUnlinkIs204WithItsReasonAudited() throws Exception {
        mvc.perform(delete("/api/procedures/7/studies/" + STUDY)
                        .param("reason", "wrong patient")
                        .with(csrf()))
                .andExpect(status().isNoContent());
        verify(linker).unlink(7, STUDY, "admin", "wrong patient");
        AuditEvent e = audited();
        assertEquals(AuditAction.U, e.action());
        assertEquals("study unlinked: wrong patient", e.detail());
    }

    @Test
    @WithMockUser(username = "tech1", roles = "TECHNOLOGIST")
    void theQueueIsPagedWithinItsLimitAndAudited() throws Exception {
        mvc.perform(get("/api/link-queue").param("size", "0"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("page must be >= 0 and size 1..1000"));
        given(linker.queue(0, 100))
                .willReturn(List.of(new QueuedStudy(
                        STUDY,
                        "P1",
                        "20260601",
                        null,
                        List.of("XA"),
                        "AMBIGUOUS",
                        List.of(9L, 10L),
                        Instant.parse("2026-06-01T10:00:00Z"),
                        null)));
        mvc.perform(get("/api/link-queue"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].reason").value("AMBIGUOUS"))
                .andExpect(jsonPath("$[0].candidates[1]").value(10));
        AuditEvent e = audited();
        assertEquals(AuditEventType.QUERY, e.eventId());
        assertEquals("link queue viewed: 1 studies", e.detail());
    }
}
