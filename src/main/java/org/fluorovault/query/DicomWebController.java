package org.fluorovault.query;

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
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.json.DicomJsonWriter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** DICOMweb (PS3.18): QIDO-RS searches and WADO-RS retrieval of the stored objects, byte for byte. */
@RestController
@RequestMapping("/dicomweb")
public class DicomWebController {
    static final String DICOM_JSON = "application/dicom+json";
    private static final Set<String> PAGING = Set.of("limit", "offset", "includefield", "fuzzymatching");

    private final QidoService qido;
    private final JdbcTemplate jdbc;
    private final ArchiveStore archive;

    public DicomWebController(QidoService qido, JdbcTemplate jdbc, ArchiveStore archive) {
        this.qido = qido;
        this.jdbc = jdbc;
        this.archive = archive;
    }

    // ---- QIDO-RS

    @GetMapping(value = "/studies", produces = {DICOM_JSON, MediaType.APPLICATION_JSON_VALUE})
    public ResponseEntity<String> searchStudies(@RequestParam Map<String, String> params) {
        return json(qido.studies(query(params)));
    }

    @GetMapping(value = "/series", produces = {DICOM_JSON, MediaType.APPLICATION_JSON_VALUE})
    public ResponseEntity<String> searchAllSeries(@RequestParam Map<String, String> params) {
        return json(qido.series(null, query(params)));
    }

    @GetMapping(value = "/studies/{study}/series", produces = {DICOM_JSON, MediaType.APPLICATION_JSON_VALUE})
    public ResponseEntity<String> searchSeries(@PathVariable String study, @RequestParam Map<String, String> params) {
        return json(qido.series(study, query(params)));
    }

    @GetMapping(value = "/instances", produces = {DICOM_JSON, MediaType.APPLICATION_JSON_VALUE})
    public ResponseEntity<String> searchAllInstances(@RequestParam Map<String, String> params) {
        return json(qido.instances(null, null, query(params)));
    }

    @GetMapping(value = "/studies/{study}/instances", produces = {DICOM_JSON, MediaType.APPLICATION_JSON_VALUE})
    public ResponseEntity<String> searchStudyInstances(@PathVariable String study, @RequestParam Map<String, String> params) {
        return json(qido.instances(study, null, query(params)));
    }

    @GetMapping(value = "/studies/{study}/series/{series}/instances", produces = {DICOM_JSON, MediaType.APPLICATION_JSON_VALUE})
    public ResponseEntity<String> searchSeriesInstances(@PathVariable String study, @PathVariable String series,
                                                        @RequestParam Map<String, String> params) {
        return json(qido.instances(study, series, query(params)));
    }

    private static QidoService.Query query(Map<String, String> params) {
        Map<String, String> keys = new LinkedHashMap<>();
        params.forEach((k, v) -> { if (!PAGING.contains(k)) keys.put(k, v); });
        return new QidoService.Query(keys, intParam(params, "limit", 0), intParam(params, "offset", 0),
                params.containsKey("includefield") ? Set.of(params.get("includefield").split(",")) : Set.of());
    }

    private static int intParam(Map<String, String> p, String name, int def) {
        String v = p.get(name);
        if (v == null || v.isBlank()) return def;
        try {
            int n = Integer.parseInt(v.trim());
            if (n < 0) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a non-negative integer, not '" + v + "'");
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
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(DICOM_JSON)).body(sb.toString());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<String> badRequest(IllegalArgumentException e) {
        return ResponseEntity.badRequest().contentType(MediaType.TEXT_PLAIN).body(e.getMessage() + "\n");
    }

    // ---- WADO-RS

    @GetMapping("/studies/{study}")
    public ResponseEntity<StreamingResponseBody> retrieveStudy(@PathVariable String study) {
        return multipart(paths("st.study_instance_uid = ?", study));
    }

    @GetMapping("/studies/{study}/series/{series}")
    public ResponseEntity<StreamingResponseBody> retrieveSeries(@PathVariable String study, @PathVariable String series) {
        return multipart(paths("st.study_instance_uid = ? AND se.series_instance_uid = ?", study, series));
    }

    @GetMapping("/studies/{study}/series/{series}/instances/{instance}")
    public ResponseEntity<StreamingResponseBody> retrieveInstance(@PathVariable String study, @PathVariable String series,
                                                                  @PathVariable String instance) {
        return multipart(paths("st.study_instance_uid = ? AND se.series_instance_uid = ? AND i.sop_instance_uid = ?",
                study, series, instance));
    }

    private List<Path> paths(String where, Object... args) {
        return jdbc.query("SELECT i.path FROM instance i JOIN series se ON i.series_fk = se.id JOIN study st ON "
                + "se.study_fk = st.id WHERE " + where + " ORDER BY se.series_number, se.id, i.instance_number, i.id",
                (rs, n) -> archive.resolve(Path.of(rs.getString(1))), args);
    }

    private static ResponseEntity<StreamingResponseBody> multipart(List<Path> files) {
        if (files.isEmpty()) return ResponseEntity.status(HttpStatus.NOT_FOUND).build();
        String boundary = UUID.randomUUID().toString();
        StreamingResponseBody body = out -> writeParts(out, files, boundary);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_TYPE, "multipart/related; type=\"application/dicom\"; boundary=" + boundary)
                .body(body);
    }

    private static void writeParts(OutputStream out, List<Path> files, String boundary) throws IOException {
        for (Path f : files) {
            out.write(("--" + boundary + "\r\nContent-Type: application/dicom\r\nContent-Length: "
                    + Files.size(f) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            Files.copy(f, out);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    }
}
