package org.fluorovault.evidence;

import java.time.Instant;
import java.util.List;

/** The judgement of one procedure against a versioned rule set. */
public record Verdict(VerdictStatus verdict, String ruleSetVersion, Instant evaluatedAt, List<RuleResult> rules) {
    public Verdict {
        rules = List.copyOf(rules);
    }

    /** NOT_SUPPORTED if any rule failed, AT_RISK if any warned, else SUPPORTED. */
    static VerdictStatus combine(List<RuleResult> rules) {
        if (rules.stream().anyMatch(r -> r.status() == RuleStatus.FAIL)) return VerdictStatus.NOT_SUPPORTED;
        if (rules.stream().anyMatch(r -> r.status() == RuleStatus.WARN)) return VerdictStatus.AT_RISK;
        return VerdictStatus.SUPPORTED;
    }
}
