package org.fluorovault.analysis.internal;

import ij.plugin.filter.GaussianBlur;
import ij.process.AutoThresholder;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import java.util.ArrayList;
import java.util.List;
import org.fluorovault.analysis.ContrastAnalysis;
import org.fluorovault.analysis.ContrastAnalysis.NeedleTip;
import org.fluorovault.analysis.ContrastAnalysis.Pattern;
import org.fluorovault.analysis.ContrastAnalysis.Point;
import org.fluorovault.analysis.ContrastAnalysis.Polarity;
import org.fluorovault.analysis.ContrastAnalysis.PolaritySource;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.dict.Tags;
import org.fluorovault.dicom.image.FrameDecodeException;
import org.fluorovault.dicom.image.FrameSource;
import org.fluorovault.dicom.image.PixelFormat;

/**
 * Contrast-spread analysis of one run (see docs/analysis.md): register frames to the first,
 * find the pre-contrast mask frames from the frame-to-frame change, subtract their mean, threshold
 * the peak frame with ImageJ's Otsu method (never below a noise floor), keep the region
 * connected to the needle tip, measure it over time and suggest a pattern.
 */
public final class ContrastAnalyzer {
    public static final String VERSION = "contrast-1.4";
    /** Fewest frames a run needs. */
    public static final int MIN_FRAMES = 3;
    /** Fewest frames on which "no contrast" may be said. */
    public static final int MIN_FRAMES_TO_RULE_OUT = 5;

    private static final int MOTION_RANGE = 3;
    private static final double BLUR = 1.0;
    /** Mean subtracted intensity in the region over the noise, below which a change is not called contrast. */
    private static final double MIN_CONTRAST_TO_NOISE = 20;

    private ContrastAnalyzer() {}

    /** A frame registered to the first: its aligned pixels and the shift that was undone. */
    private record Registered(float[] pixels, double[] shift) {}

    /** Thrown for runs analysis cannot work on; the message says why. */
    public static final class NotAnalysableException extends Exception {
        public NotAnalysableException(String message) {
            super(message);
        }
    }

    /** A per-station polarity from the configuration, and the station in words (for the reasons). */
    public record Configured(Polarity polarity, String station) {}

    /** The polarity the attributes alone decide (Pixel Intensity Relationship and its Sign), or null. */
    public static Polarity polarityFromAttributes(Attributes ds) {
        PolarityRule.Decision d = PolarityRule.fromAttributes(ds);
        return d == null ? null : d.polarity();
    }

    public static ContrastAnalysis analyse(FrameSource src) throws FrameDecodeException, NotAnalysableException {
        return analyse(src, null);
    }

