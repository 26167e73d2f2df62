package org.fluorovault.evidence;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.fluorovault.archive.InstanceIndex;
import org.fluorovault.archive.StoredInstance;
import org.fluorovault.audit.AuditAction;
import org.fluorovault.audit.AuditEventType;
import org.fluorovault.audit.AuditTrail;
import org.fluorovault.linking.StudyLink;
import org.fluorovault.linking.StudyLinker;
import org.fluorovault.procedure.Procedure;
import org.fluorovault.procedure.ProcedureNotFoundException;
import org.fluorovault.procedure.ProcedureService;
import org.fluorovault.review.Annotation;
import org.fluorovault.review.AnnotationService;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/procedures/{id}/key-images} (every role): the images a person marked as key
 * images in the studies linked to the procedure, each with its current annotation, in one request.
 * Studies in the order they were linked, images in series and instance order; {@code frames} are
 * the annotation's key frames, or the needle tip's frame, or 1. Unknown procedure: 404. The read is
 * audited as the procedure's record read.
 */
@RestController
class KeyImagesController {
    /** One key image: where it is, which frames to show and the annotation that marked it. */
    record KeyImage(
            String studyInstanceUid,
            String seriesInstanceUid,
            String sopInstanceUid,
            List<Integer> frames,
            Annotation annotation) {}

    private final ProcedureService procedures;
    private final StudyLinker linker;
    private final InstanceIndex index;
    private final AnnotationService annotations;
    private final AuditTrail audit;

    KeyImagesController(
            ProcedureService procedures,
            StudyLinker linker,
            InstanceIndex index,
            AnnotationService annotations,
            AuditTrail audit) {
        this.procedures = procedures;
        this.linker = linker;
        this.index = index;
        this.annotations = annotations;
        this.audit = audit;
    }

    @GetMapping(value = "/api/procedures/{id}/key-images", produces = MediaType.APPLICATION_JSON_VALUE)
    List<KeyImage> keyImages(@PathVariable long id, HttpServletRequest http) {
        Procedure p = procedures.find(id).orElseThrow(() -> new ProcedureNotFoundException(id));
        List<KeyImage> images = keyImages(id);
        audit.record(audit.from(http, AuditEventType.PROCEDURE_RECORD)
                .action(AuditAction.R)
                .patientId(p.patient().id())
                .procedureId(Long.toString(id))
                .detail("key images viewed: " + images.size())
                .build());
        return images;
    }

    private List<KeyImage> keyImages(long procedureId) {
        Set<String> studies = new LinkedHashSet<>();
        for (StudyLink l : linker.linksOf(procedureId)) studies.add(l.studyInstanceUid());
        List<KeyImage> images = new ArrayList<>();
        for (String study : studies) {
            Map<String, Annotation> current = annotations.currentForStudy(study).stream()
                    .filter(Annotation::keyImage)
                    .collect(Collectors.toMap(Annotation::sopInstanceUid, Function.identity()));
            if (current.isEmpty()) continue;
            for (StoredInstance i : index.instancesOfStudy(study)) {
                Annotation a = current.get(i.sopInstanceUid());
                if (a != null) images.add(new KeyImage(study, i.seriesInstanceUid(), i.sopInstanceUid(), frames(a), a));
            }
        }
        return images;
    }

    /** The frames to show: the key frames, else the frame of the needle tip, else the first. */
    static List<Integer> frames(Annotation a) {
        if (!a.keyFrames().isEmpty()) return a.keyFrames();
        return List.of(
                a.needleTip() != null && a.needleTip().frame() != null
                        ? a.needleTip().frame()
                        : 1);
    }
}
