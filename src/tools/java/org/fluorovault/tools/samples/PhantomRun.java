package org.fluorovault.tools.samples;

import java.util.Collections;
import java.util.List;

/**
 * The frames of a rendered {@link LumbarPhantom} and their {@link GroundTruth}.
 *
 * <p>Each frame is a {@code short[]} of {@code size * size} unsigned 12-bit values, row by row
 * from the top left ({@code frame[row * size + column]}). The arrays belong to the caller;
 * nothing else holds them.
 */
public final class PhantomRun {
    private final LumbarPhantom phantom;
    private final List<short[]> frames;
    private final GroundTruth truth;

    PhantomRun(LumbarPhantom phantom, List<short[]> frames, GroundTruth truth) {
        this.phantom = phantom;
        this.frames = Collections.unmodifiableList(frames);
        this.truth = truth;
    }

    /** The settings this run was rendered with. */
    public LumbarPhantom phantom() {
        return phantom;
    }

    public int columns() {
        return phantom.size();
    }

    public int rows() {
        return phantom.size();
    }

    public int frameCount() {
        return frames.size();
    }

    /** Frame {@code index} (0-based); the array itself, not a copy. */
    public short[] frame(int index) {
        return frames.get(index);
    }

    /** All frames in order (an unmodifiable list of the arrays themselves). */
    public List<short[]> frames() {
        return frames;
    }

    /** All frames in one array, frame after frame: {@code all[(f * rows + row) * columns + column]}. */
    public short[] concatenated() {
        int n = columns() * rows();
        short[] all = new short[n * frames.size()];
        for (int f = 0; f < frames.size(); f++) System.arraycopy(frames.get(f), 0, all, f * n, n);
        return all;
    }

    public GroundTruth truth() {
        return truth;
    }
}