    /** The analysis of a run; {@code configured} overrides the polarity for the sending station (null: none configured). */
    public static ContrastAnalysis analyse(FrameSource src, Configured configured)
            throws FrameDecodeException, NotAnalysableException {
        if (src.frameCount() < MIN_FRAMES) {
            throw new NotAnalysableException("contrast analysis needs a run of at least " + MIN_FRAMES
                    + " frames; this object has " + src.frameCount());
        }
        List<String> reasons = new ArrayList<>();
        List<String> doubts = new ArrayList<>();
        RunStack run = RunStack.load(src);
        int w = run.width(), h = run.height(), n = run.frames(), bin = run.bin;
        PixelFormat fmt = src.format();
        float range = fmt.maxValue() - fmt.minValue();
        GaussianBlur blur = new GaussianBlur();
        Attributes ds = src.attributes();
        if (n < MIN_FRAMES_TO_RULE_OUT)
            doubts.add("only " + n + " frames: too few to rule contrast out (at least " + MIN_FRAMES_TO_RULE_OUT
                    + " are needed)");
        if (isSubtracted(ds))
            doubts.add("the run is already subtracted (Image Type SUBTRACTION): the needle and anatomy"
                    + " are not in it");

        // 0. an image that is saturated or empty cannot show anything
        FloatProcessor first = run.floatFrame(0);
        String exposure = exposureProblem((float[]) first.getPixels(), range);
        if (exposure != null) {
            reasons.add(exposure);
            return new ContrastAnalysis(
                    false,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    Pattern.INDETERMINATE,
                    0.1,
                    reasons,
                    null,
                    List.of(),
                    List.of(),
                    Polarity.UNDECIDED,
                    PolaritySource.IMAGE,
                    VERSION);
        }

        // the exposed field: not the flat extremes of shutters, an intensifier's edge or burned-in text,
        // widened by the motion range so that their edges do not look like change
        byte[] field = Field.of((float[]) first.getPixels(), w, h, MOTION_RANGE + 2);
        if (Field.excludedShare(field) > 0.02)
            reasons.add(String.format(
                    "%.0f%% of the image is outside the exposed field"
                            + " (shutters, intensifier edge or burned-in text) and not analysed",
                    100 * Field.excludedShare(field)));
        FloatProcessor firstFilled = Field.filled(first, field);

        // 1. brightness: a large change of a frame's level (automatic brightness control) is taken out before
        //    registration; what remains is fitted after it (step 2)
        Levels ref0 = Levels.of((float[]) first.getPixels(), w, h);
        double[] offset = new double[n];
        for (int f = 1; f < n; f++) {
            Levels l = Levels.of((float[]) run.floatFrame(f).getPixels(), w, h);
            if (Math.abs(l.median() - ref0.median()) > 0.05 * ref0.spread()) offset[f] = ref0.median() - l.median();
        }

        // 2. motion: every frame registered to the first, lightly smoothed
        float[][] g = new float[n][];
        FloatProcessor ref = (FloatProcessor) first.duplicate();
        blur.blurGaussian(ref, BLUR);
        g[0] = (float[]) ref.getPixels();
        double maxShift = 0;
        float[] reference = g[0];
        List<Registered> registered = FrameWorkers.map(
                1,
                n,
                f -> { // frame by frame on all processors
                    FloatProcessor fp = run.floatFrame(f);
                    if (offset[f] != 0) {
                        float[] p = (float[]) fp.getPixels();
                        for (int i = 0; i < p.length; i++) p[i] += (float) offset[f];
                    }
                    new GaussianBlur().blurGaussian(fp, BLUR);
                    double[] s = Registration.shift(reference, (float[]) fp.getPixels(), w, h, MOTION_RANGE);
                    return new Registered((float[]) Registration.align(fp, s).getPixels(), s);
                });
        for (int f = 1; f < n; f++) {
            double[] s = registered.get(f - 1).shift();
            maxShift = Math.max(maxShift, Math.hypot(s[0], s[1]) * bin);
            g[f] = registered.get(f - 1).pixels();
        }
        if (maxShift >= 0.5) reasons.add(String.format("corrected patient motion of up to %.1f pixels", maxShift));
        int edge = MOTION_RANGE + 2;
        double sigma0 = noise(g[1], g[0], w, h, edge, field);
        double drift = 0;
        for (int f = 1; f < n; f++)
            drift = Math.max(drift, Brightness.match(g[f], g[0], w, h, edge, field, sigma0) + Math.abs(offset[f]));
        if (drift > 0)
            reasons.add(String.format(
                    "brightness changed between frames (up to %.0f stored values);"
                            + " each frame's level was matched to the first",
                    drift));

        // 3. the frame-to-frame change over an area, in both directions (smoothed so that thin residues of
        //    registration cancel out): positive towards higher stored values
        double sigma = noise(g[1], g[0], w, h, edge, field);
        int minCount = Math.max(6, w * h / 600);
        int[] netNow = new int[n], netNext = new int[n];
        for (int f = 1; f < n; f++) netNow[f] = netChange(g[f], g[f - 1], w, h, edge, field, sigma, blur);
        for (int f = 1; f < n; f++)
            netNext[f] = f + 1 < n ? netChange(g[f + 1], g[f - 1], w, h, edge, field, sigma, blur) : netNow[f];
        int changeSign = 0;
        for (int f = 1; f < n && changeSign == 0; f++) {
            if (netNow[f] >= minCount && netNext[f] >= minCount) changeSign = 1;
            else if (netNow[f] <= -minCount && netNext[f] <= -minCount) changeSign = -1;
        }

        // 4. polarity: configuration, attributes, else the image (needle and change must agree)
        NeedleFinder.Needle brightNeedle = NeedleFinder.find(firstFilled, sigma);
        NeedleFinder.Needle darkNeedle = NeedleFinder.find(negated(firstFilled, range), sigma);
        PolarityRule.Decision pol = configured != null
                ? PolarityRule.configured(configured.polarity(), configured.station())
                : PolarityRule.fromAttributes(ds);
        if (pol == null) {
            String pir = ds.getString(Tags.PixelIntensityRelationship, "").trim();
            pol = PolarityRule.fromImage(
                    pir.isEmpty()
                            ? "no Pixel Intensity Relationship in the object"
                            : "Pixel Intensity Relationship " + pir + " does not say which values are attenuation",
                    score(brightNeedle),
                    score(darkNeedle),
                    changeSign);
        }
        reasons.add(pol.reason());
        boolean invert = pol.invert(fmt.monochrome1());
        if (!pol.decided())
            doubts.add("polarity undecided: measured " + (invert ? "with lower" : "with higher")
                    + " values as attenuation (as displayed), which may be wrong");
        if (invert) {
            for (float[] frame : g) for (int i = 0; i < frame.length; i++) frame[i] = range - frame[i];
            for (int f = 0; f < n; f++) {
                netNow[f] = -netNow[f];
                netNext[f] = -netNext[f];
            }
        }
        NeedleFinder.Needle needle = invert ? darkNeedle : brightNeedle;

        // 5. mask frames: contrast arrives when the change turns clearly towards attenuation over an area,
        //    against the frame before and still a frame later
        int onset = -1;
        for (int f = 1; f < n && onset < 0; f++) if (netNow[f] >= minCount && netNext[f] >= minCount) onset = f;
        int maskFrames = onset > 0 ? onset : n;
        float[] mask = new float[w * h];
        for (int f = 0; f < maskFrames; f++) for (int i = 0; i < mask.length; i++) mask[i] += g[f][i] / maskFrames;

        // 6. needle on the first frame; the hint is where contrast first appears
        double[] origin = null;
        float[] dOnset = null;
        if (onset > 0) {
            dOnset = subtract(g[onset], mask, w, h, edge, field);
            int best = argmax(dOnset);
            origin = new double[] {best % w, best / w};
        }
        NeedleFinder.Tip tip = needle == null ? null : needle.tip(origin);
        NeedleTip needleTip = stored(tip, bin);
        if (tip == null) {
            reasons.add("no needle found (no straight, thin, high-attenuation line)");
            doubts.add("no needle found, so the run does not fit the model of a needle placement");
        }

        double pixelMm = pixelSpacingMm(ds, reasons) * bin;
        if (onset < 0) {
            reasons.add("no frame-to-frame increase in attenuation that would mark contrast arriving");
            // "no contrast" fits only a run whose other lasting changes are small: a lasting change over an area
            // towards LESS attenuation is what contrast looks like when the polarity is wrong (or motion the
            // registration missed)
            int away = 0, awayFrame = 0;
            for (int f = 1; f < n; f++) {
                int a = Math.min(-netNow[f], -netNext[f]);
                if (a > away) {
                    away = a;
                    awayFrame = f;
                }
            }
            if (away >= minCount) {
                doubts.add("a lasting change over an area towards less attenuation from frame " + (awayFrame + 1)
                        + ": contrast with the other polarity, or motion, would look like this");
            }
            return withoutContrast(reasons, doubts, needleTip, pol, 0.7);
        }

        // 4. subtraction, peak frame, threshold
        float[][] d = new float[n][];
        double[] signal = new double[n];
        double dSigma = noise(
                subtract(g[Math.max(0, onset - 1)], mask, w, h, edge, field), new float[w * h], w, h, edge, field);
        dSigma = Math.max(dSigma, sigma / 2);
        int peak = onset;
        for (int f = 0; f < n; f++) {
            d[f] = subtract(g[f], mask, w, h, edge, field);
            for (float v : d[f]) if (v > 3 * dSigma) signal[f] += v - 3 * dSigma;
            if (f >= onset && signal[f] > signal[peak]) peak = f;
        }
        double threshold = threshold(d[peak], dSigma);
        byte[] region = region(d[peak], threshold, w, h, tip, origin, reasons);
        int area = 0, top = h, bottom = -1;
        double cx = 0, cy = 0;
        for (int i = 0; i < region.length; i++) {
            if (region[i] == 0) continue;
            area++;
            int x = i % w, y = i / w;
            cx += x;
            cy += y;
            top = Math.min(top, y);
            bottom = Math.max(bottom, y);
        }
        double areaMm = area * pixelMm * pixelMm;
        double regionSum = 0;
        for (int i = 0; i < region.length; i++) if (region[i] != 0) regionSum += d[peak][i];
        double contrastToNoise = area == 0 ? 0 : regionSum / area / dSigma;
        // a larger region needs less contrast per pixel to be certain (its mean averages more noise away)
        double floor =
                Math.max(MIN_CONTRAST_TO_NOISE * 0.3, MIN_CONTRAST_TO_NOISE * Math.sqrt(100 / Math.max(areaMm, 1)));
        if (area == 0 || areaMm < 10 || contrastToNoise < Math.min(MIN_CONTRAST_TO_NOISE, floor)) {
            reasons.add(String.format(
                    "the change from frame %d on is too faint or too small to be a contrast spread"
                            + " (%.0f mm2, %.1f times the noise)",
                    onset + 1, areaMm, contrastToNoise));
            // that change is no evidence of where the tip is: choose the needle's end as without contrast
            needleTip = stored(needle == null ? null : needle.tip(null), bin);
            // a change was seen and could be faint or diluted contrast: "no contrast" would overstate it
            doubts.add("a change over an area that may be faint or diluted contrast");
            return withoutContrast(reasons, doubts, needleTip, pol, 0.6);
        }

        // 5. over time, inside the region
        List<Double> tic = new ArrayList<>();
        double[] inRegion = new double[n];
        int firstVisible = -1;
        int[] areaAt = new int[n];
        for (int f = 0; f < n; f++) {
            double sum = 0;
            for (int i = 0; i < region.length; i++) {
                if (region[i] == 0) continue;
                sum += d[f][i];
                if (d[f][i] > threshold) areaAt[f]++;
            }
            inRegion[f] = sum;
            tic.add(round(sum / area, 1));
        }
        firstVisible = onset;
        double washout = inRegion[peak] > 0 ? Math.max(0, inRegion[n - 1] / inRegion[peak]) : 0;
        int rise = peak - firstVisible;

        Shape shape = Shape.of(region, w, h, area);
        Suggestion s = PatternRules.suggest(washout, rise, shape, (bottom - top + 1) * pixelMm, areaMm);
        reasons.addAll(s.reasons());
        Pattern pattern = s.pattern();
        double confidence = s.confidence();
        if (!pol.decided()) {
            pattern = Pattern.INDETERMINATE;
            confidence = 0.2;
            reasons.add(
                    "needs human judgement: the polarity is undecided, so this change may not be contrast arriving");
        } else if (!doubts.isEmpty()) {
            confidence = Math.min(confidence, 0.45);
            reasons.add("needs human judgement: " + String.join("; ", doubts));
        }
        return new ContrastAnalysis(
                true,
                firstVisible + 1,
                peak + 1,
                round(areaMm, 1),
                round((bottom - top + 1) * pixelMm, 1),
                new Point(round(toStored(cx / area, bin), 1), round(toStored(cy / area, bin), 1)),
                round(washout, 3),
                pattern,
                round(confidence, 2),
                reasons,
                needleTip,
                tic,
                RegionOutline.of(region, w, h, bin),
                pol.polarity(),
                pol.source(),
                VERSION);
    }

