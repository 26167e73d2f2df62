package org.fluorovault.dicom.net.ul;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Hand assembly of byte fixtures: an Integer is one byte, a String its ASCII bytes, a byte[] itself. */
final class TestBytes {

    private TestBytes() {}

    static byte[] of(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) {
            if (p instanceof Integer i) {
                if (i < 0 || i > 255) {
                    throw new IllegalArgumentException("not a byte: " + i);
                }
                out.write(i);
            } else if (p instanceof String s) {
                out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
            } else {
                out.writeBytes((byte[]) p);
            }
        }
        return out.toByteArray();
    }

    static byte[] zeros(int n) {
        return new byte[n];
    }

    static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < b.length; i++) {
            sb.append(String.format("%02X", b[i])).append(i % 16 == 15 ? "\n" : " ");
        }
        return sb.toString();
    }
}
