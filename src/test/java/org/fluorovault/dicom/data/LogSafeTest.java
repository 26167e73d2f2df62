package org.fluorovault.dicom.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A value from outside cannot forge a log line or send escape sequences to the operator's terminal. */
class LogSafeTest {
    @Test
    void lineBreaksAndControlCharactersCannotForgeALogLine() {
        String forged = "CARM1\n2027-03-01 INFO login admin OK\r\u001b[2J\u0000\u0085\u2028";
        String safe = LogSafe.escape(forged);
        assertEquals("CARM1\\n2027-03-01 INFO login admin OK\\r\\x1B[2J\\x00\\x85\\u2028", safe);
        assertTrue(safe.chars().noneMatch(c -> c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F)), safe);
    }

    @Test
    void printableTextIsLeftAloneAndBackslashesStayUnambiguous() {
        assertEquals("Österberg^Anna", LogSafe.escape("Österberg^Anna"));
        assertEquals("a\\\\nb", LogSafe.escape("a\\nb")); // a literal backslash-n is not a written line break
        assertEquals("null", LogSafe.escape(null));
    }

    @Test
    void longValuesAreCut() {
        String s = LogSafe.escape("A".repeat(10_000));
        assertTrue(s.length() <= LogSafe.MAX_LENGTH + 3, "length " + s.length());
        assertTrue(s.endsWith("..."));
        assertFalse(LogSafe.escape("x".repeat(LogSafe.MAX_LENGTH)).endsWith("..."));
    }
}
