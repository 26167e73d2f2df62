package org.fluorovault.linking;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import org.fluorovault.audit.AuditAction;
import org.fluorovault.audit.AuditEventType;
import org.fluorovault.audit.AuditTrail;
import org.fluorovault.common.InvalidRequestException;
import org.fluorovault.security.Role;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Links between procedures and studies, their history, and the queue of studies no rule could attach. */
@RestController
public class LinkController {
    private final StudyLinker linker;
    private final AuditTrail audit;

    public LinkController(StudyLinker linker, AuditTrail audit) {
        this.linker = linker;
        this.audit = audit;
    }

    private void audited(
            HttpServletRequest http, AuditAction action, long procedureId, String studyUid, String detail) {
        audit.record(audit.from(http, AuditEventType.PROCEDURE_RECORD)
                .action(action)
                .procedureId(Long.toString(procedureId))
                .studyUid(studyUid)
                .detail(detail)
                .build());
    }

    public record LinkRequest(String studyInstanceUid, String reason) {}

    @GetMapping("/api/procedures/{id}/studies")
    public List<StudyLink> links(@PathVariable long id, HttpServletRequest http) {
        List<StudyLink> links = linker.linksOf(id);
        audited(http, AuditAction.R, id, null, "linked studies viewed: " + links.size());
        return links;
    }

    @GetMapping("/api/procedures/{id}/studies/history")
    public List<LinkEvent> history(@PathVariable long id, HttpServletRequest http) {
        audited(http, AuditAction.R, id, null, "link history viewed");
        return linker.history(id);
    }

    @PreAuthorize(Role.WRITERS)
    @PostMapping("/api/procedures/{id}/studies")
    public ResponseEntity<StudyLink> link(
            @PathVariable long id, @RequestBody LinkRequest req, Authentication user, HttpServletRequest http) {
        if (req == null
                || req.studyInstanceUid() == null
                || req.studyInstanceUid().isBlank()) {
            throw new InvalidRequestException("studyInstanceUid is required");
        }
        String study = req.studyInstanceUid().trim();
        java.util.Optional<String> conflict = linker.patientConflict(id, study);
        StudyLink l = linker.link(id, study, user.getName(), req.reason());
        audited(
                http,
                AuditAction.U,
                id,
                l.studyInstanceUid(),
                "study linked by hand" + conflict.map(c -> " although " + c).orElse("")
                        + (req.reason() == null ? "" : ": " + req.reason()));
        return ResponseEntity.created(URI.create("/api/procedures/" + id + "/studies"))
                .body(l);
    }

    @PreAuthorize(Role.WRITERS)
    @DeleteMapping("/api/procedures/{id}/studies/{studyInstanceUid}")
    public ResponseEntity<Void> unlink(
            @PathVariable long id,
            @PathVariable String studyInstanceUid,
            @RequestParam(required = false) String reason,
            Authentication user,
            HttpServletRequest http) {
        linker.unlink(id, studyInstanceUid, user.getName(), reason);
        audited(http, AuditAction.U, id, studyInstanceUid, "study unlinked" + (reason == null ? "" : ": " + reason));
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/link-queue")
    public List<QueuedStudy> queue(
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "100") int size,
            HttpServletRequest http) {
        if (page < 0 || size < 1 || size > 1000)
            throw new InvalidRequestException("page must be >= 0 and size 1..1000");
        List<QueuedStudy> queued = linker.queue(page, size);
        audit.record(audit.from(http, AuditEventType.QUERY)
                .detail("link queue viewed: " + queued.size() + " studies")
                .build());
        return queued;
    }
}
