package org.fluorovault.dicom.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Generated UIDs are valid PS3.5 UIDs under their root and do not repeat. */
class UidGeneratorTest {
    @Test
    void uidsAreValidUniqueAndUnderTheRoot() {
        String root = "1.2.826.0.1.3680043.10.1443.4";
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            String uid = UidGenerator.create(root);
            assertTrue(uid.startsWith(root + "."), uid);
            assertTrue(uid.length() <= 64, uid);
            assertTrue(uid.matches("(0|[1-9][0-9]*)(\\.(0|[1-9][0-9]*))*"), "no leading zeros: " + uid);
            seen.add(uid);
        }
        assertEquals(2000, seen.size());
        assertTrue(UidGenerator.create("1.2.3.4.5.6.7.8.9.10.11.12.13.14.15.16.17.18.19.2").length() <= 64);
    }

    @Test
    void aBadRootIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> UidGenerator.create("1.2.x"));
        assertThrows(IllegalArgumentException.class, () -> UidGenerator.create("1." + "2".repeat(60)));
    }
}
