package org.fluorovault.dicom.net.ul;

import java.util.Arrays;

/**
 * A user information sub-item kept as raw bytes: SOP class extended negotiation (56h), SOP class
 * common extended negotiation (57h), user identity (58h/59h) and any type this toolkit does not
 * know. The array is not copied; treat it as immutable.
 */
public record UserItem(int type, byte[] value) {

    public static final int SOP_CLASS_EXTENDED_NEGOTIATION = 0x56;
    public static final int SOP_CLASS_COMMON_EXTENDED_NEGOTIATION = 0x57;
    public static final int USER_IDENTITY_RQ = 0x58;
    public static final int USER_IDENTITY_AC = 0x59;

    public UserItem {
        PduEncoder.checkByte(type, "item type");
        if (UserInformation.isTypedItem(type)) {
            throw new IllegalArgumentException(String.format("item %02Xh has its own field", type));
        }
        PduEncoder.checkUnsignedShort(value.length, "item length");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UserItem u && type == u.type && Arrays.equals(value, u.value);
    }

    @Override
    public int hashCode() {
        return type * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return String.format("UserItem[%02Xh, %d bytes]", type, value.length);
    }
}
