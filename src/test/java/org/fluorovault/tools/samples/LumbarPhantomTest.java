package org.fluorovault.tools.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.Map;
import org.fluorovault.tools.samples.GroundTruth.FrameTruth;
import org.fluorovault.tools.samples.LumbarPhantom.Contrast;
import org.fluorovault.tools.samples.LumbarPhantom.Photometric;
import org.fluorovault.tools.samples.LumbarPhantom.View;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LumbarPhantomTest {
    private static final int SIZE = 256, FRAMES = 16, ONSET = 3;
    private static final Map<View, Map<Contrast, PhantomRun>> RUNS = new EnumMap<>(View.class);

    /** Each combination rendered once for the whole class (256 x 256 x 16 keeps the tests quick). */
    static synchronized PhantomRun run(View view, Contrast contrast) {
        return RUNS.computeIfAbsent(view, v -> new EnumMap<>(Contrast.class))
                .computeIfAbsent(contrast, c -> phantom(view, c).build().render());
    }

    static LumbarPhantom.Builder phantom(View view, Contrast contrast) {
        return LumbarPhantom.builder()
                .view(view)
                .size(SIZE)
                .frames(FRAMES)
                .contrast(contrast)
                .contrastOnset(ONSET)
                .noise(0.006)
                .motion(3)
                .seed(42);
    }

    @ParameterizedTest
    @EnumSource(View.class)
    void needleTipIsInsideTheImageAndOnTheNeedle(View view) {
        PhantomRun run = run(view, Contrast.NONE);
        for (FrameTruth t : run.truth().frames()) {
            assertTrue(t.needleTipColumn() >= 0 && t.needleTipColumn() < SIZE, "tip column " + t);
            assertTrue(t.needleTipRow() >= 0 && t.needleTipRow() < SIZE, "tip row " + t);
            short[] f = run.frame(t.index());
            int c = (int) Math.round(t.needleTipColumn()), r = (int) Math.round(t.needleTipRow());
            int atTip = 0;
            for (int dy = -1; dy <= 1; dy++)
                for (int dx = -1; dx <= 1; dx++) atTip = Math.max(atTip, f[(r + dy) * SIZE + c + dx]);
            assertTrue(
                    atTip > percentile(f, 0.97),
                    "frame " + t.index() + ": the needle is bright at the tip (" + atTip + ")");
        }
        assertEquals("L4-L5", run.truth().level());
    }

    @ParameterizedTest
    @EnumSource(View.class)
    void epiduralContrastAppearsAtOnsetGrowsThenPersists(View view) {
        GroundTruth truth = run(view, Contrast.EPIDURAL).truth();
        assertEquals(ONSET, truth.contrastOnsetFrame());
        for (int f = 0; f < ONSET; f++) {
            assertEquals(0, truth.frame(f).contrastArea(), "no contrast before onset, frame " + f);
            assertTrue(truth.contrastMask(f).isEmpty());
        }
        assertTrue(truth.frame(ONSET).contrastArea() > 0, "contrast at onset");
        int peak = 0;
        for (int f = ONSET + 1; f < FRAMES; f++) {
            assertTrue(
                    truth.frame(f).contrastArea() >= truth.frame(f - 1).contrastArea(), "area shrinks at frame " + f);
            peak = Math.max(peak, truth.frame(f).contrastArea());
        }
        assertTrue(peak > 3 * truth.frame(ONSET).contrastArea(), "the band spreads");
        assertEquals(peak, truth.frame(FRAMES - 1).contrastArea(), "and persists");
        FrameTruth last = truth.frame(FRAMES - 1);
        double levels = last.contrastExtentRows() / truth.levelPitchRows();
        assertTrue(levels > 1.5 && levels < 3.0, "cranio-caudal spread of about 1.3 levels up and 0.9 down: " + levels);
        assertTrue(
                last.contrastTopRow() < last.needleTipRow() && last.needleTipRow() < last.contrastBottomRow(),
                "the band spans the tip");
        assertTrue(
                last.needleTipRow() - last.contrastTopRow() > last.contrastBottomRow() - last.needleTipRow(),
                "more spread up than down");
    }

    @Test
    void epiduralContrastIsOneSidedOnAp() {
        PhantomRun run = run(View.AP, Contrast.EPIDURAL);
        FrameTruth last = run.truth().frame(FRAMES - 1);
        BitSet mask = run.truth().contrastMask(FRAMES - 1);
        double midline = SIZE / 2.0 + last.shiftColumn();
        boolean tipRight = last.needleTipColumn() > midline;
        int same = 0;
        for (int i = mask.nextSetBit(0); i >= 0; i = mask.nextSetBit(i + 1)) {
            if ((i % SIZE > midline) == tipRight) same++;
        }
        assertTrue(
                same > 0.9 * mask.cardinality(),
                "contrast on the needle's side: " + same + " of " + mask.cardinality());
    }

    @ParameterizedTest
    @EnumSource(View.class)
    void vascularContrastWashesOutWithinAFewFrames(View view) {
        GroundTruth truth = run(view, Contrast.VASCULAR).truth();
        assertEquals(0, truth.frame(ONSET - 1).contrastArea());
        assertTrue(truth.frame(ONSET).contrastArea() > 0, "appears at once");
        for (int f = ONSET + 5; f < FRAMES; f++)
            assertEquals(0, truth.frame(f).contrastArea(), "washed out by frame " + f);
        int vascularPeak =
                truth.frames().stream().mapToInt(FrameTruth::contrastArea).max().orElseThrow();
        int epiduralPeak =
                run(view, Contrast.EPIDURAL).truth().frame(FRAMES - 1).contrastArea();
        assertTrue(vascularPeak < epiduralPeak, "thin vessels cover less than a band");
    }

    @ParameterizedTest
    @EnumSource(View.class)
    void intrathecalContrastIsABroadPersistentColumn(View view) {
        GroundTruth truth = run(view, Contrast.INTRATHECAL).truth();
        FrameTruth last = truth.frame(FRAMES - 1);
        assertTrue(last.contrastArea()
                > 2 * run(view, Contrast.EPIDURAL).truth().frame(FRAMES - 1).contrastArea());
        assertTrue(last.contrastExtentRows() / truth.levelPitchRows() > 3, "spreads over several levels");
        if (view == View.AP) {
            BitSet mask = truth.contrastMask(FRAMES - 1);
            double midline = SIZE / 2.0 + last.shiftColumn();
            int left = 0, right = 0;
            for (int i = mask.nextSetBit(0); i >= 0; i = mask.nextSetBit(i + 1)) {
                if (i % SIZE < midline) left++;
                else right++;
            }
            assertTrue(Math.abs(left - right) < 0.15 * (left + right), "symmetric: " + left + " / " + right);
        }
    }

    @ParameterizedTest
    @EnumSource(View.class)
    void noneHasNoContrastAndContrastRunsMatchItBeforeOnset(View view) {
        PhantomRun none = run(view, Contrast.NONE), epidural = run(view, Contrast.EPIDURAL);
        assertEquals(-1, none.truth().contrastOnsetFrame());
        for (FrameTruth t : none.truth().frames()) assertFalse(t.hasContrast(), "frame " + t.index());
        for (int f = 0; f < ONSET; f++) assertArrayEquals(none.frame(f), epidural.frame(f), "frame " + f);
        BitSet mask = epidural.truth().contrastMask(FRAMES - 1);
        long diff = 0;
        for (int i = mask.nextSetBit(0); i >= 0; i = mask.nextSetBit(i + 1)) {
            diff += epidural.frame(FRAMES - 1)[i] - none.frame(FRAMES - 1)[i];
        }
        assertTrue(
                diff / mask.cardinality() > 200,
                "masked pixels are brighter by contrast: " + diff / mask.cardinality());
        for (int i = 0; i < SIZE * SIZE; i++) {
            if (!mask.get(i) && Math.abs(epidural.frame(FRAMES - 1)[i] - none.frame(FRAMES - 1)[i]) > 400) {
                throw new AssertionError("strong contrast outside the mask at pixel " + i);
            }
        }
    }

    @Test
    void sameSettingsGiveTheSamePixelsAndAnotherSeedDoesNot() {
        PhantomRun a = phantom(View.LATERAL, Contrast.EPIDURAL)
                .frames(4)
                .contrastOnset(1)
                .build()
                .render();
        PhantomRun b = phantom(View.LATERAL, Contrast.EPIDURAL)
                .frames(4)
                .contrastOnset(1)
                .build()
                .render();
        PhantomRun c = phantom(View.LATERAL, Contrast.EPIDURAL)
                .frames(4)
                .contrastOnset(1)
                .seed(43)
                .build()
                .render();
        for (int f = 0; f < 4; f++) assertArrayEquals(a.frame(f), b.frame(f));
        assertFalse(Arrays.equals(a.frame(3), c.frame(3)));
        assertEquals(a.truth().frames(), b.truth().frames());
    }

    @Test
    void monochrome1StoresTheInverseAndValuesStayIn12Bits() {
        PhantomRun m2 = phantom(View.AP, Contrast.EPIDURAL)
                .frames(5)
                .photometric(Photometric.MONOCHROME2)
                .build()
                .render();
        PhantomRun m1 = phantom(View.AP, Contrast.EPIDURAL)
                .frames(5)
                .photometric(Photometric.MONOCHROME1)
                .build()
                .render();
        for (int f = 0; f < 5; f++) {
            for (int i = 0; i < SIZE * SIZE; i++) {
                int v = m2.frame(f)[i];
                assertTrue(v >= 0 && v <= LumbarPhantom.MAX_VALUE, "12-bit value " + v);
                assertEquals(LumbarPhantom.MAX_VALUE - v, m1.frame(f)[i]);
            }
        }
    }

    @Test
    void motionIsASmallTranslationThatTheTipFollows() {
        GroundTruth truth = run(View.AP, Contrast.NONE).truth();
        FrameTruth first = truth.frame(0);
        assertEquals(0, first.shiftColumn());
        assertEquals(0, first.shiftRow());
        double max = 0;
        for (FrameTruth t : truth.frames()) {
            max = Math.max(max, Math.hypot(t.shiftColumn(), t.shiftRow()));
            assertEquals(first.needleTipColumn() + t.shiftColumn(), t.needleTipColumn(), 1e-9);
            assertEquals(first.needleTipRow() + t.shiftRow(), t.needleTipRow(), 1e-9);
        }
        assertEquals(3, max, 1e-9, "peak translation is the motion setting");
        GroundTruth still = phantom(View.AP, Contrast.NONE)
                .frames(3)
                .motion(0)
                .build()
                .render()
                .truth();
        assertEquals(still.frame(0).needleTipColumn(), still.frame(2).needleTipColumn());
    }

    @Test
    void concatenatedHoldsTheFramesInOrder() {
        PhantomRun run = run(View.LATERAL, Contrast.VASCULAR);
        short[] all = run.concatenated();
        assertEquals(FRAMES * SIZE * SIZE, all.length);
        assertArrayEquals(run.frame(7), Arrays.copyOfRange(all, 7 * SIZE * SIZE, 8 * SIZE * SIZE));
    }

    @Test
    void rejectsSettingsOutsideTheirRange() {
        assertThrows(
                IllegalArgumentException.class, () -> LumbarPhantom.builder().size(32));
        assertThrows(
                IllegalArgumentException.class, () -> LumbarPhantom.builder().noise(-0.1));
        assertThrows(
                IllegalArgumentException.class,
                () -> LumbarPhantom.builder().frames(4).contrastOnset(4).build());
        LumbarPhantom none = LumbarPhantom.builder()
                .frames(4)
                .contrastOnset(9)
                .contrast(Contrast.NONE)
                .build();
        assertEquals(-1, none.render().truth().contrastOnsetFrame());
    }

    private static int percentile(short[] f, double p) {
        short[] s = f.clone();
        Arrays.sort(s);
        return s[(int) (p * (s.length - 1))];
    }
}
