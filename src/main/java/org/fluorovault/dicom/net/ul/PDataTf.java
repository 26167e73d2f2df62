package org.fluorovault.dicom.net.ul;

import java.util.List;

/** P-DATA-TF PDU (type 04h, PS3.8 9.3.5): one or more presentation data values. */
public record PDataTf(List<Pdv> pdvs) implements Pdu {

    public static final int TYPE = 0x04;

    public PDataTf {
        pdvs = List.copyOf(pdvs);
    }

    public PDataTf(Pdv... pdvs) {
        this(List.of(pdvs));
    }

    /** Value of the PDU-length field: each PDV costs a 4-byte length, pcid, control header and its data. */
    public long length() {
        long n = 0;
        for (Pdv pdv : pdvs) {
            n += 6L + pdv.data().length;
        }
        return n;
    }

    @Override
    public int type() {
        return TYPE;
    }
}
