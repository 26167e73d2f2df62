package org.fluorovault.procedure;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.fluorovault.audit.AuditAction;
import org.fluorovault.audit.AuditEventType;
import org.fluorovault.audit.AuditTrail;
import org.fluorovault.procedure.internal.CsvImport;
import org.fluorovault.security.Role;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Procedure records over REST. ADMIN, TECHNOLOGIST and PHYSICIAN write; AUDITOR reads only;
 * only a PHYSICIAN signs. Updates need the version they are based on (If-Match or {@code ?version=}).
 */
@RestController
@RequestMapping("/api/procedures")
class ProcedureController {
    private static final int MAX_PAGE = 500;

    private final ProcedureService service;
    private final CsvImport csv;
    private final AuditTrail audit;

    ProcedureController(ProcedureService service, CsvImport csv, AuditTrail audit) {
        this.service = service;
        this.csv = csv;
        this.audit = audit;
    }

    /** Audit event 110111 Procedure Record for {@code p}: who read or changed which record, from where. */
    private Procedure audited(HttpServletRequest http, AuditAction action, Procedure p, String detail) {
        audit.record(audit.from(http, AuditEventType.PROCEDURE_RECORD)
                .action(action)
                .patientId(p.patient().id())
                .procedureId(Long.toString(p.id()))
                .studyUid(p.studyInstanceUid())
                .detail(detail)
                .build());
        return p;
    }

    @PreAuthorize(Role.WRITERS)
    @PostMapping(consumes = "application/json")
    public ResponseEntity<Procedure> create(
            @RequestBody ProcedureData data, Authentication auth, HttpServletRequest http) {
        Procedure p = audited(http, AuditAction.C, service.create(data, auth.getName()), "created");
        return ResponseEntity.created(URI.create("/api/procedures/" + p.id()))
                .eTag(etag(p))
                .body(p);
    }

    @GetMapping("/{id}")
    ResponseEntity<Procedure> get(@PathVariable long id, HttpServletRequest http) {
        Procedure p = audited(
                http, AuditAction.R, service.find(id).orElseThrow(() -> new ProcedureNotFoundException(id)), "viewed");
        return ResponseEntity.ok().eTag(etag(p)).body(p);
    }

    @GetMapping("/{id}/versions")
    List<Procedure> versions(@PathVariable long id, HttpServletRequest http) {
        List<Procedure> v = service.versions(id);
        if (v.isEmpty()) throw new ProcedureNotFoundException(id);
        audited(http, AuditAction.R, v.get(v.size() - 1), "versions viewed");
        return v;
    }

    @PreAuthorize(Role.WRITERS)
    @PutMapping(path = "/{id}", consumes = "application/json")
    public ResponseEntity<Procedure> update(
            @PathVariable long id,
            @RequestBody ProcedureData data,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @RequestParam(name = "version", required = false) Integer version,
            Authentication auth,
            HttpServletRequest http) {
        Procedure p = service.update(id, data, expectedVersion(ifMatch, version), auth.getName());
        audited(http, AuditAction.U, p, "updated to version " + p.version());
        return ResponseEntity.ok().eTag(etag(p)).body(p);
    }

    /** Body {@code {"status": "PERFORMED" | "REVIEWED" | "CANCELLED"}}; signing has its own endpoint. */
    @PreAuthorize(Role.WRITERS)
    @PostMapping(path = "/{id}/status", consumes = "application/json")
    public ResponseEntity<Procedure> status(
            @PathVariable long id,
            @RequestBody Map<String, String> body,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            Authentication auth,
            HttpServletRequest http) {
        Status s;
        try {
            s = Status.valueOf(String.valueOf(body.get("status")));
        } catch (IllegalArgumentException e) {
            throw new InvalidProcedureException("status must be one of PERFORMED, REVIEWED, CANCELLED");
        }
        if (s == Status.SIGNED) throw new InvalidProcedureException("sign with POST /api/procedures/" + id + "/sign");
        Procedure p = service.setStatus(id, s, ifMatch == null ? null : expectedVersion(ifMatch, null), auth.getName());
        audited(http, AuditAction.U, p, "status " + p.status());
        return ResponseEntity.ok().eTag(etag(p)).body(p);
    }

    @PreAuthorize(Role.PHYSICIAN_ONLY)
    @PostMapping("/{id}/sign")
    public ResponseEntity<Procedure> sign(
            @PathVariable long id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            Authentication auth,
            HttpServletRequest http) {
        Procedure p = service.sign(id, ifMatch == null ? null : expectedVersion(ifMatch, null), auth.getName());
        audited(http, AuditAction.U, p, "signed, version " + p.version());
        return ResponseEntity.ok().eTag(etag(p)).body(p);
    }

    @GetMapping
    ProcedurePage search(
            @RequestParam(required = false) String patientId,
            @RequestParam(required = false) String accession,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size,
            HttpServletRequest http) {
        if (page < 0 || size < 1 || size > MAX_PAGE) {
            throw new InvalidProcedureException("page must be >= 0 and size between 1 and " + MAX_PAGE);
        }
        ProcedurePage result = service.search(
                blankToNull(patientId), blankToNull(accession), date("from", from), date("to", to), page, size);
        audit.record(audit.from(http, AuditEventType.QUERY)
                .patientId(blankToNull(patientId))
                .detail("procedures accession=" + nz(accession) + " from=" + nz(from) + " to=" + nz(to) + ": "
                        + result.total() + " found")
                .build());
        return result;
    }

    @PreAuthorize(Role.WRITERS)
    @PostMapping(
            path = "/import",
            consumes = {"text/csv", "text/plain"})
    public CsvImport.Report importCsv(@RequestBody String body, Authentication auth, HttpServletRequest http) {
        CsvImport.Report report = csv.importCsv(body, auth.getName());
        audit.record(audit.from(http, AuditEventType.IMPORT)
                .detail("CSV import: " + report.imported() + " imported, "
                        + report.rejected().size() + " rejected")
                .build());
        return report;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static Integer expectedVersion(String ifMatch, Integer version) {
        if (ifMatch == null && version == null) {
            throw new PreconditionRequiredException(
                    "send the version you changed in If-Match (as returned in ETag) or ?version=");
        }
        if (ifMatch == null) return version;
        String v = ifMatch.trim().replaceFirst("^W/", "").replace("\"", "");
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new InvalidProcedureException("If-Match '" + ifMatch + "' is not a version number");
        }
    }

    private static String etag(Procedure p) {
        return "\"" + p.version() + "\"";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static LocalDate date(String name, String v) {
        if (v == null || v.isBlank()) return null;
        try {
            return LocalDate.parse(v.trim());
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidProcedureException(name + " '" + v + "' is not a date (YYYY-MM-DD)");
        }
    }

    /** An update without the version it is based on: 428, so that no one overwrites a change they have not seen. */
    static final class PreconditionRequiredException extends org.springframework.web.ErrorResponseException {
        PreconditionRequiredException(String message) {
            super(
                    HttpStatus.PRECONDITION_REQUIRED,
                    ProblemDetail.forStatusAndDetail(HttpStatus.PRECONDITION_REQUIRED, message),
                    null);
        }
    }
}
