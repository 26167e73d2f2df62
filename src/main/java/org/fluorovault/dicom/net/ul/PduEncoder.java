package org.fluorovault.dicom.net.ul;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes PDUs in the byte layout of PS3.8 section 9.3: big-endian lengths, AE titles padded with
 * spaces to 16 bytes, UIDs unpadded. User information sub-items go out in item-type order (51h,
 * 52h, 53h, 54h, 55h) followed by the raw items in their given order.
 */
public final class PduEncoder {

    /** Bytes of PDU header plus PDV item header in a P-DATA-TF that carries one PDV. */
    public static final int PDATA_OVERHEAD = 12;

    private PduEncoder() {}

    public static byte[] encode(Pdu pdu) {
        Buf out = new Buf();
        if (pdu instanceof AAssociateRq rq) {
            associate(
                    out,
                    rq.type(),
                    rq.protocolVersion(),
                    rq.calledAet(),
                    rq.callingAet(),
                    rq.applicationContext(),
                    contextsRq(rq),
                    rq.userInformation());
        } else if (pdu instanceof AAssociateAc ac) {
            associate(
                    out,
                    ac.type(),
                    ac.protocolVersion(),
                    ac.calledAet(),
                    ac.callingAet(),
                    ac.applicationContext(),
                    contextsAc(ac),
                    ac.userInformation());
        } else if (pdu instanceof AAssociateRj rj) {
            fixed(out, rj.type(), 0, rj.result(), rj.source(), rj.reason());
        } else if (pdu instanceof PDataTf p) {
            pData(out, p);
        } else if (pdu instanceof AAbort a) {
            fixed(out, a.type(), 0, 0, a.source(), a.reason());
        } else {
            fixed(out, pdu.type(), 0, 0, 0, 0); // A-RELEASE-RQ, A-RELEASE-RP
        }
        return out.toByteArray();
    }

    public static void write(Pdu pdu, OutputStream out) throws IOException {
        out.write(encode(pdu));
    }

    /**
     * Fills the first {@link #PDATA_OVERHEAD} bytes of {@code buf} with the headers of a P-DATA-TF
     * carrying one PDV whose {@code dataLength} bytes follow them, so that streamed data sets go out
     * without being copied into a {@link Pdv}. The PDU-length field is {@code dataLength + 6}.
     */
    public static void putPDataHeader(byte[] buf, int pcid, boolean command, boolean last, int dataLength) {
        buf[0] = PDataTf.TYPE;
        buf[1] = 0;
        putInt(buf, 2, dataLength + 6L);
        putInt(buf, 6, dataLength + 2L);
        buf[10] = (byte) pcid;
        buf[11] = (byte) ((command ? 1 : 0) | (last ? 2 : 0));
    }

    private static byte[] contextsRq(AAssociateRq rq) {
        Buf items = new Buf();
        for (PresentationContextRq pc : rq.presentationContexts()) {
            Buf sub = new Buf();
            sub.bytes(pc.id(), 0, 0, 0);
            sub.item(0x30, ascii(pc.abstractSyntax()));
            for (String ts : pc.transferSyntaxes()) {
                sub.item(0x40, ascii(ts));
            }
            items.item(0x20, sub.toByteArray());
        }
        return items.toByteArray();
    }

    private static byte[] contextsAc(AAssociateAc ac) {
        Buf items = new Buf();
        for (PresentationContextAc pc : ac.presentationContexts()) {
            Buf sub = new Buf();
            sub.bytes(pc.id(), 0, pc.result(), 0);
            if (pc.transferSyntax() != null) {
                sub.item(0x40, ascii(pc.transferSyntax()));
            }
            items.item(0x21, sub.toByteArray());
        }
        return items.toByteArray();
    }

