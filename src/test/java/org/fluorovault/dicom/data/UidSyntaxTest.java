package org.fluorovault.dicom.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** PS3.5 6.2 and 9.1: the UI value rules, and how a value that breaks them appears in a log line. */
class UidSyntaxTest {
    @Test
    void validUids() {
        for (String uid : new String[] {
            "1.2.840.10008.5.1.4.1.1.12.1",
            "2.25.0",
            "0",
            "1.0.3",
            "9".repeat(64),
            "1.2.840.113619.2.55.3.604688119.971.1268399958.212"
        }) {
            assertNull(UidSyntax.problem(uid), uid);
        }
    }

    @Test
    void invalidUidsSayWhy() {
        assertTrue(UidSyntax.problem("").contains("empty"));
        assertTrue(UidSyntax.problem("9".repeat(65)).contains("64"));
        assertTrue(UidSyntax.problem("1.02.3").contains("leading zero"));
        assertTrue(UidSyntax.problem("1..2").contains("empty component"));
        assertTrue(UidSyntax.problem(".1.2").contains("empty component"));
        assertTrue(UidSyntax.problem("1.2.").contains("empty component"));
        assertTrue(UidSyntax.problem("../../pwn/evil").contains("empty component"));
        assertTrue(UidSyntax.problem("1.2.3a").contains("character 6"));
        assertTrue(UidSyntax.problem("1.2 .3").contains("character 4"));
        assertFalse(UidSyntax.isValid(null));
    }

    @Test
    void aValueThatIsNotAUidIsEscapedForTheLog() {
        assertEquals("1.2.3", UidSyntax.forLog("1.2.3"));
        String logged = UidSyntax.forLog("1.2\nFAKE LOG LINE\u001b[31m");
        assertFalse(logged.contains("\n") || logged.contains("\u001b"), logged);
        assertTrue(logged.contains("\\x0A") && logged.contains("\\x1B") && logged.endsWith("(invalid UID)"), logged);
        assertTrue(UidSyntax.forLog("x".repeat(500)).length() < 120);
    }
}
