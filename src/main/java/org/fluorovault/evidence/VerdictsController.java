package org.fluorovault.evidence;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fluorovault.audit.AuditAction;
import org.fluorovault.audit.AuditEventType;
import org.fluorovault.audit.AuditTrail;
import org.fluorovault.common.InvalidRequestException;
import org.fluorovault.procedure.ProcedureService;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/procedures/verdicts?ids=1,2,3} (every role): the latest stored verdict of each
 * procedure asked for, in one request, for lists of procedures (the worklist and the search). Nothing
 * is evaluated. The answer maps each procedure number that has a stored verdict to it; procedures
 * without one, and unknown numbers, are left out. More than {@value #MAX_IDS} ids, or one that is not
 * a number, is 400 (ProblemDetail). Each verdict read is audited as its procedure's record read, as
 * {@code /evidence/history} is.
 */
@RestController
class VerdictsController {
    static final int MAX_IDS = 200;

    private final EvidenceService evidence;
    private final ProcedureService procedures;
    private final AuditTrail audit;

    VerdictsController(EvidenceService evidence, ProcedureService procedures, AuditTrail audit) {
        this.evidence = evidence;
        this.procedures = procedures;
        this.audit = audit;
    }

    @GetMapping(value = "/api/procedures/verdicts", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<Long, VerdictSummary> verdicts(@RequestParam(defaultValue = "") String ids, HttpServletRequest http) {
        List<Long> asked = new ArrayList<>();
        for (String id : ids.split(",")) {
            if (id.isBlank()) continue;
            try {
                asked.add(Long.parseLong(id.strip()));
            } catch (NumberFormatException e) {
                throw new InvalidRequestException(
                        "ids must be procedure numbers separated by commas, not '" + id.strip() + "'");
            }
        }
        if (asked.size() > MAX_IDS) {
            throw new InvalidRequestException("at most " + MAX_IDS + " ids at a time, not " + asked.size());
        }
        Set<Long> unique = new LinkedHashSet<>(asked);
        Map<Long, VerdictSummary> found = new LinkedHashMap<>();
        for (VerdictSummary v : evidence.latest(unique)) found.put(v.procedureId(), v);
        Map<Long, VerdictSummary> answer = new LinkedHashMap<>();
        for (long id : unique) {
            VerdictSummary v = found.get(id);
            if (v == null) continue;
            procedures
                    .find(id)
                    .ifPresent(p -> audit.record(audit.from(http, AuditEventType.PROCEDURE_RECORD)
                            .action(AuditAction.R)
                            .patientId(p.patient().id())
                            .procedureId(Long.toString(id))
                            .detail("latest verdict viewed: " + v.verdict() + " (" + v.ruleSetVersion() + ")")
                            .build()));
            answer.put(id, v);
        }
        return answer;
    }
}
