package org.fluorovault.review;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.fluorovault.archive.InstanceNotFoundException;
import org.fluorovault.audit.AuditAction;
import org.fluorovault.audit.AuditEventType;
import org.fluorovault.audit.AuditOutcome;
import org.fluorovault.audit.AuditTrail;
import org.fluorovault.security.Role;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/instances/{uid}/annotations} (GET anyone signed in; POST technologists and
 * physicians) and {@code POST /api/studies/{uid}/review} (technologists and physicians).
 */
@RestController
class ReviewController {
    private final AnnotationService annotations;
    private final ReviewService reviews;
    private final AuditTrail audit;

    ReviewController(AnnotationService annotations, ReviewService reviews, AuditTrail audit) {
        this.audit = audit;
        this.annotations = annotations;
        this.reviews = reviews;
    }

    /** The current version and all versions, oldest first. */
    record AnnotationState(Annotation current, List<Annotation> history) {}

    @GetMapping(value = "/api/instances/{sopInstanceUid}/annotations", produces = MediaType.APPLICATION_JSON_VALUE)
    AnnotationState annotations(@PathVariable String sopInstanceUid) {
        List<Annotation> history = annotations.history(sopInstanceUid);
        if (history.isEmpty() && !annotations.isStored(sopInstanceUid))
            throw new InstanceNotFoundException(sopInstanceUid);
        return new AnnotationState(history.isEmpty() ? null : history.get(history.size() - 1), history);
    }

    @PostMapping(
            value = "/api/instances/{sopInstanceUid}/annotations",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    Annotation annotate(
            @PathVariable String sopInstanceUid,
            @RequestBody AnnotationRequest request,
            Authentication user,
            HttpServletRequest http) {
        String role = annotatingRole(user, http, sopInstanceUid);
        Annotation saved = annotations.save(sopInstanceUid, request, user.getName(), role);
        audit.record(audit.from(http, AuditEventType.INSTANCES_ACCESSED)
                .action(AuditAction.U)
                .studyUid(saved.studyInstanceUid())
                .detail("annotation version " + saved.version() + " of " + sopInstanceUid)
                .build());
        return saved;
    }

    @PostMapping(value = "/api/studies/{studyInstanceUid}/review", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    ReviewDocuments review(@PathVariable String studyInstanceUid, Authentication user, HttpServletRequest http) {
        ReviewDocuments docs =
                reviews.review(studyInstanceUid, user.getName(), annotatingRole(user, http, studyInstanceUid));
        audit.record(audit.from(http, AuditEventType.INSTANCES_ACCESSED)
                .action(AuditAction.C)
                .studyUid(studyInstanceUid)
                .detail("review documents created: SR " + docs.srSopInstanceUid() + ", KOS " + docs.kosSopInstanceUid())
                .build());
        return docs;
    }

    /** The user's role when it may annotate; refused before anything is read otherwise. */
    private String annotatingRole(Authentication user, HttpServletRequest http, String target) {
        Role role = Role.of(user);
        if (role != null && AnnotationService.ANNOTATING_ROLES.contains(role.name())) return role.name();
        audit.record(audit.from(http, AuditEventType.SECURITY_ALERT)
                .outcome(AuditOutcome.MINOR_FAILURE)
                .detail("refused: " + user.getName() + " may not annotate or review " + target)
                .build());
        throw new AccessDeniedException("only a technologist or physician may annotate or review");
    }
}
