package org.fluorovault.dose;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/studies/{uid}/dose}: the study's accumulated dose, 404 when the study is unknown. */
@RestController
public class DoseController {
    private final DoseIndex index;

    public DoseController(DoseIndex index) {
        this.index = index;
    }

    @GetMapping(value = "/api/studies/{studyInstanceUid}/dose", produces = "application/json")
    public ResponseEntity<StudyDose> dose(@PathVariable String studyInstanceUid) {
        StudyDose d = index.forStudy(studyInstanceUid);
        return d == null ? ResponseEntity.notFound().build() : ResponseEntity.ok(d);
    }
}
