package org.fluorovault.dicom.image;

import javax.imageio.stream.ImageInputStreamImpl;

/**
 * An ImageIO input stream over bytes already in memory. ImageIO's {@code MemoryCacheImageInputStream}
 * copies every read through its cache, which made byte-by-byte JPEG lossless decoding spend most of
 * its time there (docs/benchmarks.md); this reads the array directly.
 */
final class ByteArrayImageInput extends ImageInputStreamImpl {
    private final byte[] data;

    ByteArrayImageInput(byte[] data) {
        this.data = data;
    }

    @Override
    public int read() {
        bitOffset = 0;
        return streamPos < data.length ? data[(int) streamPos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (off < 0 || len < 0 || off + len > b.length)
            throw new IndexOutOfBoundsException("off " + off + ", len " + len);
        bitOffset = 0;
        if (len == 0) return 0;
        if (streamPos >= data.length) return -1;
        int n = (int) Math.min(len, data.length - streamPos);
        System.arraycopy(data, (int) streamPos, b, off, n);
        streamPos += n;
        return n;
    }

    @Override
    public long length() {
        return data.length;
    }
}
