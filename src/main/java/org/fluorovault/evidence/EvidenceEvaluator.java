package org.fluorovault.evidence;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Judges a procedure's {@link EvidenceFacts} against a {@link RuleSet}. Stateless and thread-safe. */
public final class EvidenceEvaluator {
    private final RuleSet ruleSet;
    private final Clock clock;
    private final Map<String, Check> checks;

    public EvidenceEvaluator(RuleSet ruleSet, DiagnosisCoverage coverage, Clock clock) {
        this.ruleSet = ruleSet;
        this.clock = clock;
        ImagingChecks imaging = new ImagingChecks(ruleSet);
        SessionChecks sessions = new SessionChecks(ruleSet);
        this.checks = Map.ofEntries(
                Map.entry("R1", imaging::guidance),
                Map.entry("R2", imaging::views),
                Map.entry("R3", imaging::contrast),
                Map.entry("R4", imaging::level),
                Map.entry("R5", sessions::session),
                Map.entry("R6", sessions::frequency),
                Map.entry("R7", sessions::repeat),
                Map.entry("R8", sessions::scores),
                Map.entry("R9", (f, d) -> RecordChecks.diagnosis(f, coverage)),
                Map.entry("R10", (f, d) -> RecordChecks.dose(f)),
                Map.entry("R11", imaging::vascular));
        for (RuleSet.RuleDefinition d : ruleSet.rules()) {
            if (!checks.containsKey(d.id()))
                throw new IllegalArgumentException("rule set names unknown rule " + d.id());
        }
    }

    public RuleSet ruleSet() {
        return ruleSet;
    }

    /** @throws NoRuleSetException if the procedure's CPT code is not one the rule set judges */
    public Verdict evaluate(EvidenceFacts facts) {
        if (!ruleSet.judges(facts.session().cpt()))
            throw new NoRuleSetException(facts.session().cpt(), ruleSet);
        List<RuleResult> results = new ArrayList<>();
        for (RuleSet.RuleDefinition d : ruleSet.rules()) {
            Outcome o = checks.get(d.id()).check(facts, d);
            RuleStatus status = o.status() == RuleStatus.FAIL && d.advisory() ? RuleStatus.WARN : o.status();
            results.add(new RuleResult(d.id(), d.title(), d.severity(), d.source(), status, o.message(), o.evidence()));
        }
        return new Verdict(Verdict.combine(results), ruleSet.version(), clock.instant(), results);
    }

    /** Null-safe membership (immutable sets refuse {@code contains(null)}). */
    static boolean in(java.util.Set<String> set, String value) {
        return value != null && set.contains(value);
    }

    @FunctionalInterface
    interface Check {
        Outcome check(EvidenceFacts facts, RuleSet.RuleDefinition definition);
    }

    /** What a check found, before the rule's severity is applied. */
    record Outcome(RuleStatus status, String message, List<Evidence> evidence) {
        static Outcome pass(String message, List<Evidence> evidence) {
            return new Outcome(RuleStatus.PASS, message, evidence);
        }

        static Outcome fail(String message, List<Evidence> evidence) {
            return new Outcome(RuleStatus.FAIL, message, evidence);
        }

        static Outcome warn(String message, List<Evidence> evidence) {
            return new Outcome(RuleStatus.WARN, message, evidence);
        }

        static Outcome notApplicable(String message) {
            return new Outcome(RuleStatus.NOT_APPLICABLE, message, List.of());
        }
    }
}
