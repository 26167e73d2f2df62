package org.fluorovault.hl7;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An allow-list of source addresses: IP addresses and CIDR blocks, IPv4 and IPv6. Only literals
 * are taken (no name is ever looked up); an empty list allows every address.
 */
final class SourceAddresses {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    /** One block: the first {@code bits} bits of {@code network}. */
    record Block(byte[] network, int bits) {
        boolean contains(byte[] a) {
            if (a.length != network.length) return false;
            int whole = bits / 8, rest = bits % 8;
            for (int i = 0; i < whole; i++) if (a[i] != network[i]) return false;
            if (rest == 0) return true;
            int mask = 0xFF << (8 - rest) & 0xFF;
            return (a[whole] & mask) == (network[whole] & mask);
        }
    }

    private final List<Block> blocks;

    private SourceAddresses(List<Block> blocks) {
        this.blocks = blocks;
    }

    /** Parses the entries; an entry that is not an IP address or CIDR block is an IllegalArgumentException naming it. */
    static SourceAddresses parse(List<String> entries) {
        List<Block> blocks = new ArrayList<>();
        for (String e : entries) {
            String t = e == null ? "" : e.trim();
            int slash = t.indexOf('/');
            String ip = slash < 0 ? t : t.substring(0, slash);
            if (!IPV4.matcher(ip).matches() && !IPV6.matcher(ip).matches()) {
                throw new IllegalArgumentException(
                        "fluorovault.hl7.allowed-addresses: '" + e + "' is not an IP address or CIDR block");
            }
            byte[] net;
            try {
                net = InetAddress.getByName(ip).getAddress(); // a literal: no lookup
            } catch (UnknownHostException | SecurityException ex) {
                throw new IllegalArgumentException(
                        "fluorovault.hl7.allowed-addresses: '" + e + "' is not an IP address", ex);
            }
            int bits = net.length * 8;
            if (slash >= 0) {
                try {
                    bits = Integer.parseInt(t.substring(slash + 1));
                } catch (NumberFormatException ex) {
                    bits = -1;
                }
                if (bits < 0 || bits > net.length * 8) {
                    throw new IllegalArgumentException("fluorovault.hl7.allowed-addresses: '" + e
                            + "' has a prefix length outside 0.." + net.length * 8);
                }
            }
            blocks.add(new Block(net, bits));
        }
        return new SourceAddresses(List.copyOf(blocks));
    }

    boolean allowsAny() {
        return blocks.isEmpty();
    }

    boolean allows(InetAddress a) {
        if (blocks.isEmpty()) return true;
        if (a == null) return false;
        byte[] b = a.getAddress();
        return blocks.stream().anyMatch(x -> x.contains(b));
    }
}
