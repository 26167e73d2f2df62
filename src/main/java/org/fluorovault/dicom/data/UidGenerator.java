package org.fluorovault.dicom.data;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * New UIDs: under an organisation's root (the root, a dot and a random number, at most 64
 * characters, PS3.5 9.1), or without a root as {@code 2.25.} and the decimal value of a UUID
 * (PS3.5 B.2).
 */
public final class UidGenerator {
    private static final SecureRandom RANDOM = new SecureRandom();

    private UidGenerator() {}

    public static String create(String root) {
        if (root == null || !root.matches("[0-9]+(\\.[0-9]+)*") || root.length() > 50) {
            throw new IllegalArgumentException("not a UID root of at most 50 characters: " + root);
        }
        int digits = Math.min(38, 64 - root.length() - 1);
        BigInteger limit = BigInteger.TEN.pow(digits);
        BigInteger n;
        do {
            n = new BigInteger(128, RANDOM).mod(limit);
        } while (n.signum() == 0);
        return root + "." + n;
    }

    /** A UID from a new random UUID: {@code 2.25.} and the UUID as an unsigned 128-bit decimal (PS3.5 B.2). */
    public static String fromUuid() {
        return fromUuid(UUID.randomUUID());
    }

    /** The UID of {@code uuid}: {@code 2.25.} and its 128 bits as an unsigned decimal, at most 44 characters. */
    public static String fromUuid(UUID uuid) {
        byte[] bits = java.nio.ByteBuffer.allocate(16)
                .putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits())
                .array();
        return "2.25." + new BigInteger(1, bits);
    }
}
