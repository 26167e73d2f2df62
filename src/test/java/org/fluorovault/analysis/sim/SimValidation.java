package org.fluorovault.analysis.sim;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fluorovault.analysis.ContrastAnalysis;
import org.fluorovault.analysis.ContrastAnalysis.Pattern;
import org.fluorovault.analysis.internal.ContrastAnalyzer;

/**
 * The analysis against the second, independent phantom family (synthetic data, not patients).
 * Seeds 1-99 are for development (tuning); the reported tables use seeds from 1001 on, never used
 * while changing the algorithm. Benchmark command (prints the tables for docs/analysis.md):
 * <pre>mvn -q -o test-compile &amp;&amp; mvn -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt &amp;&amp;
 * java -Djava.awt.headless=true -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *   org.fluorovault.analysis.sim.SimValidation 1001 50</pre>
 * (first seed, cases per family: 5 families x 50 = 250 runs).
 */
public final class SimValidation {
    record Outcome(
            SimCase c, ContrastAnalysis a, Integer onsetError, Double tipErrorMm, Double extentErrorMm, long millis) {
        boolean hasContrast() {
            return c.truth() != SimCase.Truth.NONE;
        }

        boolean patternRight() {
            return a.suggestedPattern().name().equals(c.truth().name());
        }

        boolean harmfulNone() {
            return hasContrast() && a.suggestedPattern() == Pattern.NONE && a.confidence() > 0.5;
        }

        /** Right as an answer: the pattern, or for contrast runs at least INDETERMINATE is not counted right. */
        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "seed %d %s %s %s %dx%d/%d -> %s %.2f onset %s tip %s polarity %s/%s",
                    c.seed(),
                    c.encoding(),
                    c.view(),
                    c.truth(),
                    c.matrix(),
                    c.matrix(),
                    c.frames(),
                    a.suggestedPattern(),
                    a.confidence(),
                    onsetError,
                    tipErrorMm == null ? "-" : String.format(Locale.ROOT, "%.1f", tipErrorMm),
                    a.polarity(),
                    a.polaritySource());
        }
    }

    private SimValidation() {}

    static Outcome run(SimCase c) throws Exception {
        SimRun run = SimRun.render(c);
        long t0 = System.nanoTime();
        ContrastAnalysis a = ContrastAnalyzer.analyse(run.source);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        Integer onsetErr = null;
        Double tipErr = null, extErr = null;
        if (a.contrastDetected() && c.truth() != SimCase.Truth.NONE) {
            onsetErr = (a.onsetFrame() - 1) - run.truth.onsetFrame();
            extErr = a.craniocaudalExtentMm() - run.truth.extentMm()[a.peakFrame() - 1];
        }
        if (a.needleTip() != null) {
            tipErr = Math.hypot(
                            a.needleTip().column() - run.truth.tipColumn(),
                            a.needleTip().row() - run.truth.tipRow())
                    * c.pixelMm();
        }
        return new Outcome(c, a, onsetErr, tipErr, extErr, ms);
    }

    static List<Outcome> run(long firstSeed, int perFamily, SimCase.Encoding... families) throws Exception {
        List<Outcome> out = new ArrayList<>();
        for (SimCase.Encoding e : families.length == 0 ? SimCase.Encoding.values() : families) {
            for (long s = firstSeed; s < firstSeed + perFamily; s++) out.add(run(SimCase.random(s, e)));
        }
        return out;
    }

    public static void main(String[] args) throws Exception {
        long first = args.length > 0 ? Long.parseLong(args[0]) : 1001;
        int per = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        boolean verbose = args.length > 2;
        List<Outcome> all = run(first, per);
        if (verbose) all.forEach(System.out::println);
        System.out.println(table(all));
        System.exit(0); // the analysis's frame workers are not daemon threads
    }

    static String table(List<Outcome> all) {
        StringBuilder sb = new StringBuilder();
        sb.append(
                "| family | runs | contrast detected | onset within 1 frame | pattern right | tip within 3 mm | median tip error (mm) |"
                        + " median extent error (mm) | INDETERMINATE | contrast runs answered NONE > 0.5 | median ms |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        Map<SimCase.Encoding, List<Outcome>> by = new EnumMap<>(SimCase.Encoding.class);
        for (Outcome o : all)
            by.computeIfAbsent(o.c().encoding(), k -> new ArrayList<>()).add(o);
        for (var e : by.entrySet()) row(sb, e.getKey().name(), e.getValue());
        row(sb, "all", all);
        sb.append(
                "\nCalibration (a result is right when its pattern is the truth's; INDETERMINATE is never right):\n\n");
        sb.append("| confidence | results | right | share right |\n|---|---|---|---|\n");
        double[] edges = {0, 0.3, 0.5, 0.7, 0.85, 1.01};
        for (int b = 0; b < edges.length - 1; b++) {
            double lo = edges[b], hi = edges[b + 1];
            List<Outcome> in = all.stream()
                    .filter(o -> o.a().confidence() >= lo && o.a().confidence() < hi)
                    .toList();
            long right = in.stream().filter(Outcome::patternRight).count();
            sb.append(String.format(
                    Locale.ROOT,
                    "| %.2f-%.2f | %d | %d | %s |%n",
                    lo,
                    Math.min(1, hi),
                    in.size(),
                    right,
                    in.isEmpty() ? "-" : String.format(Locale.ROOT, "%.0f%%", 100.0 * right / in.size())));
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, String name, List<Outcome> os) {
        List<Outcome> withC = os.stream().filter(Outcome::hasContrast).toList();
        long detected = withC.stream().filter(o -> o.a().contrastDetected()).count();
        List<Outcome> onsets =
                withC.stream().filter(o -> o.onsetError() != null).toList();
        long onsetOk =
                onsets.stream().filter(o -> Math.abs(o.onsetError()) <= 1).count();
        long pattern = os.stream().filter(Outcome::patternRight).count();
        long tipOk = os.stream()
                .filter(o -> o.tipErrorMm() != null && o.tipErrorMm() <= 3)
                .count();
        long ind = os.stream()
                .filter(o -> o.a().suggestedPattern() == Pattern.INDETERMINATE)
                .count();
        long harmful = os.stream().filter(Outcome::harmfulNone).count();
        sb.append(String.format(
                Locale.ROOT,
                "| %s | %d | %d/%d (%.0f%%) | %d/%d (%.0f%%) | %d/%d (%.0f%%) | %d/%d (%.0f%%) | %s | %s | %d (%.0f%%) | %d | %d |%n",
                name,
                os.size(),
                detected,
                withC.size(),
                pct(detected, withC.size()),
                onsetOk,
                withC.size(),
                pct(onsetOk, withC.size()),
                pattern,
                os.size(),
                pct(pattern, os.size()),
                tipOk,
                os.size(),
                pct(tipOk, os.size()),
                median(os.stream()
                        .filter(o -> o.tipErrorMm() != null)
                        .map(Outcome::tipErrorMm)
                        .toList()),
                median(onsets.stream()
                        .filter(o -> o.extentErrorMm() != null)
                        .map(o -> Math.abs(o.extentErrorMm()))
                        .toList()),
                ind,
                pct(ind, os.size()),
                harmful,
                (long) median(os.stream().map(o -> (double) o.millis()).toList(), true)));
    }

    private static double pct(long a, long b) {
        return b == 0 ? 0 : 100.0 * a / b;
    }

    private static String median(List<Double> v) {
        return v.isEmpty() ? "-" : String.format(Locale.ROOT, "%.1f", median(v, true));
    }

    private static double median(List<Double> v, boolean unused) {
        if (v.isEmpty()) return 0;
        List<Double> s = new ArrayList<>(v);
        s.sort(null);
        return s.get(s.size() / 2);
    }
}
