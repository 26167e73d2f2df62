package org.fluorovault.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.fluorovault.archive.ArchiveException;
import org.fluorovault.archive.ArchiveStore;
import org.fluorovault.archive.InstanceIndex;
import org.fluorovault.archive.MissingObjects;
import org.fluorovault.audit.AuditAction;
import org.fluorovault.audit.AuditEventType;
import org.fluorovault.audit.AuditOutcome;
import org.fluorovault.audit.AuditTrail;
import org.fluorovault.common.ConflictException;
import org.fluorovault.common.NotFoundException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What an administrator must look at in the storage (ADMIN only, under {@code /api/admin}):
 * <ul>
 *   <li>{@code GET /api/admin/storage/quarantine}: the count and the newest 200 quarantined objects,
 *       with the reason and both SHA-256 (the indexed object's and the quarantined one's);</li>
 *   <li>{@code POST /api/admin/storage/quarantine/{id}/release}: the quarantined object becomes the
 *       indexed one and the formerly indexed object takes its place in the quarantine;</li>
 *   <li>{@code DELETE /api/admin/storage/quarantine/{id}}: the quarantined object is deleted;</li>
 *   <li>{@code GET /api/admin/storage/missing}: indexed objects whose file is missing.</li>
 * </ul>
 * Releases and deletions are audited (DICOM Instances Accessed, update; Instances Deleted).
 */
@RestController
class StorageIssuesController {
    record QuarantineEntry(
            long id,
            String sopInstanceUid,
            String reason,
            String indexedSha256,
            String quarantinedSha256,
            String callingAet,
            Instant receivedAt) {}

    record QuarantineView(long count, List<QuarantineEntry> entries) {}

    record MissingView(int count, List<MissingObjects.Missing> objects) {}

    private final ArchiveStore archive;
    private final InstanceIndex index;
    private final AuditTrail audit;

    StorageIssuesController(ArchiveStore archive, InstanceIndex index, AuditTrail audit) {
        this.archive = archive;
        this.index = index;
        this.audit = audit;
    }

    private static QuarantineEntry view(InstanceIndex.Quarantined q) {
        return new QuarantineEntry(
                q.id(),
                q.sopInstanceUid(),
                q.reason(),
                q.storedSha256(),
                q.receivedSha256(),
                q.callingAet(),
                q.receivedAt());
    }

    @GetMapping(value = "/api/admin/storage/quarantine", produces = MediaType.APPLICATION_JSON_VALUE)
    QuarantineView quarantine() {
        return new QuarantineView(
                index.quarantineTotal(),
                index.quarantined(200).stream()
                        .map(StorageIssuesController::view)
                        .toList());
    }

    @GetMapping(value = "/api/admin/storage/missing", produces = MediaType.APPLICATION_JSON_VALUE)
    MissingView missing() {
        return new MissingView(archive.missing().count(), archive.missing().list(200));
    }

    @PostMapping(value = "/api/admin/storage/quarantine/{id}/release", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> release(@PathVariable long id, HttpServletRequest rq) throws IOException {
        InstanceIndex.Quarantined before = index.quarantinedById(id);
        if (before == null) return notFound(id);
        try {
            InstanceIndex.Quarantined after =
                    archive.releaseQuarantined(id, rq.getUserPrincipal().getName());
            audit.record(audit.from(rq, AuditEventType.INSTANCES_ACCESSED)
                    .action(AuditAction.U)
                    .outcome(AuditOutcome.SUCCESS)
                    .detail("quarantine entry " + id + " released: " + before.sopInstanceUid()
                            + " is now SHA-256 " + before.receivedSha256() + " (was " + before.storedSha256()
                            + ", kept in quarantine)")
                    .build());
            return ResponseEntity.ok(view(after));
        } catch (ArchiveException | IllegalStateException e) {
            audit.record(audit.from(rq, AuditEventType.INSTANCES_ACCESSED)
                    .action(AuditAction.U)
                    .outcome(AuditOutcome.SERIOUS_FAILURE)
                    .detail("quarantine entry " + id + " not released: " + e.getMessage())
                    .build());
            throw new ConflictException("quarantine entry " + id + " not released: " + e.getMessage());
        }
    }

    @DeleteMapping("/api/admin/storage/quarantine/{id}")
    ResponseEntity<?> delete(@PathVariable long id, HttpServletRequest rq) throws IOException {
        InstanceIndex.Quarantined q = archive.deleteQuarantined(id);
        if (q == null) return notFound(id);
        audit.record(audit.from(rq, AuditEventType.INSTANCES_DELETED)
                .outcome(AuditOutcome.SUCCESS)
                .detail("quarantined object " + q.sopInstanceUid() + " (SHA-256 " + q.receivedSha256() + ", from "
                        + q.callingAet() + ") deleted from quarantine entry " + id)
                .build());
        return ResponseEntity.noContent().build();
    }

    private static ResponseEntity<?> notFound(long id) {
        throw new NotFoundException("no quarantine entry " + id);
    }
}
