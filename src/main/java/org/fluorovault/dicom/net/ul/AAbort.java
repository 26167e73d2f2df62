package org.fluorovault.dicom.net.ul;

/**
 * A-ABORT PDU (type 07h, PS3.8 9.3.8).
 *
 * @param source 0 service-user (A-ABORT), 2 service-provider (A-P-ABORT); 1 is reserved
 * @param reason for source 2 an {@link AbortReason} code, otherwise 0 (not significant)
 */
public record AAbort(int source, int reason) implements Pdu {

    public static final int TYPE = 0x07;
    public static final int SOURCE_SERVICE_USER = 0;
    public static final int SOURCE_SERVICE_PROVIDER = 2;

    public AAbort {
        PduEncoder.checkByte(source, "source");
        PduEncoder.checkByte(reason, "reason");
    }

    /** An A-ABORT from the service user (source 0, reason not significant). */
    public static AAbort byUser() {
        return new AAbort(SOURCE_SERVICE_USER, 0);
    }

    /** An A-P-ABORT from the service provider (source 2) with its diagnostic. */
    public static AAbort byProvider(AbortReason reason) {
        return new AAbort(SOURCE_SERVICE_PROVIDER, reason.code());
    }

    @Override
    public int type() {
        return TYPE;
    }
}
