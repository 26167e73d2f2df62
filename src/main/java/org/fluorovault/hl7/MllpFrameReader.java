package org.fluorovault.hl7;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads MLLP frames (start block 0x0B, the message, end block 0x1C 0x0D) from a stream. Bytes
 * outside a frame are skipped and counted; a frame that breaks the rules is reported as a
 * {@link Frame} with a fault instead of a message, so the caller can answer it and go on. A
 * message longer than {@code maxBytes} is read to its end block without being kept.
 */
final class MllpFrameReader {
    static final int START = 0x0B;
    static final int END = 0x1C;
    static final int CR = 0x0D;

    /** A frame's content, or why there is none; {@code skipped} counts bytes before it that were outside any frame. */
    record Frame(byte[] content, String fault, long skipped, boolean fatal) {}

    private final InputStream in;
    private final int maxBytes;

    MllpFrameReader(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /** The next frame, or null at the end of the stream (a frame cut off by the end is dropped). */
    Frame next() throws IOException {
        long skipped = 0;
        int b;
        while ((b = in.read()) != START) {
            if (b < 0) return null;
            skipped++;
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream(1024);
        long length = 0;
        while (true) {
            b = in.read();
            if (b < 0) return null;
            if (b == END) {
                int after = in.read();
                if (after == CR) {
                    if (length > maxBytes) {
                        return new Frame(
                                new byte[0],
                                "message of " + length + " bytes is longer than " + maxBytes + " bytes",
                                skipped,
                                false);
                    }
                    return new Frame(buf.toByteArray(), null, skipped, false);
                }
                if (after < 0) return null;
                return new Frame(
                        buf.toByteArray(),
                        "MLLP framing error: end block 0x1C is followed by 0x" + Integer.toHexString(after)
                                + ", not 0x0D",
                        skipped,
                        false);
            }
            if (b == START) {
                return new Frame(
                        buf.toByteArray(),
                        "MLLP framing error: start block 0x0B inside a message"
                                + " (the previous message has no end block 0x1C 0x0D)",
                        skipped,
                        true);
            }
            // a message over the limit is read to its end block but not kept
            if (++length <= maxBytes) buf.write(b);
        }
    }
}
