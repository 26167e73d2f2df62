package org.fluorovault.dicom.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Encapsulated pixel data (PS3.5 A.4): the first item is the Basic Offset Table, the others are
 * fragments. Each item is either in memory ({@code byte[]}) or on disk ({@link BulkDataRef}).
 */
public final class Fragments {
    private final VR vr;
    private final List<Object> items = new ArrayList<>();

    public Fragments(VR vr) {
        this.vr = vr;
    }

    public VR vr() {
        return vr;
    }

    public void add(byte[] item) {
        items.add(item);
    }

    public void add(BulkDataRef item) {
        items.add(item);
    }

    /** Items including the Basic Offset Table at index 0. */
    public List<Object> items() {
        return Collections.unmodifiableList(items);
    }

    public int size() {
        return items.size();
    }

    public long itemLength(int index) {
        Object o = items.get(index);
        return o instanceof byte[] b ? b.length : ((BulkDataRef) o).length();
    }

    /** Offsets of the Basic Offset Table (empty when the table is empty or absent). */
    public long[] basicOffsetTable() {
        if (items.isEmpty() || !(items.get(0) instanceof byte[] bot)) return new long[0];
        long[] r = new long[bot.length / 4];
        for (int i = 0; i < r.length; i++) r[i] = ByteUtils.uint32LE(bot, i * 4);
        return r;
    }
}
