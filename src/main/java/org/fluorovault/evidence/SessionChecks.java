package org.fluorovault.evidence;

import static org.fluorovault.evidence.EvidenceEvaluator.Outcome;
import static org.fluorovault.evidence.EvidenceEvaluator.in;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.fluorovault.evidence.EvidenceFacts.Score;
import org.fluorovault.evidence.EvidenceFacts.Session;

/** R5-R8: the rules about this session among the patient's sessions, and the scores. */
final class SessionChecks {
    static final String LUMBAR_SACRAL = "LUMBAR_SACRAL";
    private static final Set<String> BASELINE = Set.of("BASELINE", "PRE");
    private static final Set<String> AFTER = Set.of("POST", "FOLLOW_UP");

    private final Set<String> sessionCodes;

    SessionChecks(RuleSet ruleSet) {
        this.sessionCodes = Set.copyOf(ruleSet.sessionCodes());
    }

    /** R5: one region, not bilateral, 62323 once per date of service. */
    Outcome session(EvidenceFacts f, RuleSet.RuleDefinition d) {
        Session s = f.session();
        List<String> problems = new ArrayList<>();
        List<Evidence> ev = new ArrayList<>();
        if (!LUMBAR_SACRAL.equals(s.region())) {
            problems.add("62323 is a lumbar/sacral code but the record's region is " + s.region());
        }
        boolean bilateralAnnotation = f.annotations().stream().anyMatch(a -> "BILATERAL".equals(a.laterality()));
        if ("BILATERAL".equals(s.laterality()) || bilateralAnnotation) {
            problems.add("bilateral interlaminar/caudal injection is not allowed in one session");
            f.annotations().stream()
                    .filter(a -> "BILATERAL".equals(a.laterality()))
                    .forEach(a -> ev.add(Evidence.annotation(a, "laterality BILATERAL by " + a.author())));
        }
        List<Session> sameDay = f.otherSessions().stream()
                .filter(o ->
                        s.dateOfService().equals(o.dateOfService()) && s.cpt().equals(o.cpt()))
                .toList();
        if (!sameDay.isEmpty()) {
            problems.add(s.cpt() + " is already recorded for this patient on " + s.dateOfService()
                    + " (procedure "
                    + sameDay.stream().map(o -> "#" + o.procedureId()).collect(Collectors.joining(", "))
                    + "); it is reported once per date of service");
            sameDay.forEach(o -> ev.add(Evidence.procedure(o.procedureId(), o.cpt() + " on " + o.dateOfService())));
        }
        List<Session> otherRegion = f.otherSessions().stream()
                .filter(o -> s.dateOfService().equals(o.dateOfService())
                        && o.region() != null
                        && !o.region().equals(s.region()))
                .toList();
        if (!problems.isEmpty()) return Outcome.fail(capitalize(String.join("; ", problems)), ev);
        if (!otherRegion.isEmpty()) {
            otherRegion.forEach(o -> ev.add(
                    Evidence.procedure(o.procedureId(), o.cpt() + " (" + o.region() + ") on " + o.dateOfService())));
            return Outcome.warn(
                    "Another spinal region was injected on the same date of service; one region per session", ev);
        }
        return Outcome.pass(
                "One region (lumbar/sacral), " + (s.laterality() == null ? "laterality not stated" : s.laterality())
                        + ", the only " + s.cpt() + " for the patient on " + s.dateOfService(),
                ev);
    }

    /** R6: at most N lumbar/sacral sessions in the rolling window ending on the date of service. */
    Outcome frequency(EvidenceFacts f, RuleSet.RuleDefinition d) {
        int max = d.intParam("maxSessions");
        int months = d.intParam("windowMonths");
        LocalDate dos = f.session().dateOfService();
        LocalDate after = dos.minusMonths(months);
        List<Session> inWindow = Stream.concat(Stream.of(f.session()), f.otherSessions().stream())
                .filter(o -> in(sessionCodes, o.cpt()) && o.dateOfService() != null)
                .filter(o ->
                        o.dateOfService().isAfter(after) && !o.dateOfService().isAfter(dos))
                .sorted(Comparator.comparing(Session::dateOfService))
                .toList();
        Set<LocalDate> dates =
                inWindow.stream().map(Session::dateOfService).collect(Collectors.toCollection(TreeSet::new));
        List<Evidence> ev = inWindow.stream()
                .map(o -> Evidence.procedure(o.procedureId(), o.cpt() + " on " + o.dateOfService()))
                .toList();
        String window = "the " + months + " months ending " + dos + " (after " + after + ")";
        if (dates.size() > max) {
            return Outcome.fail(
                    dates.size() + " lumbar/sacral sessions in " + window + ": at most " + max + " are covered", ev);
        }
        return Outcome.pass(dates.size() + " of at most " + max + " lumbar/sacral sessions in " + window, ev);
    }

