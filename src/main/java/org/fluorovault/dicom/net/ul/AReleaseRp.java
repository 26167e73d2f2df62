package org.fluorovault.dicom.net.ul;

/** A-RELEASE-RP PDU (type 06h, PS3.8 9.3.7): a fixed 4-byte reserved field. */
public record AReleaseRp() implements Pdu {

    public static final int TYPE = 0x06;

    @Override
    public int type() {
        return TYPE;
    }
}
