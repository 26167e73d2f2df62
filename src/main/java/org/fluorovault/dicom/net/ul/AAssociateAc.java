package org.fluorovault.dicom.net.ul;

import java.util.List;
import java.util.Objects;

/**
 * A-ASSOCIATE-AC PDU (type 02h, PS3.8 9.3.3). The AE title fields echo the request; PS3.8 says
 * the receiver shall not test them.
 */
public record AAssociateAc(
        int protocolVersion,
        String calledAet,
        String callingAet,
        String applicationContext,
        List<PresentationContextAc> presentationContexts,
        UserInformation userInformation)
        implements Pdu {

    public static final int TYPE = 0x02;

    public AAssociateAc {
        PduEncoder.checkUnsignedShort(protocolVersion, "protocolVersion");
        Objects.requireNonNull(calledAet, "calledAet");
        Objects.requireNonNull(callingAet, "callingAet");
        Objects.requireNonNull(applicationContext, "applicationContext");
        presentationContexts = List.copyOf(presentationContexts);
        Objects.requireNonNull(userInformation, "userInformation");
    }

    @Override
    public int type() {
        return TYPE;
    }
}