    /** R7: a repeat session needs a sustained improvement, or (after a failed first injection) a changed plan. */
    Outcome repeat(EvidenceFacts f, RuleSet.RuleDefinition d) {
        int minPct = d.intParam("minImprovementPercent");
        int minMonths = d.intParam("minDurationMonths");
        int minDays = d.intParam("failedFirstMinDays");
        int windowMonths = d.intParam("windowMonths");
        Session s = f.session();
        LocalDate dos = s.dateOfService();
        List<Session> prior = f.otherSessions().stream()
                .filter(o -> in(sessionCodes, o.cpt())
                        && o.dateOfService() != null
                        && o.dateOfService().isBefore(dos))
                .filter(o -> o.dateOfService().isAfter(dos.minusMonths(windowMonths)))
                .sorted(Comparator.comparing(Session::dateOfService).reversed())
                .toList();
        if (prior.isEmpty()) {
            return Outcome.notApplicable(
                    "Not a repeat: no lumbar/sacral session in the " + windowMonths + " months before " + dos);
        }
        Session prev = prior.get(0);
        List<Evidence> ev = new ArrayList<>(List.of(Evidence.procedure(
                prev.procedureId(), "previous session " + prev.cpt() + " on " + prev.dateOfService())));
        Optional<Score> baseline = baselineOf(prev);
        List<String> why = new ArrayList<>();
        Integer improvement = null;
        if (baseline.isEmpty()) {
            why.add("the previous session (#" + prev.procedureId() + ", " + prev.dateOfService()
                    + ") has no baseline score");
        } else {
            Score b = baseline.get();
            ev.add(new Evidence("SCORE", Long.toString(prev.procedureId()), "baseline " + fmt(b)));
            // follow-ups of the previous session: its own post/follow-up scores and this session's baseline
            List<Score> followUps = Stream.concat(
                            prev.scores().stream().filter(x -> in(AFTER, x.kind())),
                            s.scores().stream().filter(x -> in(BASELINE, x.kind())))
                    .filter(x -> x.date() != null && x.date().isAfter(prev.dateOfService()))
                    .sorted(Comparator.comparing(Score::date))
                    .toList();
            List<Score> sameScale =
                    followUps.stream().filter(x -> x.scale().equals(b.scale())).toList();
            sameScale.forEach(x ->
                    ev.add(new Evidence("SCORE", null, "follow-up " + fmt(x) + ", " + pct(b, x) + "% improvement")));
            LocalDate durable = prev.dateOfService().plusMonths(minMonths);
            if (sameScale.isEmpty()) {
                why.add(
                        followUps.isEmpty()
                                ? "no follow-up score after the previous session"
                                : "the follow-up scores are not on the baseline's scale (" + b.scale() + ")");
            } else {
                Optional<Score> atDuration = sameScale.stream()
                        .filter(x -> !x.date().isBefore(durable))
                        .findFirst();
                boolean heldUntil = sameScale.stream()
                        .filter(x ->
                                !x.date().isAfter(atDuration.map(Score::date).orElse(durable)))
                        .allMatch(x -> pct(b, x) >= minPct);
                improvement = sameScale.stream().mapToInt(x -> pct(b, x)).max().orElse(0);
                if (atDuration.isPresent() && heldUntil) {
                    return Outcome.pass(
                            "Previous session on " + prev.dateOfService() + " improved " + pct(b, atDuration.get())
                                    + "% on " + b.scale() + " still at "
                                    + atDuration.get().date() + " (at least " + minPct
                                    + "% for at least " + minMonths + " months)",
                            ev);
                }
                if (atDuration.isEmpty()) {
                    why.add("no score on " + b.scale() + " at least " + minMonths
                            + " months after the previous session (" + durable + ")");
                } else {
                    why.add("improvement on " + b.scale() + " did not stay at " + minPct + "% or more for " + minMonths
                            + " months");
                }
            }
        }
        // after a failed first injection: at least minDays later, with a different approach, level or drug
        boolean prevWasFirst = prior.size() == 1;
        boolean failed = improvement == null || improvement < minPct;
        if (prevWasFirst && failed) {
            long days = ChronoUnit.DAYS.between(prev.dateOfService(), dos);
            List<String> changed = new ArrayList<>();
            if (!Objects.equals(norm(prev.approach()), norm(s.approach())))
                changed.add("approach " + prev.approach() + " -> " + s.approach());
            if (!Objects.equals(prev.levels(), s.levels())) changed.add("level " + prev.levels() + " -> " + s.levels());
            if (!Objects.equals(norm(prev.steroid()), norm(s.steroid())))
                changed.add("drug " + prev.steroid() + " -> " + s.steroid());
            if (days >= minDays && !changed.isEmpty()) {
                return Outcome.pass(
                        "Repeat after a failed first injection (" + prev.dateOfService() + "): " + days
                                + " days later with a different " + String.join(", ", changed),
                        ev);
            }
            if (days < minDays)
                why.add("a repeat after a failed first injection needs at least " + minDays + " days (" + days
                        + " given)");
            if (changed.isEmpty())
                why.add("a repeat after a failed first injection needs a different approach, level or drug");
        }
        return Outcome.fail("Repeat session not justified: " + String.join("; ", why), ev);
    }

