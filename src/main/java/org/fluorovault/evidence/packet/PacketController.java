package org.fluorovault.evidence.packet;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.Principal;
import java.util.List;
import org.fluorovault.audit.AuditAction;
import org.fluorovault.audit.AuditEvent;
import org.fluorovault.audit.AuditEventType;
import org.fluorovault.audit.AuditFilter;
import org.fluorovault.audit.AuditRecord;
import org.fluorovault.audit.AuditTrail;
import org.fluorovault.procedure.Procedure;
import org.fluorovault.procedure.ProcedureNotFoundException;
import org.fluorovault.procedure.ProcedureService;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** The PDF and ZIP evidence packets of a procedure; readable by every role, auditors included. Every download is audited. */
@RestController
public class PacketController {
    private final PacketService packets;
    private final EvidenceZip zip;
    private final ProcedureService procedures;
    private final AuditTrail audit;

    public PacketController(PacketService packets, EvidenceZip zip, ProcedureService procedures, AuditTrail audit) {
        this.packets = packets;
        this.zip = zip;
        this.procedures = procedures;
        this.audit = audit;
    }

    private Procedure procedure(long id) {
        return procedures.find(id).orElseThrow(() -> new ProcedureNotFoundException(id));
    }

    private void audited(HttpServletRequest http, AuditEventType type, Procedure p, String detail) {
        audit.record(audit.from(http, type)
                .action(AuditAction.R)
                .patientId(p.patient().id())
                .procedureId(Long.toString(p.id()))
                .detail(detail)
                .build());
    }

    @GetMapping("/api/procedures/{id}/packet.pdf")
    public ResponseEntity<byte[]> pdf(@PathVariable long id, Principal user, HttpServletRequest http)
            throws IOException {
        Procedure p = procedure(id);
        // the access log printed in the packet includes this download
        audited(http, AuditEventType.EXPORT, p, "packet.pdf downloaded");
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
        packets.writePdf(id, user.getName(), accessLog(id), out);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, attachment("procedure-" + id + "-evidence.pdf"))
                .body(out.toByteArray());
    }

    @GetMapping("/api/procedures/{id}/packet.zip")
    public ResponseEntity<StreamingResponseBody> zip(@PathVariable long id, HttpServletRequest http) {
        Procedure p = procedure(id);
        EvidenceZip.Plan plan = zip.plan(id);
        audited(http, AuditEventType.EXPORT, p, "packet.zip downloaded: " + plan.size() + " DICOM object(s)");
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/zip"))
                .header(HttpHeaders.CONTENT_DISPOSITION, attachment("procedure-" + id + "-evidence.zip"))
                .body(plan::write);
    }

    /** The audit events of this procedure, oldest first (at most the latest 1000). */
    private List<PacketContent.AccessRow> accessLog(long id) {
        List<AuditRecord> newestFirst = audit.search(
                        new AuditFilter(null, null, Long.toString(id), null, null, null), 0, 1000)
                .items();
        List<PacketContent.AccessRow> rows = new java.util.ArrayList<>();
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            AuditEvent e = newestFirst.get(i).event();
            rows.add(new PacketContent.AccessRow(
                    e.time(),
                    e.user() == null ? "" : e.user(),
                    e.role(),
                    e.eventId().code() + " " + e.eventId().meaning() + " (" + e.action() + ")"
                            + (e.detail() == null ? "" : ": " + e.detail()),
                    e.sourceAddress(),
                    Integer.toString(e.outcome().code())));
        }
        return rows;
    }

    private static String attachment(String name) {
        return ContentDisposition.attachment().filename(name).build().toString();
    }
}
