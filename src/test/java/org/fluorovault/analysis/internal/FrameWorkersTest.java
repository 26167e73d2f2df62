package org.fluorovault.analysis.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.fluorovault.dicom.image.FrameDecodeException;
import org.fluorovault.dicom.image.FrameDecodeException.Reason;
import org.junit.jupiter.api.Test;

class FrameWorkersTest {

    @Test
    void resultsComeBackInFrameOrderWhateverThreadComputedThem() throws Exception {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        List<Integer> squares = FrameWorkers.map(3, 200, f -> {
            threads.add(Thread.currentThread().getName());
            long spin = 0;
            for (int i = 0; i < (200 - f) * 2000; i++) spin += i ^ f; // early frames take longer
            return spin >= 0 ? f * f : -1;
        });
        assertEquals(IntStream.range(3, 200).map(f -> f * f).boxed().toList(), squares);
        assertTrue(threads.stream().allMatch(t -> t.startsWith("fv-analysis-frames-")), threads.toString());
        assertEquals(List.of(), FrameWorkers.map(5, 5, f -> f));
    }

    @Test
    void aFrameThatCannotBeDecodedFailsTheRunWithItsOwnException() {
        FrameDecodeException damaged = new FrameDecodeException(Reason.CORRUPT_PIXEL_DATA, "frame 7: damaged");
        AtomicInteger started = new AtomicInteger();
        FrameDecodeException e = assertThrows(
                FrameDecodeException.class,
                () -> FrameWorkers.map(0, 1000, f -> {
                    started.incrementAndGet();
                    if (f == 6) throw damaged;
                    return f;
                }));
        assertSame(damaged, e);
        assertTrue(
                started.get() <= 7 + FrameWorkers.WINDOW,
                "frames after the failure are not all started: " + started.get());
        IllegalStateException bug = assertThrows(
                IllegalStateException.class,
                () -> FrameWorkers.map(0, 3, f -> {
                    throw new IllegalStateException("bug in frame " + f);
                }));
        assertTrue(bug.getMessage().startsWith("bug in frame 0"), bug.getMessage());
    }
}