    /** R8: baseline and post-procedure scores on the same scale. */
    Outcome scores(EvidenceFacts f, RuleSet.RuleDefinition d) {
        Session s = f.session();
        List<Score> base =
                s.scores().stream().filter(x -> in(BASELINE, x.kind())).toList();
        List<Score> post = s.scores().stream().filter(x -> in(AFTER, x.kind())).toList();
        List<Evidence> ev = s.scores().stream()
                .map(x -> new Evidence("SCORE", Long.toString(s.procedureId()), x.kind() + " " + fmt(x)))
                .toList();
        if (base.isEmpty()) return Outcome.fail("No baseline pain or function score is recorded", ev);
        if (post.isEmpty()) {
            return Outcome.warn("Baseline " + fmt(base.get(0)) + " is recorded; no post-procedure score yet", ev);
        }
        for (Score b : base) {
            Optional<Score> p =
                    post.stream().filter(x -> x.scale().equals(b.scale())).findFirst();
            if (p.isPresent()) {
                return Outcome.pass(
                        "Baseline " + fmt(b) + " and post-procedure " + fmt(p.get()) + " on the same scale", ev);
            }
        }
        return Outcome.fail(
                "Baseline (" + scales(base) + ") and post-procedure (" + scales(post)
                        + ") scores are not on the same scale",
                ev);
    }

    static Optional<Score> baselineOf(Session s) {
        return s.scores().stream()
                .filter(x -> "BASELINE".equals(x.kind()))
                .findFirst()
                .or(() ->
                        s.scores().stream().filter(x -> "PRE".equals(x.kind())).findFirst());
    }

    /** Percent improvement; every supported scale (NRS, VAS, ODI, RMDQ, PROMIS pain) is better when lower. */
    static int pct(Score baseline, Score later) {
        if (baseline.value() <= 0) return 0;
        return (int) Math.floor((baseline.value() - later.value()) * 100.0 / baseline.value());
    }

    private static String scales(List<Score> scores) {
        return scores.stream().map(Score::scale).distinct().collect(Collectors.joining(", "));
    }

    private static String fmt(Score x) {
        String v = x.value() == Math.rint(x.value())
                ? Long.toString((long) x.value())
                : String.format(Locale.ROOT, "%.1f", x.value());
        return x.scale() + " " + v + (x.date() == null ? "" : " on " + x.date());
    }

    private static String norm(String s) {
        return s == null ? null : s.trim().toUpperCase(Locale.ROOT);
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
