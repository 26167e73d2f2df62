package org.fluorovault.analysis.internal;

import java.util.ArrayList;
import java.util.List;
import org.fluorovault.analysis.ContrastAnalysis;
import org.fluorovault.analysis.ContrastAnalysis.Pattern;
import org.fluorovault.tools.samples.GroundTruth;
import org.fluorovault.tools.samples.LumbarPhantom.Contrast;
import org.fluorovault.tools.samples.LumbarPhantom.Photometric;
import org.fluorovault.tools.samples.LumbarPhantom.View;
import org.fluorovault.tools.samples.PhantomRun;

/**
 * The analysis against LumbarPhantom ground truth (512 x 512 x 30, noise and 3 px motion by
 * default). Used by {@code ContrastValidationTest}; {@link #main} prints the table for
 * docs/analysis.md:
 * <pre>java -cp target/classes:target/test-classes:$(cat cp.txt) org.fluorovault.analysis.internal.PhantomValidation 3</pre>
 */
public final class PhantomValidation {
    /** One case's outcome; errors are null where the truth or the result has no value. */
    record Outcome(
            View view,
            Contrast truth,
            long seed,
            Photometric photometric,
            boolean detected,
            Pattern pattern,
            Integer onsetError,
            Double extentErrorMm,
            Double extentTruthMm,
            Double areaErrorPercent,
            Double tipErrorMm,
            long millis) {
        boolean patternRight() {
            return pattern.name().equals(truth.name());
        }
    }

    private PhantomValidation() {}

    static List<Outcome> run(int seeds) throws Exception {
        List<Outcome> out = new ArrayList<>();
        double mm = PhantomCase.MM_PER_PIXEL_512;
        for (View v : View.values())
            for (Contrast c : Contrast.values())
                for (long seed = 1; seed <= seeds; seed++) {
                    Photometric p = seed % 2 == 0 ? Photometric.MONOCHROME1 : Photometric.MONOCHROME2;
                    PhantomRun run = PhantomCase.render(v, c, seed, p);
                    long t0 = System.nanoTime();
                    ContrastAnalysis a = ContrastAnalyzer.analyse(PhantomCase.source(run));
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    GroundTruth t = run.truth();
                    Integer onsetErr = null;
                    Double extErr = null, extTruth = null, areaErr = null, tipErr = null;
                    if (a.contrastDetected() && c != Contrast.NONE) {
                        onsetErr = (a.onsetFrame() - 1) - t.contrastOnsetFrame();
                        GroundTruth.FrameTruth ft = t.frame(a.peakFrame() - 1);
                        extTruth = ft.contrastExtentRows() * mm;
                        extErr = a.craniocaudalExtentMm() - extTruth;
                        double areaTruth = ft.contrastArea() * mm * mm;
                        areaErr = areaTruth > 0 ? 100 * (a.areaMm2() - areaTruth) / areaTruth : null;
                    }
                    if (a.needleTip() != null) {
                        GroundTruth.FrameTruth ft = t.frame(a.needleTip().frame() - 1);
                        tipErr = Math.hypot(
                                        a.needleTip().column() - ft.needleTipColumn(),
                                        a.needleTip().row() - ft.needleTipRow())
                                * mm;
                    }
                    out.add(new Outcome(
                            v,
                            c,
                            seed,
                            p,
                            a.contrastDetected(),
                            a.suggestedPattern(),
                            onsetErr,
                            extErr,
                            extTruth,
                            areaErr,
                            tipErr,
                            ms));
                }
        return out;
    }

    public static void main(String[] args) throws Exception {
        int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        List<Outcome> r = run(seeds);
        System.out.println(
                "| view | truth | seed | photometric | detected | suggested | onset error (frames) | extent error (mm) | area error | needle tip error (mm) | ms |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        for (Outcome o : r) {
            System.out.printf(
                    "| %s | %s | %d | %s | %s | %s | %s | %s | %s | %s | %d |%n",
                    o.view(),
                    o.truth(),
                    o.seed(),
                    o.photometric(),
                    o.detected(),
                    o.pattern(),
                    o.onsetError() == null ? "-" : o.onsetError(),
                    o.extentErrorMm() == null
                            ? "-"
                            : String.format("%+.1f of %.0f", o.extentErrorMm(), o.extentTruthMm()),
                    o.areaErrorPercent() == null ? "-" : String.format("%+.0f%%", o.areaErrorPercent()),
                    o.tipErrorMm() == null ? "not found" : String.format("%.1f", o.tipErrorMm()),
                    o.millis());
        }
    }
}
