package org.fluorovault.dicom.image;

import java.util.Arrays;
import java.util.List;
import org.fluorovault.dicom.data.ByteUtils;
import org.fluorovault.dicom.data.Fragments;
import org.fluorovault.dicom.data.VR;

/** Builds encapsulated pixel data (PS3.5 A.4) from compressed frames. */
public final class Encapsulation {
    private Encapsulation() {}

    /**
     * One fragment per frame, preceded by a Basic Offset Table that gives each frame's first
     * item offset from the first byte of the first fragment's item tag.
     *
     * <p>An odd-length frame is padded with one 00 byte after its last byte, so each item has
     * an even length and the offsets count the padding. For JPEG that byte follows the EOI
     * marker FFD9, where decoders ignore it (A.4: "trailing padding").
     *
     * @param frames compressed frames in frame order; not modified
     */
    public static Fragments oneFragmentPerFrame(List<byte[]> frames) {
        if (frames.isEmpty()) throw new IllegalArgumentException("no frames");
        byte[] offsetTable = new byte[4 * frames.size()];
        Fragments f = new Fragments(VR.OB);
        f.add(offsetTable);
        long offset = 0;
        for (int i = 0; i < frames.size(); i++) {
            if (offset > 0xFFFFFFFFL) throw new IllegalArgumentException("frames exceed the 32-bit Basic Offset Table");
            ByteUtils.putInt32LE(offsetTable, 4 * i, (int) offset);
            byte[] frame = frames.get(i);
            byte[] item = (frame.length & 1) == 0 ? frame : Arrays.copyOf(frame, frame.length + 1);
            f.add(item);
            offset += 8 + item.length; // item tag and length, then the value
        }
        return f;
    }
}
