package org.fluorovault.hl7;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The HL7 source address allow-list: addresses and CIDR blocks, IPv4 and IPv6, literals only. */
class SourceAddressesTest {
    private static boolean allows(SourceAddresses s, String ip) throws Exception {
        return s.allows(InetAddress.getByName(ip));
    }

    @Test
    void blocksAndSingleAddresses() throws Exception {
        SourceAddresses s =
                SourceAddresses.parse(List.of("10.20.0.0/16", "192.0.2.10", "172.16.0.0/12", "fd00::/8", "::1"));
        assertTrue(allows(s, "10.20.255.254"));
        assertFalse(allows(s, "10.21.0.1"));
        assertTrue(allows(s, "192.0.2.10"));
        assertFalse(allows(s, "192.0.2.11"));
        assertTrue(allows(s, "172.31.1.1"));
        assertFalse(allows(s, "172.32.0.1"));
        assertTrue(allows(s, "fd12:3456::1"));
        assertFalse(allows(s, "fe80::1"));
        assertTrue(allows(s, "::1"));
        assertFalse(allows(s, "127.0.0.1"));
        assertFalse(s.allows(null));
        assertTrue(
                SourceAddresses.parse(List.of()).allows(InetAddress.getByName("203.0.113.5")),
                "empty list: any address");
        assertTrue(allows(SourceAddresses.parse(List.of("0.0.0.0/0")), "203.0.113.5"));
    }

    @Test
    void namesAndBadBlocksAreRefused() {
        for (String bad : List.of(
                "ris.example.org", "cafe", "10.0.0.0/33", "10.0.0.0/-1", "10.0.0.0/x", "fd00::/129", "", "10.0.0/8")) {
            assertThrows(IllegalArgumentException.class, () -> SourceAddresses.parse(List.of(bad)), bad);
        }
    }
}
