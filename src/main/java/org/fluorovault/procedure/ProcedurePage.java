package org.fluorovault.procedure;

import java.util.List;
import java.util.Map;

/**
 * One page of procedures (page numbers from 0), how many match in all, and the
 * {@link WorklistStatus} of each procedure on the page by id.
 */
public record ProcedurePage(
        List<Procedure> items, int page, int size, long total, Map<Long, WorklistStatus> worklistStatus) {
    public ProcedurePage {
        items = List.copyOf(items);
        worklistStatus = Map.copyOf(worklistStatus);
    }
}
