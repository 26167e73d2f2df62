package org.fluorovault.ingest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes a received object to its temporary file, hashing it (SHA-256) as it goes. The first
 * {@link #INLINE_LIMIT} bytes are written on the caller's thread (a small object costs no thread
 * hand-offs); past that a second thread takes over the digest and the disk writes while the
 * association's reader thread keeps reading the network. A few fixed buffers circulate between
 * the two threads, so memory stays bounded whatever the object's size. Large objects are also
 * written back to disk while they arrive (a background force every few MB), so the final fsync
 * has little left to do.
 */
final class HashingFileWriter implements AutoCloseable {
    static final int BUFFER_SIZE = 256 * 1024;
    private static final int BUFFERS = 4;
    private static final long WRITEBACK_CHUNK = 8L << 20;
    /** Objects up to this size are hashed and written on the caller's thread. */
    static final long INLINE_LIMIT = 2L << 20;

    private static final byte[] END = new byte[0];
    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "storage-writer");
        t.setDaemon(true);
        return t;
    });

    /** The file could not be written (disk full, I/O error): not the network's fault. */
    static final class WriteFailedException extends IOException {
        WriteFailedException(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }

    private record Chunk(byte[] data, int length) {}

    private static final Chunk END_CHUNK = new Chunk(END, 0);
    private static final Chunk ABANDON = new Chunk(new byte[0], 0);

    private final FileChannel ch;
    private final MessageDigest md;
    private final boolean fsync;
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);
    /** At most BUFFERS data chunks plus END or ABANDON can be queued, so offers never fail. */
    private final BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(BUFFERS + 2);

    private Future<Long> worker; // null while writing inline
    /** The inline buffer, one per receiving thread (an association reads one object at a time). */
    private static final ThreadLocal<byte[]> INLINE = ThreadLocal.withInitial(() -> new byte[BUFFER_SIZE]);

    private final byte[] inlineBuffer = INLINE.get();
    private long inlineWritten;
    private volatile Throwable failure;
    private boolean done;

    HashingFileWriter(FileChannel ch, MessageDigest md, boolean fsync) {
        this.ch = ch;
        this.md = md;
        this.fsync = fsync;
    }

    /** A buffer to fill; blocks while the writer is behind (back-pressure on the network). */
    byte[] buffer() throws IOException {
        if (worker == null) return inlineBuffer;
        try {
            byte[] b = free.take();
            rethrowFailure();
            return b;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Hands {@code length} bytes of a buffer obtained from {@link #buffer()} to the writer. */
    void submit(byte[] buffer, int length) throws IOException {
        if (worker == null) {
            try {
                md.update(buffer, 0, length);
                ByteBuffer bb = ByteBuffer.wrap(buffer, 0, length);
                while (bb.hasRemaining()) ch.write(bb);
            } catch (IOException e) {
                throw new WriteFailedException(e);
            }
            inlineWritten += length;
            if (inlineWritten >= INLINE_LIMIT) { // a large object: hand over to the writer thread
                for (int i = 0; i < BUFFERS; i++) free.add(new byte[BUFFER_SIZE]);
                worker = WORKERS.submit(this::drain);
            }
            return;
        }
        rethrowFailure();
        full.add(new Chunk(buffer, length));
    }

    /** Writes the rest, forces the file to disk when configured, and returns the bytes written. */
    long finish() throws IOException {
        done = true;
        if (worker == null) {
            try {
                if (fsync) ch.force(true);
            } catch (IOException e) {
                throw new WriteFailedException(e);
            }
            return inlineWritten;
        }
        full.add(END_CHUNK);
        try {
            return worker.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw asIoOrRuntime(e.getCause());
        }
    }

    /** Abandons the object if {@link #finish()} was not reached (the writer stops, nothing is forced). */
    @Override
    public void close() {
        if (!done && worker != null) {
            done = true;
            full.add(ABANDON);
        }
    }

    private void rethrowFailure() throws IOException {
        Throwable t = failure;
        if (t != null) throw asIoOrRuntime(t);
    }

    private static IOException asIoOrRuntime(Throwable t) {
        if (t instanceof RuntimeException re) throw re;
        return new WriteFailedException(t);
    }

    /** The writer thread: hash, write, give the buffer back; force at the end. */
    private long drain() throws Exception {
        try {
            long written = inlineWritten, sinceForce = inlineWritten;
            Future<?> writeback = null;
            while (true) {
                Chunk c = full.take();
                if (c == ABANDON) return written;
                if (c == END_CHUNK) break;
                md.update(c.data(), 0, c.length());
                ByteBuffer bb = ByteBuffer.wrap(c.data(), 0, c.length());
                while (bb.hasRemaining()) ch.write(bb);
                free.add(c.data());
                written += c.length();
                sinceForce += c.length();
                if (fsync && sinceForce >= WRITEBACK_CHUNK && (writeback == null || writeback.isDone())) {
                    sinceForce = 0;
                    writeback = WORKERS.submit(() -> {
                        ch.force(false);
                        return null;
                    });
                }
            }
            if (fsync) {
                if (writeback != null) {
                    try {
                        writeback.get();
                    } catch (java.util.concurrent.ExecutionException e) {
                        // the final force below reports a real I/O error
                    }
                }
                ch.force(true);
            }
            return written;
        } catch (Exception | Error e) {
            failure = e;
            // wake a reader waiting for a buffer: it sees the failure
            for (int i = 0; i < BUFFERS; i++) free.offer(new byte[0]);
            throw e;
        }
    }
}
