package org.fluorovault.procedure;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.fluorovault.analysis.AnalysisService;
import org.fluorovault.procedure.internal.WorklistFacts;
import org.fluorovault.review.AnnotationService;
import org.springframework.stereotype.Service;

/**
 * The {@link WorklistStatus} of procedures, derived from their records, the images of their linked
 * studies, and whether the analysis or a person has looked at those images (asked of the analysis
 * and review features for a whole page at once).
 */
@Service
public class WorklistStatuses {
    private final WorklistFacts facts;
    private final AnalysisService analysis;
    private final AnnotationService annotations;

    public WorklistStatuses(WorklistFacts facts, AnalysisService analysis, AnnotationService annotations) {
        this.facts = facts;
        this.analysis = analysis;
        this.annotations = annotations;
    }

    /** Each procedure's worklist status by id (three queries for the whole list). */
    public Map<Long, WorklistStatus> of(List<Procedure> procedures) {
        List<Long> open = procedures.stream()
                .filter(p -> p.status() == Status.SCHEDULED || p.status() == Status.PERFORMED).map(Procedure::id).toList();
        Map<Long, Set<String>> withImages = facts.studiesWithImages(open);
        Set<String> studies = new HashSet<>();
        withImages.values().forEach(studies::addAll);
        Set<String> looked = new HashSet<>(analysis.analysedStudies(studies));
        looked.addAll(annotations.annotatedStudies(studies));
        Map<Long, WorklistStatus> out = new HashMap<>();
        for (Procedure p : procedures) {
            Set<String> s = withImages.getOrDefault(p.id(), Set.of());
            boolean reviewable = s.stream().anyMatch(looked::contains);
            out.put(p.id(), WorklistStatus.derive(p.status(), !s.isEmpty(), reviewable));
        }
        return out;
    }

    /** One procedure's worklist status. */
    public WorklistStatus of(Procedure procedure) { return of(List.of(procedure)).get(procedure.id()); }
}
