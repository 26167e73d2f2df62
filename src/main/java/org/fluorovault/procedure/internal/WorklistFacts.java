package org.fluorovault.procedure.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.fluorovault.archive.StudyQueries;
import org.fluorovault.procedure.WorklistStatuses;
import org.springframework.stereotype.Component;

/** The studies linked to procedures that hold images, as the worklist status needs them: two questions for a page. */
@Component
public class WorklistFacts {
    private final WorklistStatuses.LinkedStudies links;
    private final StudyQueries studies;

    public WorklistFacts(WorklistStatuses.LinkedStudies links, StudyQueries studies) {
        this.links = links;
        this.studies = studies;
    }

    /** For the procedures among {@code ids} that have any: their linked studies that hold at least one stored instance. */
    public Map<Long, Set<String>> studiesWithImages(Collection<Long> ids) {
        if (ids.isEmpty()) return Map.of();
        Map<Long, Set<String>> linked = links.of(ids);
        Set<String> all = new HashSet<>();
        linked.values().forEach(all::addAll);
        Set<String> withImages = studies.studiesWithImages(all);
        Map<Long, Set<String>> out = new HashMap<>();
        linked.forEach((id, uids) -> uids.stream()
                .filter(withImages::contains)
                .forEach(uid -> out.computeIfAbsent(id, k -> new HashSet<>()).add(uid)));
        return out;
    }
}
