package org.fluorovault.dicom.net.ul;

import java.util.Arrays;

/**
 * One presentation data value item of a P-DATA-TF (PS3.8 9.3.5.1 and Annex E.2): a fragment of a
 * DIMSE command set or data set. The array is not copied; treat it as immutable.
 *
 * @param pcid    presentation context ID (1..255, odd)
 * @param command true for a command fragment (control header bit 0), false for a data set fragment
 * @param last    true for the last fragment of the command or data set (control header bit 1)
 * @param data    the fragment
 */
public record Pdv(int pcid, boolean command, boolean last, byte[] data) {

    public Pdv {
        PduEncoder.checkByte(pcid, "pcid");
        if (data == null) {
            throw new NullPointerException("data");
        }
    }

    /** The message control header byte of Annex E.2. */
    public int controlHeader() {
        return (command ? 1 : 0) | (last ? 2 : 0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Pdv p
                && pcid == p.pcid
                && command == p.command
                && last == p.last
                && Arrays.equals(data, p.data);
    }

    @Override
    public int hashCode() {
        return ((pcid * 31 + controlHeader()) * 31) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Pdv[pcid=" + pcid + (command ? ", command" : ", data") + (last ? ", last" : "") + ", " + data.length
                + " bytes]";
    }
}
