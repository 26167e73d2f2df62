package org.fluorovault.dicom.data;

import java.math.BigInteger;
import java.security.SecureRandom;

/** New UIDs under an organisation's root: the root, a dot and a random number, at most 64 characters (PS3.5 9.1). */
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
}
