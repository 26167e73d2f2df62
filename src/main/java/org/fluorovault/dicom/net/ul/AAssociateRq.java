package org.fluorovault.dicom.net.ul;

import java.util.List;
import java.util.Objects;
import org.fluorovault.dicom.dict.Uids;

/**
 * A-ASSOCIATE-RQ PDU (type 01h, PS3.8 9.3.2). AE titles are kept without their space padding.
 *
 * @param protocolVersion     bit 0 set means version 1, the only one defined
 * @param calledAet           called AE title, 1 to 16 characters
 * @param callingAet          calling AE title, 1 to 16 characters
 * @param applicationContext  application context name, normally {@link #DICOM_APPLICATION_CONTEXT}
 * @param presentationContexts proposed presentation contexts, in proposal order
 * @param userInformation     user information item
 */
public record AAssociateRq(
        int protocolVersion,
        String calledAet,
        String callingAet,
        String applicationContext,
        List<PresentationContextRq> presentationContexts,
        UserInformation userInformation)
        implements Pdu {

    public static final int TYPE = 0x01;
    /** DICOM Application Context Name (PS3.7 Annex A.2.1). */
    public static final String DICOM_APPLICATION_CONTEXT = Uids.DICOMApplicationContext;

    public AAssociateRq {
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
