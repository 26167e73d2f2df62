package org.fluorovault.query;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.fluorovault.archive.ArchiveStore;
import org.fluorovault.audit.AuditEventType;
import org.fluorovault.audit.AuditOutcome;
import org.fluorovault.audit.AuditTrail;
import org.fluorovault.common.InvalidRequestException;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.json.DicomJsonWriter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * DICOMweb (PS3.18): QIDO-RS searches and WADO-RS retrieval of the stored objects, byte for byte.
 * Each search is audited as a Query (110112), each retrieval as DICOM Instances Transferred
 * (110104, action R), with the user and address of the request.
 */
@RestController
@RequestMapping("/dicomweb")
public class DicomWebController {
    static final String DICOM_JSON = "application/dicom+json";
    private static final Set<String> PAGING = Set.of("limit", "offset", "includefield", "fuzzymatching");

    private final QidoService qido;
    private final StoredFiles files;
    private final ArchiveStore archive;
    private final AuditTrail audit;

    public DicomWebController(QidoService qido, StoredFiles files, ArchiveStore archive, AuditTrail audit) {
        this.qido = qido;
        this.files = files;
        this.archive = archive;
        this.audit = audit;
    }

    // ---- QIDO-RS

    @GetMapping(
            value = "/studies",
            produces = {DICOM_JSON, MediaType.APPLICATION_JSON_VALUE})
    public ResponseEntity<String> searchStudies(@RequestParam Map<String, String> params, HttpServletRequest rq) {
        return search(rq, params, null, () -> qido.studies(query(params)));
    }

    @GetMapping(
            value = "/series",
            produces = {DICOM_JSON, MediaType.APPLICATION_JSON_VALUE})
    public ResponseEntity<String> searchAllSeries(@RequestParam Map<String, String> params, HttpServletRequest rq) {
        return search(rq, params, null, () -> qido.series(null, query(params)));
    }

    @GetMapping(
            value = "/studies/{study}/series",
            produces = {DICOM_JSON, MediaType.APPLICATION_JSON_VALUE})
    public ResponseEntity<String> searchSeries(
            @PathVariable String study, @RequestParam Map<String, String> params, HttpServletRequest rq) {
        return search(rq, params, study, () -> qido.series(study, query(params)));
    }

    @GetMapping(
            value = "/instances",
            produces = {DICOM_JSON, MediaType.APPLICATION_JSON_VALUE})
    public ResponseEntity<String> searchAllInstances(@RequestParam Map<String, String> params, HttpServletRequest rq) {
        return search(rq, params, null, () -> qido.instances(null, null, query(params)));
    }

    @GetMapping(
            value = "/studies/{study}/instances",
            produces = {DICOM_JSON, MediaType.APPLICATION_JSON_VALUE})
    public ResponseEntity<String> searchStudyInstances(
            @PathVariable String study, @RequestParam Map<String, String> params, HttpServletRequest rq) {
        return search(rq, params, study, () -> qido.instances(study, null, query(params)));
    }

    @GetMapping(
            value = "/studies/{study}/series/{series}/instances",
            produces = {DICOM_JSON, MediaType.APPLICATION_JSON_VALUE})
    public ResponseEntity<String> searchSeriesInstances(
            @PathVariable String study,
            @PathVariable String series,
            @RequestParam Map<String, String> params,
            HttpServletRequest rq) {
        return search(rq, params, study, () -> qido.instances(study, series, query(params)));
    }

    /** Runs a search and records it (a refused one too) as a Query by the requesting user. */
    private ResponseEntity<String> search(
            HttpServletRequest rq,
            Map<String, String> params,
            String study,
            java.util.function.Supplier<List<Attributes>> run) {
        String what =
                "QIDO-RS " + rq.getRequestURI().substring(rq.getContextPath().length())
                        + (rq.getQueryString() == null ? "" : "?" + rq.getQueryString());
        String patient = params.getOrDefault("PatientID", params.get("00100020"));
        String studyUid = study != null ? study : params.getOrDefault("StudyInstanceUID", params.get("0020000D"));
        List<Attributes> rows;
        try {
            rows = run.get();
        } catch (IllegalArgumentException
                | InvalidRequestException e) { // a search key the toolkit or the query refused
            audit.recordAccess(
                    rq,
                    AuditEventType.QUERY,
                    patient,
                    null,
                    studyUid,
                    AuditOutcome.MINOR_FAILURE,
                    what + " refused: " + e.getMessage());
            throw e instanceof InvalidRequestException ir ? ir : new InvalidRequestException(e.getMessage());
        }
        audit.recordAccess(
                rq,
                AuditEventType.QUERY,
                patient,
                null,
                studyUid,
                AuditOutcome.SUCCESS,
                what + " -> " + rows.size() + " matches");
        return json(rows);
    }

