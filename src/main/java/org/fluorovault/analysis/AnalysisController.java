package org.fluorovault.analysis;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/instances/{sopInstanceUid}/analysis}: the contrast-spread analysis of a stored run. */
@RestController
class AnalysisController {
    private final AnalysisService service;

    AnalysisController(AnalysisService service) {
        this.service = service;
    }

    @GetMapping(value = "/api/instances/{sopInstanceUid}/analysis", produces = MediaType.APPLICATION_JSON_VALUE)
    ContrastAnalysis analysis(@PathVariable String sopInstanceUid) throws AnalysisService.NotAnalysableException {
        return service.analysis(sopInstanceUid);
    }
}
