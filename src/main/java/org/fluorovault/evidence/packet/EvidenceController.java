package org.fluorovault.evidence.packet;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.fluorovault.audit.AuditAction;
import org.fluorovault.audit.AuditEvent;
import org.fluorovault.audit.AuditEventType;
import org.fluorovault.audit.AuditFilter;
import org.fluorovault.audit.AuditRecord;
import org.fluorovault.audit.AuditTrail;
import org.fluorovault.procedure.Procedure;
import org.fluorovault.procedure.ProcedureNotFoundException;
import org.fluorovault.procedure.ProcedureService;
import org.fluorovault.evidence.EvidenceService;
import org.fluorovault.evidence.NoRuleSetException;
import org.fluorovault.evidence.StoredVerdict;
import org.fluorovault.evidence.Verdict;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** The 62323 evidence verdict of a procedure and its PDF and ZIP packets; readable by every role, auditors included. */
@RestController
public class EvidenceController {
    private final EvidenceService evidence;
    private final PacketService packets;
    private final EvidenceZip zip;
    private final ProcedureService procedures;
    private final AuditTrail audit;

    public EvidenceController(EvidenceService evidence, PacketService packets, EvidenceZip zip, ProcedureService procedures,
                              AuditTrail audit) {
        this.evidence = evidence;
        this.packets = packets;
        this.zip = zip;
        this.procedures = procedures;
        this.audit = audit;
    }

    private Procedure procedure(long id) {
        return procedures.find(id).orElseThrow(() -> new ProcedureNotFoundException(id));
    }

    private void audited(HttpServletRequest http, AuditEventType type, Procedure p, String detail) {
        audit.record(audit.from(http, type).action(AuditAction.R).patientId(p.patient().id())
                .procedureId(Long.toString(p.id())).detail(detail).build());
    }

    /** The verdict as the issue defines it, plus the procedure version it judged. */
    public record EvidenceResponse(long procedureId, int procedureVersion, String verdict, String ruleSetVersion,
                                   java.time.Instant evaluatedAt, List<org.fluorovault.evidence.RuleResult> rules) {
        static EvidenceResponse of(StoredVerdict s) {
            Verdict v = s.verdict();
            return new EvidenceResponse(s.procedureId(), s.procedureVersion(), v.verdict().name(), v.ruleSetVersion(),
                    v.evaluatedAt(), v.rules());
        }
    }

    @GetMapping(value = "/api/procedures/{id}/evidence", produces = MediaType.APPLICATION_JSON_VALUE)
    public EvidenceResponse evidence(@PathVariable long id, Principal user, HttpServletRequest http) {
        Procedure p = procedure(id);
        StoredVerdict v = evidence.evaluate(id, user.getName());
        audited(http, AuditEventType.PROCEDURE_RECORD, p, "evidence viewed: " + v.verdict().verdict() + " (" + v.verdict().ruleSetVersion() + ")");
        return EvidenceResponse.of(v);
    }

    @GetMapping(value = "/api/procedures/{id}/evidence/history", produces = MediaType.APPLICATION_JSON_VALUE)
    public List<EvidenceResponse> history(@PathVariable long id, @RequestParam(defaultValue = "20") int limit,
                                          HttpServletRequest http) {
        audited(http, AuditEventType.PROCEDURE_RECORD, procedure(id), "evidence history viewed");
        return evidence.history(id, Math.max(1, Math.min(limit, 500))).stream().map(EvidenceResponse::of).toList();
    }

    @GetMapping("/api/procedures/{id}/packet.pdf")
    public ResponseEntity<byte[]> pdf(@PathVariable long id, Principal user, HttpServletRequest http) throws IOException {
        Procedure p = procedure(id);
        // the access log printed in the packet includes this download
        audited(http, AuditEventType.EXPORT, p, "packet.pdf downloaded");
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
        packets.writePdf(id, user.getName(), accessLog(id), out);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, attachment("procedure-" + id + "-evidence.pdf"))
                .body(out.toByteArray());
    }

    @GetMapping("/api/procedures/{id}/packet.zip")
    public ResponseEntity<StreamingResponseBody> zip(@PathVariable long id, HttpServletRequest http) {
        Procedure p = procedure(id);
        EvidenceZip.Plan plan = zip.plan(id);
        audited(http, AuditEventType.EXPORT, p, "packet.zip downloaded: " + plan.size() + " DICOM object(s)");
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/zip"))
                .header(HttpHeaders.CONTENT_DISPOSITION, attachment("procedure-" + id + "-evidence.zip"))
                .body(plan::write);
    }

    /** The audit events of this procedure, oldest first (at most the latest 1000). */
    private List<PacketContent.AccessRow> accessLog(long id) {
        List<AuditRecord> newestFirst = audit.search(new AuditFilter(null, null, Long.toString(id), null, null, null), 0, 1000).items();
        List<PacketContent.AccessRow> rows = new java.util.ArrayList<>();
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            AuditEvent e = newestFirst.get(i).event();
            rows.add(new PacketContent.AccessRow(e.time(), e.user() == null ? "" : e.user(), e.role(),
                    e.eventId().code() + " " + e.eventId().meaning() + " (" + e.action() + ")" + (e.detail() == null ? "" : ": " + e.detail()),
                    e.sourceAddress(), Integer.toString(e.outcome().code())));
        }
        return rows;
    }

    private static String attachment(String name) {
        return ContentDisposition.attachment().filename(name).build().toString();
    }

    @ExceptionHandler(ProcedureNotFoundException.class)
    ResponseEntity<Map<String, String>> notFound(ProcedureNotFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler(NoRuleSetException.class)
    ResponseEntity<Map<String, String>> noRuleSet(NoRuleSetException e) {
        return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler(EvidenceZip.IncompletePacketException.class)
    ResponseEntity<Map<String, String>> incomplete(EvidenceZip.IncompletePacketException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", "packet incomplete: " + e.getMessage()));
    }
}