    /** The region: thresholded, bridged over small gaps, the component at the needle tip (else at the contrast origin). */
    private static byte[] region(
            float[] d, double t, int w, int h, NeedleFinder.Tip tip, double[] origin, List<String> reasons) {
        ByteProcessor bp = new ByteProcessor(w, h);
        byte[] b = (byte[]) bp.getPixels();
        for (int i = 0; i < d.length; i++) if (d[i] > t) b[i] = (byte) 255;
        ByteProcessor bridged = (ByteProcessor) bp.duplicate();
        bridged.dilate(1, 0); // ImageJ's binary dilation (foreground 255 after invertLut-free setup)
        byte[] br = (byte[]) bridged.getPixels();
        int seed = -1;
        if (tip != null) {
            seed = nearest(br, w, h, tip.x(), tip.y(), 12);
            if (seed < 0)
                reasons.add("no contrast next to the needle tip; measured the region where contrast first appeared");
        }
        if (seed < 0 && origin != null) seed = nearest(br, w, h, origin[0], origin[1], 12);
        byte[] out = new byte[b.length];
        if (seed < 0) return out;
        if (origin != null && tip != null && component(b, br, w, h, seed, out) < MIN_TIP_REGION) {
            int other = nearest(br, w, h, origin[0], origin[1], 12);
            if (other >= 0) {
                byte[] alt = new byte[b.length];
                if (component(b, br, w, h, other, alt) > MIN_TIP_REGION) {
                    reasons.add(
                            "only a speck of contrast at the needle tip; measured the region where contrast first appeared");
                    return alt;
                }
            }
        }
        java.util.Arrays.fill(out, (byte) 0);
        component(b, br, w, h, seed, out);
        return out;
    }

