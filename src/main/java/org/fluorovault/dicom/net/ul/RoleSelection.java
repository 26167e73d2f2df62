package org.fluorovault.dicom.net.ul;

import java.util.Objects;

/**
 * SCP/SCU role selection sub-item (54h, PS3.7 D.3.3.4). In a request the booleans say which roles
 * the requestor proposes for itself; in the acceptance they say which of those were granted.
 */
public record RoleSelection(String sopClassUid, boolean scu, boolean scp) {

    public RoleSelection {
        Objects.requireNonNull(sopClassUid, "sopClassUid");
    }
}
