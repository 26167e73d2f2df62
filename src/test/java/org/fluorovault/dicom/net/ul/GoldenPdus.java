package org.fluorovault.dicom.net.ul;

import static org.fluorovault.dicom.net.ul.TestBytes.of;
import static org.fluorovault.dicom.net.ul.TestBytes.zeros;

import java.util.List;

/** Hand-assembled PDUs of PS3.8 9.3 with the records they stand for. */
final class GoldenPdus {

    static final String VERIFICATION = "1.2.840.10008.1.1";
    static final String XA_STORAGE = "1.2.840.10008.5.1.4.1.1.12.1";
    static final String IMPLICIT_LE = "1.2.840.10008.1.2";
    static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
    static final byte[] USER_IDENTITY = of(0x01, 0x00, 0x00, 0x06, "fluoro", 0x00, 0x00);

    static final byte[] RQ = of(
            0x01,
            0x00,
            0x00,
            0x00,
            0x01,
            0x60, // A-ASSOCIATE-RQ, length 352
            0x00,
            0x01,
            0x00,
            0x00, // protocol version 1, reserved
            "STORESCP        ",
            "FLUOROSCU       ", // called AE, calling AE
            zeros(32),
            0x10,
            0x00,
            0x00,
            0x15,
            "1.2.840.10008.3.1.1.1", // application context (21)
            0x20,
            0x00,
            0x00,
            0x2E,
            0x01,
            0x00,
            0x00,
            0x00, // presentation context 1 (46)
            0x30,
            0x00,
            0x00,
            0x11,
            VERIFICATION,
            0x40,
            0x00,
            0x00,
            0x11,
            IMPLICIT_LE,
            0x20,
            0x00,
            0x00,
            0x50,
            0x03,
            0x00,
            0x00,
            0x00, // presentation context 3 (80)
            0x30,
            0x00,
            0x00,
            0x1C,
            XA_STORAGE,
            0x40,
            0x00,
            0x00,
            0x13,
            EXPLICIT_LE,
            0x40,
            0x00,
            0x00,
            0x11,
            IMPLICIT_LE,
            0x50,
            0x00,
            0x00,
            0x79, // user information (121)
            0x51,
            0x00,
            0x00,
            0x04,
            0x00,
            0x00,
            0x40,
            0x00, // maximum length 16384
            0x52,
            0x00,
            0x00,
            0x1F,
            "1.2.826.0.1.3680043.10.1443.1.1", // implementation class UID (31)
            0x53,
            0x00,
            0x00,
            0x04,
            0x00,
            0x02,
            0x00,
            0x01, // async window 2 invoked, 1 performed
            0x54,
            0x00,
            0x00,
            0x20,
            0x00,
            0x1C,
            XA_STORAGE,
            0x01,
            0x00, // role selection (32): SCU
            0x55,
            0x00,
            0x00,
            0x0E,
            "FLUOROVAULT_01", // implementation version name
            0x58,
            0x00,
            0x00,
            0x0C,
            USER_IDENTITY); // user identity (12), kept raw

    static final AAssociateRq RQ_PDU = new AAssociateRq(
            1,
            "STORESCP",
            "FLUOROSCU",
            "1.2.840.10008.3.1.1.1",
            List.of(
                    new PresentationContextRq(1, VERIFICATION, IMPLICIT_LE),
                    new PresentationContextRq(3, XA_STORAGE, EXPLICIT_LE, IMPLICIT_LE)),
            new UserInformation(
                    16384,
                    "1.2.826.0.1.3680043.10.1443.1.1",
                    "FLUOROVAULT_01",
                    new AsyncOpsWindow(2, 1),
                    List.of(new RoleSelection(XA_STORAGE, true, false)),
                    List.of(new UserItem(0x58, USER_IDENTITY))));

    static final byte[] AC = of(
            0x02,
            0x00,
            0x00,
            0x00,
            0x00,
            0xFE, // A-ASSOCIATE-AC, length 254
            0x00,
            0x01,
            0x00,
            0x00,
            "STORESCP        ",
            "FLUOROSCU       ",
            zeros(32),
            0x10,
            0x00,
            0x00,
            0x15,
            "1.2.840.10008.3.1.1.1",
            0x21,
            0x00,
            0x00,
            0x19,
            0x01,
            0x00,
            0x00,
            0x00, // context 1 (25): acceptance
            0x40,
            0x00,
            0x00,
            0x11,
            IMPLICIT_LE,
            0x21,
            0x00,
            0x00,
            0x1B,
            0x03,
            0x00,
            0x04,
            0x00, // context 3 (27): transfer syntaxes not supported
            0x40,
            0x00,
            0x00,
            0x13,
            EXPLICIT_LE,
            0x50,
            0x00,
            0x00,
            0x61, // user information (97)
            0x51,
            0x00,
            0x00,
            0x04,
            0x00,
            0x01,
            0x00,
            0x00, // maximum length 65536
            0x52,
            0x00,
            0x00,
            0x1F,
            "1.2.826.0.1.3680043.10.1443.1.1",
            0x54,
            0x00,
            0x00,
            0x20,
            0x00,
            0x1C,
            XA_STORAGE,
            0x01,
            0x00,
            0x55,
            0x00,
            0x00,
            0x0E,
            "FLUOROVAULT_01");

    static final AAssociateAc AC_PDU = new AAssociateAc(
            1,
            "STORESCP",
            "FLUOROSCU",
            "1.2.840.10008.3.1.1.1",
            List.of(new PresentationContextAc(1, 0, IMPLICIT_LE), new PresentationContextAc(3, 4, EXPLICIT_LE)),
            new UserInformation(
                    65536,
                    "1.2.826.0.1.3680043.10.1443.1.1",
                    "FLUOROVAULT_01",
                    null,
                    List.of(new RoleSelection(XA_STORAGE, true, false)),
                    List.of()));

    static final byte[] RJ = of(0x03, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00, 0x01, 0x01, 0x07);
    static final AAssociateRj RJ_PDU = AAssociateRj.of(RejectReason.CALLED_AE_NOT_RECOGNIZED);

    static final byte[] P_DATA = of(
            0x04, 0x00, 0x00, 0x00, 0x00, 0x13, // P-DATA-TF, length 19
            0x00, 0x00, 0x00, 0x06, 0x01, 0x03, "ABCD", // PDV: pc 1, command, last
            0x00, 0x00, 0x00, 0x05, 0x01, 0x00, 0x01, 0x02, 0x03); // PDV: pc 1, data, not last
    static final PDataTf P_DATA_PDU =
            new PDataTf(new Pdv(1, true, true, "ABCD".getBytes()), new Pdv(1, false, false, new byte[] {1, 2, 3}));

    static final byte[] RELEASE_RQ = of(0x05, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00);
    static final byte[] RELEASE_RP = of(0x06, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00);
    static final byte[] ABORT = of(0x07, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x02, 0x02);
    static final AAbort ABORT_PDU = AAbort.byProvider(AbortReason.UNEXPECTED_PDU);

    private GoldenPdus() {}
}
