package org.fluorovault.audit;

import java.util.List;

/** One page of a search, newest first. {@code page} counts from 0. */
public record AuditPage(List<AuditRecord> items, int page, int size, long total) {}
