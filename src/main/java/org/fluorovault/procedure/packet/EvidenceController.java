package org.fluorovault.procedure.packet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.fluorovault.procedure.ProcedureNotFoundException;
import org.fluorovault.procedure.ProcedureService;
import org.fluorovault.procedure.evidence.EvidenceService;
import org.fluorovault.procedure.evidence.NoRuleSetException;
import org.fluorovault.procedure.evidence.StoredVerdict;
import org.fluorovault.procedure.evidence.Verdict;
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

    public EvidenceController(EvidenceService evidence, PacketService packets, EvidenceZip zip, ProcedureService procedures) {
        this.evidence = evidence;
        this.packets = packets;
        this.zip = zip;
        this.procedures = procedures;
    }

    /** The verdict as the issue defines it, plus the procedure version it judged. */
    public record EvidenceResponse(long procedureId, int procedureVersion, String verdict, String ruleSetVersion,
                                   java.time.Instant evaluatedAt, List<org.fluorovault.procedure.evidence.RuleResult> rules) {
        static EvidenceResponse of(StoredVerdict s) {
            Verdict v = s.verdict();
            return new EvidenceResponse(s.procedureId(), s.procedureVersion(), v.verdict().name(), v.ruleSetVersion(),
                    v.evaluatedAt(), v.rules());
        }
    }

    @GetMapping(value = "/api/procedures/{id}/evidence", produces = MediaType.APPLICATION_JSON_VALUE)
    public EvidenceResponse evidence(@PathVariable long id, Principal user) {
        return EvidenceResponse.of(evidence.evaluate(id, user.getName()));
    }

    @GetMapping(value = "/api/procedures/{id}/evidence/history", produces = MediaType.APPLICATION_JSON_VALUE)
    public List<EvidenceResponse> history(@PathVariable long id, @RequestParam(defaultValue = "20") int limit) {
        procedures.find(id).orElseThrow(() -> new ProcedureNotFoundException(id));
        return evidence.history(id, Math.max(1, Math.min(limit, 500))).stream().map(EvidenceResponse::of).toList();
    }

    @GetMapping("/api/procedures/{id}/packet.pdf")
    public ResponseEntity<byte[]> pdf(@PathVariable long id, Principal user) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
        packets.writePdf(id, user.getName(), List.of(), out);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, attachment("procedure-" + id + "-evidence.pdf"))
                .body(out.toByteArray());
    }

    @GetMapping("/api/procedures/{id}/packet.zip")
    public ResponseEntity<StreamingResponseBody> zip(@PathVariable long id) {
        procedures.find(id).orElseThrow(() -> new ProcedureNotFoundException(id));
        EvidenceZip.Plan plan = zip.plan(id);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/zip"))
                .header(HttpHeaders.CONTENT_DISPOSITION, attachment("procedure-" + id + "-evidence.zip"))
                .body(plan::write);
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
        return ResponseEntity.unprocessableEntity().body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler(EvidenceZip.IncompletePacketException.class)
    ResponseEntity<Map<String, String>> incomplete(EvidenceZip.IncompletePacketException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", "packet incomplete: " + e.getMessage()));
    }
}