    private static QidoService.Query query(Map<String, String> params) {
        Map<String, String> keys = new LinkedHashMap<>();
        params.forEach((k, v) -> {
            if (!PAGING.contains(k)) keys.put(k, v);
        });
        return new QidoService.Query(
                keys,
                intParam(params, "limit", 0),
                intParam(params, "offset", 0),
                params.containsKey("includefield")
                        ? Set.of(params.get("includefield").split(","))
                        : Set.of());
    }

    private static int intParam(Map<String, String> p, String name, int def) {
        String v = p.get(name);
        if (v == null || v.isBlank()) return def;
        try {
            int n = Integer.parseInt(v.trim());
            if (n < 0) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(name + " must be a non-negative integer, not '" + v + "'");
        }
    }

    private static ResponseEntity<String> json(List<Attributes> rows) {
        StringBuilder sb = new StringBuilder("[");
        DicomJsonWriter w = new DicomJsonWriter(null);
        for (int i = 0; i < rows.size(); i++) {
            if (i > 0) sb.append(',');
            w.write(rows.get(i), sb);
        }
        sb.append(']');
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(DICOM_JSON))
                .body(sb.toString());
    }

    // ---- WADO-RS

    @GetMapping("/studies/{study}")
    public ResponseEntity<StreamingResponseBody> retrieveStudy(@PathVariable String study, HttpServletRequest rq) {
        return multipart(rq, study, paths(files.ofStudy(study)));
    }

    @GetMapping("/studies/{study}/series/{series}")
    public ResponseEntity<StreamingResponseBody> retrieveSeries(
            @PathVariable String study, @PathVariable String series, HttpServletRequest rq) {
        return multipart(rq, study, paths(files.ofSeries(study, series)));
    }

    @GetMapping("/studies/{study}/series/{series}/instances/{instance}")
    public ResponseEntity<StreamingResponseBody> retrieveInstance(
            @PathVariable String study,
            @PathVariable String series,
            @PathVariable String instance,
            HttpServletRequest rq) {
        return multipart(rq, study, paths(files.ofInstance(study, series, instance)));
    }

    private record Stored(Path path, String patientId, String sopInstanceUid, Path relative) {}

    private List<Stored> paths(List<StoredFiles.StoredFile> found) {
        return found.stream()
                .map(f -> new Stored(archive.resolve(f.relative()), f.patientId(), f.sopInstanceUid(), f.relative()))
                .toList();
    }

    private ResponseEntity<StreamingResponseBody> multipart(HttpServletRequest rq, String study, List<Stored> found) {
        String what =
                "WADO-RS " + rq.getRequestURI().substring(rq.getContextPath().length());
        if (found.isEmpty()) {
            audit.recordAccess(
                    rq,
                    AuditEventType.INSTANCES_TRANSFERRED,
                    null,
                    null,
                    study,
                    AuditOutcome.MINOR_FAILURE,
                    what + ": not found");
            return ResponseEntity.status(HttpStatus.NOT_FOUND).build();
        }
        List<Stored> lost = found.stream().filter(f -> !Files.exists(f.path())).toList();
        if (!lost.isEmpty()) { // indexed but gone from disk: an archive fault, never a "not found"
            lost.forEach(f -> archive.missing().report(f.sopInstanceUid(), f.relative()));
            audit.recordAccess(
                    rq,
                    AuditEventType.INSTANCES_TRANSFERRED,
                    found.get(0).patientId(),
                    null,
                    study,
                    AuditOutcome.SERIOUS_FAILURE,
                    what + ": " + lost.size() + " stored file(s) missing");
            return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                    .header(HttpHeaders.CONTENT_TYPE, "text/plain")
                    .body(out ->
                            out.write((lost.size() + " of the " + found.size() + " requested objects are indexed but "
                                            + "their files are missing from the archive's storage (reported to the administrator): "
                                            + lost.get(0).sopInstanceUid() + (lost.size() > 1 ? " ..." : "") + "\n")
                                    .getBytes(StandardCharsets.US_ASCII)));
        }
        audit.recordAccess(
                rq,
                AuditEventType.INSTANCES_TRANSFERRED,
                found.get(0).patientId(),
                null,
                study,
                AuditOutcome.SUCCESS,
                what + ": " + found.size() + " objects");
        List<Path> files = found.stream().map(Stored::path).toList();
        String boundary = UUID.randomUUID().toString();
        StreamingResponseBody body = out -> writeParts(out, files, boundary);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_TYPE, "multipart/related; type=\"application/dicom\"; boundary=" + boundary)
                .body(body);
    }

    private static void writeParts(OutputStream out, List<Path> files, String boundary) throws IOException {
        for (Path f : files) {
            out.write(("--" + boundary + "\r\nContent-Type: application/dicom\r\nContent-Length: " + Files.size(f)
                            + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            Files.copy(f, out);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    }
}
