package org.fluorovault.procedure;

import java.util.List;

/** One page of procedures (page numbers from 0) and how many match in all. */
public record ProcedurePage(List<Procedure> items, int page, int size, long total) {}
