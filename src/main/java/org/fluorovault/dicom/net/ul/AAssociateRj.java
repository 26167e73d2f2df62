package org.fluorovault.dicom.net.ul;

import java.util.Optional;

/**
 * A-ASSOCIATE-RJ PDU (type 03h, PS3.8 9.3.4). The three fields are kept as received so that a
 * combination without a {@link RejectReason} constant still round-trips.
 *
 * @param result 1 rejected-permanent, 2 rejected-transient
 * @param source 1 service-user, 2 service-provider (ACSE), 3 service-provider (presentation)
 * @param reason meaning depends on source, see {@link RejectReason}
 */
public record AAssociateRj(int result, int source, int reason) implements Pdu {

    public static final int TYPE = 0x03;

    public AAssociateRj {
        PduEncoder.checkByte(result, "result");
        PduEncoder.checkByte(source, "source");
        PduEncoder.checkByte(reason, "reason");
    }

    public static AAssociateRj of(RejectReason reason) {
        return new AAssociateRj(reason.result(), reason.source(), reason.reason());
    }

    /** The typed reason, if the three fields form one of the combinations PS3.8 defines. */
    public Optional<RejectReason> rejectReason() {
        return RejectReason.of(result, source, reason);
    }

    @Override
    public int type() {
        return TYPE;
    }
}
