package org.fluorovault.linking;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import org.fluorovault.procedure.WorklistStatuses;
import org.springframework.stereotype.Component;

/** Answers the worklist's question "which studies are linked to these procedures" from the link table. */
@Component
class WorklistLinks implements WorklistStatuses.LinkedStudies {
    private final LinkRepository repo;

    WorklistLinks(LinkRepository repo) {
        this.repo = repo;
    }

    @Override
    public Map<Long, Set<String>> of(Collection<Long> procedureIds) {
        return repo.studiesOf(procedureIds);
    }
}
