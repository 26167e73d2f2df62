package org.fluorovault.dicom.net.ul;

import java.util.List;

/**
 * User information item (50h, PS3.8 9.3.2.3 and PS3.7 Annex D.3.3).
 *
 * @param maxLength                 maximum length received (51h): the largest P-DATA-TF variable
 *                                  field the sender accepts, 0 = unlimited; 0..2^32-1
 * @param implementationClassUid    52h, null if absent
 * @param implementationVersionName 55h, null if absent
 * @param asyncOpsWindow            53h, null if absent
 * @param roleSelections            54h items
 * @param otherItems                every other sub-item, raw and in received order
 */
public record UserInformation(
        long maxLength,
        String implementationClassUid,
        String implementationVersionName,
        AsyncOpsWindow asyncOpsWindow,
        List<RoleSelection> roleSelections,
        List<UserItem> otherItems) {

    public static final int MAX_LENGTH = 0x51;
    public static final int IMPLEMENTATION_CLASS_UID = 0x52;
    public static final int ASYNC_OPS_WINDOW = 0x53;
    public static final int ROLE_SELECTION = 0x54;
    public static final int IMPLEMENTATION_VERSION_NAME = 0x55;

    public UserInformation {
        if (maxLength < 0 || maxLength > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("maxLength out of range: " + maxLength);
        }
        roleSelections = List.copyOf(roleSelections);
        otherItems = List.copyOf(otherItems);
    }

    /** The user information this toolkit sends: max length and implementation identification only. */
    public static UserInformation of(long maxLength, String implementationClassUid, String implementationVersionName) {
        return new UserInformation(
                maxLength, implementationClassUid, implementationVersionName, null, List.of(), List.of());
    }

    static boolean isTypedItem(int type) {
        return type >= MAX_LENGTH && type <= IMPLEMENTATION_VERSION_NAME;
    }
}
