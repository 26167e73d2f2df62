package org.fluorovault.evidence;

import java.time.Instant;

/** A stored verdict without its rules: what a list of procedures shows. */
public record VerdictSummary(
        long procedureId, int procedureVersion, VerdictStatus verdict, String ruleSetVersion, Instant evaluatedAt) {}
