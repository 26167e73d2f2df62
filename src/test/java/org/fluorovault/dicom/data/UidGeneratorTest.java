package org.fluorovault.dicom.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Generated UIDs are valid PS3.5 UIDs under their root (or 2.25) and do not repeat. */
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
        assertTrue(UidGenerator.create("1.2.3.4.5.6.7.8.9.10.11.12.13.14.15.16.17.18.19.2")
                        .length()
                <= 64);
    }

    @Test
    void aBadRootIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> UidGenerator.create("1.2.x"));
        assertThrows(IllegalArgumentException.class, () -> UidGenerator.create("1." + "2".repeat(60)));
    }

    @Test
    void uuidUidsAreTheUnsignedDecimalOfTheUuid() {
        // the example of PS3.5 B.2
        assertEquals(
                "2.25.329800735698586629295641978511506172918",
                UidGenerator.fromUuid(UUID.fromString("f81d4fae-7dec-11d0-a765-00a0c91e6bf6")));
        assertEquals("2.25.0", UidGenerator.fromUuid(new UUID(0, 0)));
        assertEquals("2.25.340282366920938463463374607431768211455", UidGenerator.fromUuid(new UUID(-1, -1)));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String uid = UidGenerator.fromUuid();
            assertTrue(uid.matches("2\\.25\\.(0|[1-9][0-9]{0,38})"), uid);
            assertTrue(UidSyntax.problem(uid) == null, uid);
            seen.add(uid);
        }
        assertEquals(1000, seen.size());
    }
}