    /** Working pixels below which the component at the needle tip is taken for a speck. */
    private static final int MIN_TIP_REGION = 12;

    /** The 8-connected component of the bridged mask from {@code seed} into {@code out} (thresholded pixels); its size. */
    private static int component(byte[] b, byte[] br, int w, int h, int seed, byte[] out) {
        int count = 0;
        // 8-connected component of the bridged mask from the seed; the area counts thresholded pixels only
        int[] stack = new int[b.length];
        boolean[] seen = new boolean[b.length];
        int top = 0;
        stack[top++] = seed;
        seen[seed] = true;
        while (top > 0) {
            int p = stack[--top];
            if (b[p] != 0) {
                out[p] = 1;
                count++;
            }
            int px = p % w, py = p / w;
            for (int dy = -1; dy <= 1; dy++)
                for (int dx = -1; dx <= 1; dx++) {
                    int x = px + dx, y = py + dy;
                    if (x < 0 || y < 0 || x >= w || y >= h) continue;
                    int q = y * w + x;
                    if (!seen[q] && br[q] != 0) {
                        seen[q] = true;
                        stack[top++] = q;
                    }
                }
        }
        return count;
    }

    /**
     * No contrast seen: NONE only when the run fits the model (polarity decided, a needle, enough frames,
     * no change that may be faint contrast); otherwise INDETERMINATE with the reasons.
     */
    private static ContrastAnalysis withoutContrast(
            List<String> reasons, List<String> doubts, NeedleTip tip, PolarityRule.Decision pol, double confidence) {
        Pattern p = Pattern.NONE;
        if (!doubts.isEmpty()) {
            p = Pattern.INDETERMINATE;
            confidence = 0.3;
            reasons.add("needs human judgement: no contrast was seen, but it cannot be ruled out: "
                    + String.join("; ", doubts));
        }
        return new ContrastAnalysis(
                false,
                null,
                null,
                null,
                null,
                null,
                null,
                p,
                confidence,
                reasons,
                tip,
                List.of(),
                List.of(),
                pol.polarity(),
                pol.source(),
                VERSION);
    }

