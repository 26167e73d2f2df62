package org.fluorovault.hl7;

import java.net.InetAddress;
import java.util.List;

/**
 * Who may send HL7: the source address must be in {@code fluorovault.hl7.allowed-addresses} and
 * the sender (MSH-3, MSH-4) in {@code fluorovault.hl7.allowed-senders}; an empty list allows all.
 * MSH-3/MSH-4 are what the sender says it is, so the sender list sorts out misrouted interfaces
 * rather than authenticating anyone: the address list (and TLS with client certificates) does that.
 */
final class Hl7Access {
    private final SourceAddresses addresses;
    private final List<String> senders;

    Hl7Access(List<String> addresses, List<String> senders) {
        this.addresses = SourceAddresses.parse(addresses);
        this.senders = List.copyOf(senders);
    }

    boolean open() {
        return addresses.allowsAny() && senders.isEmpty();
    }

    boolean addressAllowed(InetAddress a) {
        return addresses.allows(a);
    }

    /** Whether MSH-3 (and MSH-4) is on the list: {@code APP} allows any facility, {@code APP^FACILITY} that one. */
    boolean senderAllowed(String application, String facility) {
        if (senders.isEmpty()) return true;
        if (application == null) return false;
        for (String s : senders) {
            int caret = s.indexOf('^');
            if (caret < 0
                    ? s.equals(application)
                    : s.substring(0, caret).equals(application)
                            && s.substring(caret + 1).equals(facility)) {
                return true;
            }
        }
        return false;
    }

    /** MSH-3^MSH-4 as written in the allow-list and the audit trail. */
    static String sender(String application, String facility) {
        return (application == null ? "" : application) + (facility == null ? "" : "^" + facility);
    }
}
