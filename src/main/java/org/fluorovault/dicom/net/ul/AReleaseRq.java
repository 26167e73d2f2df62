package org.fluorovault.dicom.net.ul;

/** A-RELEASE-RQ PDU (type 05h, PS3.8 9.3.6): a fixed 4-byte reserved field. */
public record AReleaseRq() implements Pdu {

    public static final int TYPE = 0x05;

    @Override
    public int type() {
        return TYPE;
    }
}
