package org.fluorovault.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import org.fluorovault.audit.AuditAction;
import org.fluorovault.audit.AuditEvent;
import org.fluorovault.audit.AuditEventType;
import org.fluorovault.audit.AuditOutcome;
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
 * The HTTP contract of annotations and reviews on a web slice with the services mocked: anyone signed in reads, only a
 * technologist or a physician annotates and reviews (any other role is refused before anything is read, and the refusal
 * is a Security Alert in the audit trail), errors are ProblemDetails naming the field.
 */
@WebMvcTest(ReviewController.class)
@WebSlice
class ReviewControllerTest {
    private static final String IMAGE = "2.25.1001", STUDY = "2.25.1000";
    private static final String TIP =
            "{\"needleTip\": {\"frame\": 3, \"column\": 200.5, \"row\": 310}, \"level\": \"L4-L5\"}";
    private static final MediaType PROBLEM = MediaType.APPLICATION_PROBLEM_JSON;

    @Autowired
    MockMvc mvc;

    @MockitoBean
    AnnotationService annotations;

    @MockitoBean
    ReviewService reviews;

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

    static Annotation annotation(int version, String author, String role) {
        return new Annotation(
                IMAGE,
                STUDY,
                "2.25.1002",
                version,
                new NeedleTip(3, 200.5, 310.0),
                "L4-L5",
                null,
                null,
                null,
                null,
                null,
                false,
                List.of(),
                author,
                role,
                Instant.parse("2026-06-01T10:00:00Z"));
    }

    @Test
    @WithMockUser(username = "aud", roles = "AUDITOR")
    void anyoneReadsTheCurrentVersionAndTheHistory() throws Exception {
        given(annotations.history(IMAGE))
                .willReturn(List.of(annotation(1, "tech1", "TECHNOLOGIST"), annotation(2, "doc", "PHYSICIAN")));
        mvc.perform(get("/api/instances/" + IMAGE + "/annotations"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.current.version").value(2))
                .andExpect(jsonPath("$.current.author").value("doc"))
                .andExpect(jsonPath("$.history.length()").value(2));

        given(annotations.history("2.25.9")).willReturn(List.of());
        given(annotations.isStored("2.25.9")).willReturn(true);
        mvc.perform(get("/api/instances/2.25.9/annotations"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.current").doesNotExist());
    }

    @Test
    @WithMockUser(username = "aud", roles = "AUDITOR")
    void anUnknownImageIs404() throws Exception {
        given(annotations.history("2.25.8")).willReturn(List.of());
        mvc.perform(get("/api/instances/2.25.8/annotations"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.detail").value("no stored instance 2.25.8"));
    }

    @Test
    @WithMockUser(username = "aud", roles = "AUDITOR")
    void anAuditorMayNotAnnotateNorReviewAndTheAttemptIsASecurityAlert() throws Exception {
        mvc.perform(post("/api/instances/" + IMAGE + "/annotations")
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(TIP))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.detail").value("only a technologist or physician may annotate or review"));
        AuditEvent e = audited();
        assertEquals(AuditEventType.SECURITY_ALERT, e.eventId());
        assertEquals(AuditOutcome.MINOR_FAILURE, e.outcome());
        assertEquals("refused: aud may not annotate or review " + IMAGE, e.detail());

        mvc.perform(post("/api/studies/" + STUDY + "/review").with(csrf()))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM));
        verify(audit, times(2)).record(any());
        verifyNoInteractions(annotations, reviews);
    }

    @Test
    @WithMockUser(username = "admin", roles = "ADMIN")
    void anAdminMayNotAnnotateEither() throws Exception {
        mvc.perform(post("/api/instances/" + IMAGE + "/annotations")
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(TIP))
                .andExpect(status().isForbidden());
        verifyNoInteractions(annotations);
    }

    @Test
    @WithMockUser(username = "doc", roles = "PHYSICIAN")
    void aPhysicianAnnotatesAsAPhysician() throws Exception {
        given(annotations.save(eq(IMAGE), any(), eq("doc"), eq("PHYSICIAN")))
                .willReturn(annotation(3, "doc", "PHYSICIAN"));
        mvc.perform(post("/api/instances/" + IMAGE + "/annotations")
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(TIP))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.version").value(3))
                .andExpect(jsonPath("$.role").value("PHYSICIAN"));
        ArgumentCaptor<AnnotationRequest> request = ArgumentCaptor.forClass(AnnotationRequest.class);
        verify(annotations).save(eq(IMAGE), request.capture(), eq("doc"), eq("PHYSICIAN"));
        assertEquals(new NeedleTip(3, 200.5, 310.0), request.getValue().needleTip());
        assertEquals("L4-L5", request.getValue().level());

        AuditEvent e = audited();
        assertEquals(AuditEventType.INSTANCES_ACCESSED, e.eventId());
        assertEquals(AuditAction.U, e.action());
        assertEquals(STUDY, e.studyUid());
        assertEquals("annotation version 3 of " + IMAGE, e.detail());
    }

    @Test
    @WithMockUser(username = "tech1", roles = "TECHNOLOGIST")
    void aWrongValueIs400NamingTheFieldAndNothingIsAudited() throws Exception {
        given(annotations.save(eq(IMAGE), any(), anyString(), anyString()))
                .willThrow(new InvalidAnnotationException("needleTip.frame", "3 is beyond the image's 2 frames"));
        mvc.perform(post("/api/instances/" + IMAGE + "/annotations")
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(TIP))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.detail").value("needleTip.frame: 3 is beyond the image's 2 frames"));
        mvc.perform(post("/api/instances/" + IMAGE + "/annotations")
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"keyFrames\": [1, \"two\"]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("keyFrames[1]: wrong type or format (invalid JSON)"));
        verify(audit, never()).record(any());
    }

    @Test
    @WithMockUser(username = "tech1", roles = "TECHNOLOGIST")
    void aReviewWritesTheDocumentsAndIsAudited() throws Exception {
        given(reviews.review(STUDY, "tech1", "TECHNOLOGIST"))
                .willReturn(new ReviewDocuments(
                        STUDY,
                        "2.25.2001",
                        "2.25.2002",
                        List.of(IMAGE),
                        List.of(IMAGE),
                        "tech1",
                        Instant.parse("2026-06-01T10:00:00Z")));
        mvc.perform(post("/api/studies/" + STUDY + "/review").with(csrf()))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.srSopInstanceUid").value("2.25.2001"))
                .andExpect(jsonPath("$.kosSopInstanceUid").value("2.25.2002"));
        AuditEvent e = audited();
        assertEquals(AuditAction.C, e.action());
        assertEquals("review documents created: SR 2.25.2001, KOS 2.25.2002", e.detail());

        given(reviews.review("2.25.3000", "tech1", "TECHNOLOGIST"))
                .willThrow(new ReviewService.NothingToReviewException("2.25.3000"));
        mvc.perform(post("/api/studies/2.25.3000/review").with(csrf()))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM));
    }
}