    /** Level (median) and spread (interquartile range) of a frame's interior, from every 4th pixel. */
    record Levels(double median, double spread) {
        static Levels of(float[] p, int w, int h) {
            int m = w / 16;
            float[] v = new float[((h - 2 * m + 3) / 4) * ((w - 2 * m + 3) / 4)];
            int k = 0;
            for (int y = m; y < h - m; y += 4)
                for (int x = m; x < w - m; x += 4) if (k < v.length) v[k++] = p[y * w + x];
            float[] s = java.util.Arrays.copyOf(v, k);
            double q1 = select(s, k / 4), med = select(s, k / 2), q3 = select(s, 3 * k / 4);
            return new Levels(med, q3 - q1);
        }
    }

    /** Why a frame cannot show anything (mostly at one end of the stored range, or no spread at all), else null. */
    static String exposureProblem(float[] p, float range) {
        int low = 0, high = 0;
        float lo = Float.MAX_VALUE, hi = -Float.MAX_VALUE;
        for (float v : p) {
            if (v <= 0) low++;
            if (v >= range) high++;
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        if (low > p.length / 2 || high > p.length / 2) {
            return String.format(
                    "saturated image: %.0f%% of the first frame is at the %s end of the stored range",
                    100.0 * Math.max(low, high) / p.length, high > low ? "upper" : "lower");
        }
        if (hi - lo < 4)
            return "empty image: the first frame has almost no contrast (" + (int) (hi - lo) + " stored values)";
        return null;
    }

    private static boolean isSubtracted(Attributes ds) {
        for (String v : ds.getStrings(Tags.ImageType))
            if (v != null && v.trim().equalsIgnoreCase("SUBTRACTION")) return true;
        return false;
    }

    private static FloatProcessor negated(FloatProcessor fp, float range) {
        float[] p = (float[]) fp.getPixels(), out = new float[p.length];
        for (int i = 0; i < p.length; i++) out[i] = range - p[i];
        return new FloatProcessor(fp.getWidth(), fp.getHeight(), out);
    }

    private static double score(NeedleFinder.Needle n) {
        return n == null ? 0 : n.score();
    }

    /** Pixels that clearly changed towards higher values from {@code before} to {@code after}, minus those towards lower. */
    private static int netChange(
            float[] after, float[] before, int w, int h, int edge, byte[] field, double sigma, GaussianBlur blur) {
        FloatProcessor change = new FloatProcessor(w, h, subtract(after, before, w, h, edge, field));
        blur.blurGaussian(change, 2 * BLUR);
        float[] c = (float[]) change.getPixels();
        double cs = noise(c, new float[c.length], w, h, edge, field);
        int pos = 0, neg = 0;
        for (float v : c) {
            if (v > 5 * cs && v > sigma) pos++;
            else if (v < -5 * cs && v < -sigma) neg++;
        }
        return pos - neg;
    }

    private static int nearest(byte[] b, int w, int h, double cx, double cy, int radius) {
        int best = -1;
        double bd = Double.MAX_VALUE;
        for (int y = Math.max(0, (int) cy - radius); y <= Math.min(h - 1, (int) cy + radius); y++) {
            for (int x = Math.max(0, (int) cx - radius); x <= Math.min(w - 1, (int) cx + radius); x++) {
                if (b[y * w + x] == 0) continue;
                double dd = Math.hypot(x - cx, y - cy);
                if (dd <= radius && dd < bd) {
                    bd = dd;
                    best = y * w + x;
                }
            }
        }
        return best;
    }

    /** ImageJ's Otsu threshold on the histogram of positive differences, never below 4 noise sigmas. */
    static double threshold(float[] d, double sigma) {
        float max = 0;
        for (float v : d) max = Math.max(max, v);
        if (max <= 0) return Double.MAX_VALUE;
        int[] hist = new int[256];
        for (float v : d) if (v > 0) hist[Math.min(255, (int) (v / max * 255))]++;
        int t = new AutoThresholder().getThreshold(AutoThresholder.Method.Otsu, hist);
        return Math.max(4 * sigma, (t + 1) * max / 255.0);
    }

    private static float[] subtract(float[] a, float[] mask, int w, int h, int edge, byte[] field) {
        float[] d = new float[a.length];
        for (int y = edge; y < h - edge; y++)
            for (int x = edge; x < w - edge; x++) {
                int i = y * w + x;
                if (field[i] != 0) d[i] = a[i] - mask[i];
            }
        return d;
    }

    /** Robust standard deviation of a - b (median absolute deviation), over the interior. */
    private static double noise(float[] a, float[] b, int w, int h, int edge, byte[] field) {
        int k = 0;
        float[] v = new float[(w - 2 * edge) * (h - 2 * edge)];
        for (int y = edge; y < h - edge; y++)
            for (int x = edge; x < w - edge; x++) {
                if (field[y * w + x] != 0) v[k++] = Math.abs(a[y * w + x] - b[y * w + x]);
            }
        if (k == 0) return 0.5;
        return Math.max(0.5, 1.4826 * select(v, k / 2));
    }

    /** The {@code k}-th smallest value (what {@code v[k]} would be after sorting), by quickselect; reorders {@code v}. */
    static float select(float[] v, int k) {
        int lo = 0, hi = v.length - 1;
        while (hi > lo) {
            float pivot = v[(lo + hi) >>> 1];
            int i = lo, j = hi;
            while (i <= j) {
                while (v[i] < pivot) i++;
                while (v[j] > pivot) j--;
                if (i <= j) {
                    float t = v[i];
                    v[i] = v[j];
                    v[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) hi = j;
            else if (k >= i) lo = i;
            else return v[k];
        }
        return v[k];
    }

    private static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
        return best;
    }

    /** Patient-plane mm per stored pixel: Imager Pixel Spacing / (SID / SOD), else Pixel Spacing. */
    public static double pixelSpacingMm(Attributes ds, List<String> reasons) {
        double[] ips = ds.getDoubles(Tags.ImagerPixelSpacing), ps = ds.getDoubles(Tags.PixelSpacing);
        double sid = ds.getDouble(Tags.DistanceSourceToDetector, 0),
                sod = ds.getDouble(Tags.DistanceSourceToPatient, 0);
        if (ips.length > 0 && ips[0] > 0 && sid > 0 && sod > 0) return ips[0] * sod / sid;
        if (ps.length > 0 && ps[0] > 0) return ps[0];
        if (ips.length > 0 && ips[0] > 0) {
            reasons.add("sizes use Imager Pixel Spacing at the detector (no SID/SOD to correct magnification)");
            return ips[0];
        }
        reasons.add("no pixel spacing in the object: sizes assume 1 mm per pixel");
        return 1;
    }

    /** The tip found on the working image, in stored pixels on frame 1; null stays null. */
    private static NeedleTip stored(NeedleFinder.Tip tip, int bin) {
        return tip == null
                ? null
                : new NeedleTip(toStored(tip.x(), bin), toStored(tip.y(), bin), 1, round(tip.confidence(), 2));
    }

    /** Working-pixel coordinate to the stored image (centre of the binned block). */
    private static double toStored(double v, int bin) {
        return v * bin + (bin - 1) / 2.0;
    }

    static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
