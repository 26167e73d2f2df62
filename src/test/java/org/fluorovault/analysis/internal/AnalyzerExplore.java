package org.fluorovault.analysis.internal;

import org.fluorovault.analysis.ContrastAnalysis;
import org.fluorovault.tools.samples.GroundTruth;
import org.fluorovault.tools.samples.LumbarPhantom;
import org.fluorovault.tools.samples.PhantomRun;
import org.junit.jupiter.api.Test;

class AnalyzerExplore {
    @Test
    void explore() throws Exception {
        for (LumbarPhantom.View v : LumbarPhantom.View.values()) for (LumbarPhantom.Contrast c : java.util.List.of(LumbarPhantom.Contrast.valueOf(System.getenv().getOrDefault("FV_C", "NONE")))) for (long seed = 1; seed <= Integer.parseInt(System.getenv().getOrDefault("FV_SEEDS", "3")); seed++) {
            PhantomRun run = PhantomCase.render(v, c, seed, seed == 2 ? LumbarPhantom.Photometric.MONOCHROME1 : LumbarPhantom.Photometric.MONOCHROME2);
            long t0 = System.nanoTime();
            ContrastAnalysis a = ContrastAnalyzer.analyse(PhantomCase.source(run));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            GroundTruth t = run.truth();
            int peakTruth = 0;
            for (int f = 0; f < 30; f++) if (t.frame(f).contrastArea() > t.frame(peakTruth).contrastArea()) peakTruth = f;
            GroundTruth.FrameTruth ft = t.frame(a.peakFrame() == null ? peakTruth : a.peakFrame() - 1);
            double mm = PhantomCase.MM_PER_PIXEL_512;
            System.out.printf("%s %s s%d %dms det=%s onset=%s(t%d) peak=%s area=%s(t%.0f) ext=%s(t%.0f) wash=%s %s %.2f tip=%s(t%.1f,%.1f)%n  %s%n",
                    v, c, seed, ms, a.contrastDetected(), a.onsetFrame(), t.contrastOnsetFrame() + 1, a.peakFrame(),
                    a.areaMm2(), ft.contrastArea() * mm * mm, a.craniocaudalExtentMm(), ft.contrastExtentRows() * mm,
                    a.washoutRatio(), a.suggestedPattern(), a.confidence(),
                    a.needleTip() == null ? "-" : String.format("%.1f,%.1f", a.needleTip().column(), a.needleTip().row()),
                    t.frame(0).needleTipColumn(), t.frame(0).needleTipRow(), a.reasons());
        }
    }
}
