package org.fluorovault.dicom.net.ul;

import java.nio.charset.StandardCharsets;

/**
 * Bounds-checked big-endian reading of a PDU body or item value. Every overrun becomes a
 * {@link UlProtocolException}, so no malformed length can surface as an unchecked exception.
 */
final class ByteReader {

    private final byte[] b;
    private int pos;
    private final int limit;

    ByteReader(byte[] b) {
        this(b, 0, b.length);
    }

    private ByteReader(byte[] b, int pos, int limit) {
        this.b = b;
        this.pos = pos;
        this.limit = limit;
    }

    int remaining() {
        return limit - pos;
    }

    boolean hasRemaining() {
        return pos < limit;
    }

    int u8() throws UlProtocolException {
        need(1, "byte");
        return b[pos++] & 0xFF;
    }

    int u16() throws UlProtocolException {
        need(2, "16-bit field");
        int v = ((b[pos] & 0xFF) << 8) | (b[pos + 1] & 0xFF);
        pos += 2;
        return v;
    }

    long u32() throws UlProtocolException {
        need(4, "32-bit field");
        long v = ((long) (b[pos] & 0xFF) << 24)
                | ((b[pos + 1] & 0xFF) << 16)
                | ((b[pos + 2] & 0xFF) << 8)
                | (b[pos + 3] & 0xFF);
        pos += 4;
        return v;
    }

    void skip(int n) throws UlProtocolException {
        need(n, "reserved field");
        pos += n;
    }

    byte[] bytes(int n) throws UlProtocolException {
        need(n, "value");
        byte[] v = new byte[n];
        System.arraycopy(b, pos, v, 0, n);
        pos += n;
        return v;
    }

    /** A reader over the next {@code n} bytes, which this reader skips. */
    ByteReader slice(int n, String what) throws UlProtocolException {
        need(n, what);
        ByteReader r = new ByteReader(b, pos, pos + n);
        pos += n;
        return r;
    }

    /** The rest as a UID or name: ASCII without trailing NUL or space padding. */
    String text() {
        int end = limit;
        while (end > pos && (b[end - 1] == 0 || b[end - 1] == ' ')) {
            end--;
        }
        String s = new String(b, pos, end - pos, StandardCharsets.US_ASCII);
        pos = limit;
        return s;
    }

    /** A 16-byte AE title field without its leading and trailing spaces. */
    String aeTitle() throws UlProtocolException {
        return slice(16, "AE title").text().strip();
    }

    private void need(int n, String what) throws UlProtocolException {
        if (n < 0 || n > limit - pos) {
            throw new UlProtocolException(
                    AbortReason.INVALID_PDU_PARAMETER_VALUE,
                    what + " of " + n + " bytes overruns its item (" + (limit - pos) + " left)");
        }
    }
}
