package org.fluorovault.evidence;

import java.util.List;

/** The result of one rule: its id, title and source from the rule set, the status, a message in words and the evidence. */
public record RuleResult(
        String id,
        String title,
        String severity,
        String source,
        RuleStatus status,
        String message,
        List<Evidence> evidence) {
    public RuleResult {
        evidence = List.copyOf(evidence);
    }
}
