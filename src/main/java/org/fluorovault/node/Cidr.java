package org.fluorovault.node;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IP address or a CIDR block ({@code 10.0.1.0/24}), parsed from configuration without DNS look-ups. */
record Cidr(byte[] network, int prefix, String text) {

    static Cidr parse(String s) {
        String t = s.trim();
        int slash = t.indexOf('/');
        String addr = slash < 0 ? t : t.substring(0, slash);
        if (!addr.matches("[0-9.]+") && !addr.matches("[0-9A-Fa-f:.]+")) {
            throw new IllegalArgumentException("not an IP address or CIDR block (host names are not allowed): " + s);
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(addr).getAddress(); // a literal: no name service involved
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + s, e);
        }
        int prefix = bytes.length * 8;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(t.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad prefix length in " + s, e);
            }
            if (prefix < 0 || prefix > bytes.length * 8)
                throw new IllegalArgumentException("bad prefix length in " + s);
        }
        return new Cidr(bytes, prefix, t);
    }

    /** True if {@code host} (an IP address as text, from the socket) lies in this block. */
    boolean contains(String host) {
        byte[] a;
        try {
            if (!host.matches("[0-9A-Fa-f:.%a-z]+")) return false;
            a = InetAddress.getByName(host).getAddress();
        } catch (UnknownHostException e) {
            return false;
        }
        if (a.length == 16 && network.length == 4 && isMappedV4(a)) a = java.util.Arrays.copyOfRange(a, 12, 16);
        if (a.length != network.length) return false;
        int full = prefix / 8, rest = prefix % 8;
        for (int i = 0; i < full; i++) if (a[i] != network[i]) return false;
        if (rest == 0) return true;
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (a[full] & mask) == (network[full] & mask);
    }

    private static boolean isMappedV4(byte[] a) {
        for (int i = 0; i < 10; i++) if (a[i] != 0) return false;
        return a[10] == (byte) 0xFF && a[11] == (byte) 0xFF;
    }

    @Override
    public String toString() {
        return text;
    }
}
