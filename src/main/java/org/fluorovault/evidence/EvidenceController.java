package org.fluorovault.evidence;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import org.fluorovault.audit.AuditAction;
import org.fluorovault.audit.AuditEventType;
import org.fluorovault.audit.AuditTrail;
import org.fluorovault.procedure.Procedure;
import org.fluorovault.procedure.ProcedureNotFoundException;
import org.fluorovault.procedure.ProcedureService;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The 62323 evidence verdict of a procedure and its history; readable by every role, auditors included. */
@RestController
public class EvidenceController {
    private final EvidenceService evidence;
    private final ProcedureService procedures;
    private final AuditTrail audit;

    public EvidenceController(EvidenceService evidence, ProcedureService procedures, AuditTrail audit) {
        this.evidence = evidence;
        this.procedures = procedures;
        this.audit = audit;
    }

    /** The verdict, the rule results behind it and the procedure version it judged. */
    public record EvidenceResponse(
            long procedureId,
            int procedureVersion,
            String verdict,
            String ruleSetVersion,
            Instant evaluatedAt,
            List<RuleResult> rules) {
        public static EvidenceResponse of(StoredVerdict s) {
            Verdict v = s.verdict();
            return new EvidenceResponse(
                    s.procedureId(),
                    s.procedureVersion(),
                    v.verdict().name(),
                    v.ruleSetVersion(),
                    v.evaluatedAt(),
                    v.rules());
        }
    }

    @GetMapping(value = "/api/procedures/{id}/evidence", produces = MediaType.APPLICATION_JSON_VALUE)
    public EvidenceResponse evidence(@PathVariable long id, Principal user, HttpServletRequest http) {
        Procedure p = procedure(id);
        StoredVerdict v = evidence.evaluate(id, user.getName());
        audited(
                http,
                p,
                "evidence viewed: " + v.verdict().verdict() + " (" + v.verdict().ruleSetVersion() + ")");
        return EvidenceResponse.of(v);
    }

    @GetMapping(value = "/api/procedures/{id}/evidence/history", produces = MediaType.APPLICATION_JSON_VALUE)
    public List<EvidenceResponse> history(
            @PathVariable long id, @RequestParam(defaultValue = "20") int limit, HttpServletRequest http) {
        audited(http, procedure(id), "evidence history viewed");
        return evidence.history(id, Math.max(1, Math.min(limit, 500))).stream()
                .map(EvidenceResponse::of)
                .toList();
    }

    private Procedure procedure(long id) {
        return procedures.find(id).orElseThrow(() -> new ProcedureNotFoundException(id));
    }

    private void audited(HttpServletRequest http, Procedure p, String detail) {
        audit.record(audit.from(http, AuditEventType.PROCEDURE_RECORD)
                .action(AuditAction.R)
                .patientId(p.patient().id())
                .procedureId(Long.toString(p.id()))
                .detail(detail)
                .build());
    }
}
