package org.fluorovault.procedure.internal;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.fluorovault.analysis.AnalysisService;
import org.fluorovault.procedure.WorklistStatuses;
import org.fluorovault.review.AnnotationService;
import org.springframework.stereotype.Component;

/** Studies the image analysis has a result for, or in which a person has annotated an image, through those features' APIs. */
@Component
public class StudiesLookedAt implements WorklistStatuses.LookedAt {
    private final AnalysisService analysis;
    private final AnnotationService annotations;

    public StudiesLookedAt(AnalysisService analysis, AnnotationService annotations) {
        this.analysis = analysis;
        this.annotations = annotations;
    }

    @Override
    public Set<String> among(Collection<String> studyUids) {
        Set<String> looked = new HashSet<>(analysis.analysedStudies(studyUids));
        looked.addAll(annotations.annotatedStudies(studyUids));
        return looked;
    }
}
