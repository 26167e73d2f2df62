package org.fluorovault.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BackgroundWorkTest {
    @Test
    void keysAreServedInOrderAndAFailureDoesNotStopTheQueue() throws Exception {
        BackgroundWork work = new BackgroundWork();
        List<String> done = new CopyOnWriteArrayList<>();
        WorkQueue q = work.queue("t-order", 10, false, "dropped", k -> {
            if (k.equals("bad")) throw new IllegalStateException("boom");
            done.add(k);
        });
        for (String k : List.of("a", "bad", "b", "c")) assertTrue(q.submit(k));
        assertTrue(work.awaitIdle(5_000));
        assertEquals(List.of("a", "b", "c"), done);
        work.stop();
    }

    @Test
    void aFullQueueDropsAndAWaitingKeyIsNotQueuedTwice() throws Exception {
        BackgroundWork work = new BackgroundWork();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        List<String> done = new CopyOnWriteArrayList<>();
        WorkQueue q = work.queue("t-full", 2, true, "dropped", k -> {
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            done.add(k);
        });
        assertTrue(q.submit("running"));
        assertTrue(started.await(5, TimeUnit.SECONDS));
        assertTrue(q.submit("x"));
        assertFalse(q.submit("x"), "x is already waiting");
        assertTrue(q.submit("y"));
        assertFalse(q.submit("z"), "two waiting: full");
        assertFalse(work.awaitIdle(100), "busy");
        release.countDown();
        assertTrue(work.awaitIdle(5_000));
        assertEquals(List.of("running", "x", "y"), done);
        assertTrue(q.submit("x"), "served keys may come again");
        assertTrue(work.awaitIdle(5_000, "t-full"));
        work.stop();
        assertFalse(q.submit("after"), "stopped");
        work.start();
        assertTrue(q.submit("restarted"), "started again (a paused test context, an operator)");
        assertTrue(work.awaitIdle(5_000));
        assertEquals("restarted", done.get(done.size() - 1));
        work.stop();
    }

    @Test
    void stopInterruptsWorkThatDoesNotFinish() throws Exception {
        BackgroundWork work = new BackgroundWork();
        CountDownLatch started = new CountDownLatch(1);
        List<String> interrupted = new CopyOnWriteArrayList<>();
        WorkQueue q = work.queue("t-stop", 1, false, "dropped", k -> {
            started.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.add(k);
            }
        });
        q.submit("long");
        assertTrue(started.await(5, TimeUnit.SECONDS));
        long t0 = System.nanoTime();
        work.stop();
        assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0) < 30);
        assertTrue(work.awaitIdle(5_000));
        assertEquals(List.of("long"), interrupted);
    }
}
