package org.fluorovault.dicom.net.ul;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses the body of an A-ASSOCIATE-RQ or -AC (PS3.8 9.3.2, 9.3.3, PS3.7 D.3.3). Items of
 * unknown types at PDU level and in presentation context items are skipped; unknown user
 * information sub-items are kept raw. A user information item missing altogether reads as
 * maximum length 0 (unlimited) with no other sub-items.
 */
final class AssociateParser {

    private AssociateParser() {}

    static Pdu parse(int type, ByteReader body) throws UlProtocolException {
        boolean rq = type == AAssociateRq.TYPE;
        int version = body.u16();
        body.skip(2);
        String called = body.aeTitle();
        String calling = body.aeTitle();
        body.skip(32);
        String appContext = null;
        List<PresentationContextRq> pcRq = new ArrayList<>();
        List<PresentationContextAc> pcAc = new ArrayList<>();
        UserInformation ui = null;
        while (body.hasRemaining()) {
            int itemType = body.u8();
            body.skip(1);
            ByteReader item = body.slice(body.u16(), String.format("item %02Xh", itemType));
            switch (itemType) {
                case 0x10 -> appContext = item.text();
                case 0x20 -> pcRq.add(contextRq(unexpectedUnless(rq, item, itemType)));
                case 0x21 -> pcAc.add(contextAc(unexpectedUnless(!rq, item, itemType)));
                case 0x50 -> ui = userInformation(item);
                default -> {
                    // PS3.8 9.3.1: items of unrecognized type are ignored
                }
            }
        }
        if (appContext == null) {
            throw new UlProtocolException(AbortReason.INVALID_PDU_PARAMETER_VALUE, "no application context item");
        }
        if (ui == null) {
            ui = UserInformation.of(0, null, null);
        }
        return rq
                ? new AAssociateRq(version, called, calling, appContext, pcRq, ui)
                : new AAssociateAc(version, called, calling, appContext, pcAc, ui);
    }

    private static ByteReader unexpectedUnless(boolean ok, ByteReader item, int itemType) throws UlProtocolException {
        if (!ok) {
            throw new UlProtocolException(
                    AbortReason.UNEXPECTED_PDU_PARAMETER,
                    String.format("presentation context item %02Xh in the wrong PDU", itemType));
        }
        return item;
    }

    private static PresentationContextRq contextRq(ByteReader item) throws UlProtocolException {
        int id = item.u8();
        item.skip(3);
        String abstractSyntax = null;
        List<String> ts = new ArrayList<>();
        while (item.hasRemaining()) {
            int subType = item.u8();
            item.skip(1);
            ByteReader sub = item.slice(item.u16(), String.format("sub-item %02Xh", subType));
            if (subType == 0x30) {
                abstractSyntax = sub.text();
            } else if (subType == 0x40) {
                ts.add(sub.text());
            }
        }
        if (abstractSyntax == null) {
            throw new UlProtocolException(
                    AbortReason.INVALID_PDU_PARAMETER_VALUE, "presentation context " + id + " without abstract syntax");
        }
        return new PresentationContextRq(id, abstractSyntax, ts);
    }

    private static PresentationContextAc contextAc(ByteReader item) throws UlProtocolException {
        int id = item.u8();
        item.skip(1);
        int result = item.u8();
        item.skip(1);
        String ts = null;
        while (item.hasRemaining()) {
            int subType = item.u8();
            item.skip(1);
            ByteReader sub = item.slice(item.u16(), String.format("sub-item %02Xh", subType));
            if (subType == 0x40 && ts == null) {
                ts = sub.text();
            }
        }
        if (result == PresentationContextAc.ACCEPTANCE && ts == null) {
            throw new UlProtocolException(
                    AbortReason.INVALID_PDU_PARAMETER_VALUE,
                    "accepted presentation context " + id + " without transfer syntax");
        }
        return new PresentationContextAc(id, result, ts);
    }

    private static UserInformation userInformation(ByteReader item) throws UlProtocolException {
        long maxLength = 0;
        String classUid = null;
        String versionName = null;
        AsyncOpsWindow window = null;
        List<RoleSelection> roles = new ArrayList<>();
        List<UserItem> others = new ArrayList<>();
        while (item.hasRemaining()) {
            int subType = item.u8();
            item.skip(1);
            int length = item.u16();
            ByteReader sub = item.slice(length, String.format("user information sub-item %02Xh", subType));
            switch (subType) {
                case UserInformation.MAX_LENGTH ->
                    maxLength = fixed(sub, 4, subType).u32();
                case UserInformation.IMPLEMENTATION_CLASS_UID -> classUid = sub.text();
                case UserInformation.ASYNC_OPS_WINDOW -> {
                    ByteReader w = fixed(sub, 4, subType);
                    window = new AsyncOpsWindow(w.u16(), w.u16());
                }
                case UserInformation.ROLE_SELECTION -> roles.add(roleSelection(sub));
                case UserInformation.IMPLEMENTATION_VERSION_NAME -> versionName = sub.text();
                default -> others.add(new UserItem(subType, sub.bytes(length)));
            }
        }
        return new UserInformation(maxLength, classUid, versionName, window, roles, others);
    }

    private static RoleSelection roleSelection(ByteReader sub) throws UlProtocolException {
        int uidLength = sub.u16();
        String uid = sub.slice(uidLength, "SOP class UID").text();
        int scu = sub.u8();
        int scp = sub.u8();
        if (sub.hasRemaining()) {
            throw new UlProtocolException(
                    AbortReason.INVALID_PDU_PARAMETER_VALUE, "role selection sub-item longer than its UID and roles");
        }
        return new RoleSelection(uid, scu != 0, scp != 0);
    }

    private static ByteReader fixed(ByteReader sub, int length, int subType) throws UlProtocolException {
        if (sub.remaining() != length) {
            throw new UlProtocolException(
                    AbortReason.INVALID_PDU_PARAMETER_VALUE,
                    String.format("sub-item %02Xh of %d bytes, expected %d", subType, sub.remaining(), length));
        }
        return sub;
    }
}