    private static void associate(
            Buf out,
            int type,
            int version,
            String called,
            String calling,
            String appContext,
            byte[] contexts,
            UserInformation ui) {
        Buf body = new Buf();
        body.u16(version);
        body.u16(0);
        body.write(aeTitle(called), 0, 16);
        body.write(aeTitle(calling), 0, 16);
        body.write(new byte[32], 0, 32);
        body.item(0x10, ascii(appContext));
        body.write(contexts, 0, contexts.length);
        body.item(0x50, userInformation(ui));
        header(out, type, body.size());
        out.write(body.toByteArray(), 0, body.size());
    }

    private static byte[] userInformation(UserInformation ui) {
        Buf b = new Buf();
        Buf len = new Buf();
        len.u32(ui.maxLength());
        b.item(UserInformation.MAX_LENGTH, len.toByteArray());
        if (ui.implementationClassUid() != null) {
            b.item(UserInformation.IMPLEMENTATION_CLASS_UID, ascii(ui.implementationClassUid()));
        }
        if (ui.asyncOpsWindow() != null) {
            Buf w = new Buf();
            w.u16(ui.asyncOpsWindow().maxOpsInvoked());
            w.u16(ui.asyncOpsWindow().maxOpsPerformed());
            b.item(UserInformation.ASYNC_OPS_WINDOW, w.toByteArray());
        }
        for (RoleSelection r : ui.roleSelections()) {
            byte[] uid = ascii(r.sopClassUid());
            Buf rs = new Buf();
            rs.u16(uid.length);
            rs.write(uid, 0, uid.length);
            rs.bytes(r.scu() ? 1 : 0, r.scp() ? 1 : 0);
            b.item(UserInformation.ROLE_SELECTION, rs.toByteArray());
        }
        if (ui.implementationVersionName() != null) {
            b.item(UserInformation.IMPLEMENTATION_VERSION_NAME, ascii(ui.implementationVersionName()));
        }
        for (UserItem item : ui.otherItems()) {
            b.item(item.type(), item.value());
        }
        return b.toByteArray();
    }

    private static void pData(Buf out, PDataTf p) {
        header(out, p.type(), p.length());
        for (Pdv pdv : p.pdvs()) {
            out.u32(pdv.data().length + 2L);
            out.bytes(pdv.pcid(), pdv.controlHeader());
            out.write(pdv.data(), 0, pdv.data().length);
        }
    }

    private static void fixed(Buf out, int type, int b0, int b1, int b2, int b3) {
        header(out, type, 4);
        out.bytes(b0, b1, b2, b3);
    }

    private static void header(Buf out, int type, long length) {
        if (length > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("PDU too long: " + length);
        }
        out.bytes(type, 0);
        out.u32(length);
    }

    static byte[] aeTitle(String aet) {
        byte[] a = ascii(aet);
        if (a.length > 16) {
            throw new IllegalArgumentException("AE title longer than 16 characters: " + aet);
        }
        byte[] padded = new byte[16];
        java.util.Arrays.fill(padded, (byte) ' ');
        System.arraycopy(a, 0, padded, 0, a.length);
        return padded;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static void putInt(byte[] b, int at, long v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    static void checkByte(int v, String what) {
        if (v < 0 || v > 0xFF) {
            throw new IllegalArgumentException(what + " out of range 0..255: " + v);
        }
    }

    static void checkUnsignedShort(int v, String what) {
        if (v < 0 || v > 0xFFFF) {
            throw new IllegalArgumentException(what + " out of range 0..65535: " + v);
        }
    }

    /** A byte buffer with the big-endian helpers the PDU layouts need. */
    private static final class Buf extends ByteArrayOutputStream {

        void bytes(int... values) {
            for (int v : values) {
                write(v);
            }
        }

        void u16(int v) {
            write(v >>> 8);
            write(v);
        }

        void u32(long v) {
            bytes((int) (v >>> 24) & 0xFF, (int) (v >>> 16) & 0xFF, (int) (v >>> 8) & 0xFF, (int) v & 0xFF);
        }

        void item(int type, byte[] value) {
            if (value.length > 0xFFFF) {
                throw new IllegalArgumentException(String.format("item %02Xh longer than 65535 bytes", type));
            }
            bytes(type, 0);
            u16(value.length);
            write(value, 0, value.length);
        }
    }
}
