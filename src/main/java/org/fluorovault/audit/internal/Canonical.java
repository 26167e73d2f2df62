package org.fluorovault.audit.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import org.fluorovault.audit.AuditEvent;

/**
 * The chain format (docs/audit.md): hash(n) = SHA-256 of the UTF-8 bytes of
 * {@code hash(n-1) + canonical(n)}, lower-case hex; hash(0) is 64 zeros. canonical(n) is
 * {@code id|time|eventId|typeCode|action|outcome|user|role|source|patientId|procedureId|studyUid|detail}
 * with time as {@code yyyy-MM-ddTHH:mm:ss.SSSZ} in UTC, null as empty, and in values
 * {@code \} {@code |} LF CR written as {@code \\} {@code \|} {@code \n} {@code \r}.
 */
public final class Canonical {
    public static final String GENESIS = "0".repeat(64);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Canonical() {}

    static String line(long id, AuditEvent e) {
        StringBuilder sb = new StringBuilder(256);
        sb.append(id)
                .append('|')
                .append(TIME.format(e.time()))
                .append('|')
                .append(e.eventId().code())
                .append('|')
                .append(e.typeCode() == null ? "" : e.typeCode().code())
                .append('|')
                .append(e.action().name())
                .append('|')
                .append(e.outcome().code());
        for (String v : new String[] {
            e.user(), e.role(), e.sourceAddress(), e.patientId(), e.procedureId(), e.studyUid(), e.detail()
        }) {
            sb.append('|');
            if (v != null) escape(v, sb);
        }
        return sb.toString();
    }

    private static void escape(String v, StringBuilder sb) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '|' -> sb.append("\\|");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> sb.append(c);
            }
        }
    }

    static String hash(String previousHash, long id, AuditEvent e) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(previousHash.getBytes(StandardCharsets.US_ASCII));
            md.update(line(id, e).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 unavailable", ex);
        }
    }

    /** Millisecond precision (what every database keeps), never in the future of the caller's clock. */
    static Instant truncate(Instant t) {
        return t.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }
}
