package org.fluorovault.procedure;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.fluorovault.procedure.internal.WorklistFacts;
import org.springframework.stereotype.Service;

/** The {@link WorklistStatus} of procedures, derived from their records and what the archive holds for them. */
@Service
public class WorklistStatuses {
    private final WorklistFacts facts;

    public WorklistStatuses(WorklistFacts facts) { this.facts = facts; }

    /** Each procedure's worklist status by id (two queries for the whole list). */
    public Map<Long, WorklistStatus> of(List<Procedure> procedures) {
        List<Long> open = procedures.stream()
                .filter(p -> p.status() == Status.SCHEDULED || p.status() == Status.PERFORMED).map(Procedure::id).toList();
        Set<Long> images = facts.withImages(open), reviewable = images.isEmpty() ? Set.of() : facts.reviewable(images);
        Map<Long, WorklistStatus> out = new HashMap<>();
        for (Procedure p : procedures) {
            out.put(p.id(), WorklistStatus.derive(p.status(), images.contains(p.id()), reviewable.contains(p.id())));
        }
        return out;
    }

    /** One procedure's worklist status. */
    public WorklistStatus of(Procedure procedure) { return of(List.of(procedure)).get(procedure.id()); }
}
