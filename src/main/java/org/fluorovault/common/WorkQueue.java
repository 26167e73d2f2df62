package org.fluorovault.common;

/**
 * A named background queue of keys (a SOP Instance UID, a Study Instance UID...). The handler given to
 * {@link BackgroundWork#queue} reads what it needs from the key, so a queue never holds more than text: the same
 * features could run on a database-backed queue shared by several nodes without changing.
 */
public interface WorkQueue {
    /**
     * Queues the key. Returns false when it was not queued: the queue is full (logged, with what becomes of the work),
     * the key is already waiting (a coalescing queue), or the archive is stopping.
     */
    boolean submit(String key);

    String name();
}
