package org.fluorovault.procedure.internal;

/**
 * National Provider Identifier check (CMS NPI standard): ten digits, the last a Luhn check digit
 * computed over the first nine prefixed with the card issuer prefix 80840 (which adds a constant 24).
 */
final class Npi {
    private Npi() {}

    static boolean isValid(String npi) {
        if (npi == null || !npi.matches("[12][0-9]{9}")) return false;
        int sum = 24;
        for (int i = 8; i >= 0; i--) {
            int d = npi.charAt(i) - '0';
            if ((8 - i) % 2 == 0) {
                d *= 2;
                if (d > 9) d -= 9;
            }
            sum += d;
        }
        int check = (10 - sum % 10) % 10;
        return check == npi.charAt(9) - '0';
    }
}
