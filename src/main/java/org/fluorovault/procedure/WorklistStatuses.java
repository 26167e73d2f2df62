package org.fluorovault.procedure;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fluorovault.procedure.internal.WorklistFacts;
import org.springframework.stereotype.Service;

/**
 * The {@link WorklistStatus} of procedures, derived from their records, the images of their linked
 * studies, and whether the analysis or a person has looked at those images (asked of the analysis
 * and review features for a whole page at once, see {@code procedure.internal.StudiesLookedAt}).
 */
@Service
public class WorklistStatuses {
    /** Which of the given studies the image analysis or a person has looked at. */
    @FunctionalInterface
    public interface LookedAt {
        Set<String> among(Collection<String> studyUids);
    }

    /** The studies linked to each of the given procedures (the linking feature's answer). */
    @FunctionalInterface
    public interface LinkedStudies {
        Map<Long, Set<String>> of(Collection<Long> procedureIds);
    }

    private final WorklistFacts facts;
    private final LookedAt lookedAt;

    public WorklistStatuses(WorklistFacts facts, LookedAt lookedAt) {
        this.facts = facts;
        this.lookedAt = lookedAt;
    }

    /** Each procedure's worklist status by id (three queries for the whole list). */
    public Map<Long, WorklistStatus> of(List<Procedure> procedures) {
        List<Long> open = procedures.stream()
                .filter(p -> p.status() == Status.SCHEDULED || p.status() == Status.PERFORMED)
                .map(Procedure::id)
                .toList();
        Map<Long, Set<String>> withImages = facts.studiesWithImages(open);
        Set<String> studies = new HashSet<>();
        withImages.values().forEach(studies::addAll);
        Set<String> looked = studies.isEmpty() ? Set.of() : lookedAt.among(studies);
        Map<Long, WorklistStatus> out = new HashMap<>();
        for (Procedure p : procedures) {
            Set<String> s = withImages.getOrDefault(p.id(), Set.of());
            out.put(
                    p.id(),
                    WorklistStatus.derive(p.status(), !s.isEmpty(), s.stream().anyMatch(looked::contains)));
        }
        return out;
    }

    /** One procedure's worklist status. */
    public WorklistStatus of(Procedure procedure) {
        return of(List.of(procedure)).get(procedure.id());
    }
}
