package org.fluorovault.node;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.fluorovault.audit.AuditEvent;
import org.fluorovault.audit.AuditEventType;
import org.fluorovault.audit.AuditEventTypeCode;
import org.fluorovault.audit.AuditOutcome;
import org.fluorovault.audit.AuditTrail;
import org.fluorovault.dicom.dict.Uids;
import org.fluorovault.dicom.net.dimse.CommandField;
import org.fluorovault.dicom.net.dimse.DimseDispatcher;
import org.fluorovault.dicom.net.dimse.DimseException;
import org.fluorovault.dicom.net.dimse.Status;
import org.fluorovault.dicom.net.ul.AAssociateRq;
import org.fluorovault.dicom.net.ul.AeTitles;
import org.fluorovault.dicom.net.ul.Association;
import org.fluorovault.dicom.net.ul.PresentationContext;
import org.fluorovault.dicom.net.ul.RejectReason;
import org.fluorovault.dicom.net.ul.TransportPeer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may associate and what each calling AE may do, from {@code fluorovault.dicom.peers},
 * {@code allowed-calling-aets} and {@code unknown-ae-services}. An AE is refused at association
 * (A-ASSOCIATE-RJ 1/1/3, calling AE title not recognized) when it is unknown and unknown AEs may
 * do nothing, when it calls from an address outside its list, or when a certificate subject is
 * bound to it and the connection did not present that certificate over TLS. A request for a
 * service the AE lacks is answered 0124 (Refused: Not Authorized) with an error comment. Every
 * refusal is recorded as a Security Alert audit event.
 */
final class PeerAccess {
    private static final Logger LOG = LoggerFactory.getLogger(PeerAccess.class);
    /** What an unknown AE may do on a fresh install: enough for a modality, no query or retrieve. */
    static final Set<DicomService> OPEN_DEFAULT =
            EnumSet.of(DicomService.STORE, DicomService.WORKLIST, DicomService.MPPS, DicomService.COMMITMENT);

    private record Known(List<Cidr> addresses, Set<DicomService> services, X500Principal subject) {}

    private final Map<String, Known> known = new HashMap<>();
    private final Set<DicomService> unknown;
    private final boolean unknownExplicit;
    private final AuditTrail audit;

    PeerAccess(DicomProperties props, AuditTrail audit) {
        this.audit = audit;
        for (String aet : props.allowedCallingAets()) {
            String t = aet.trim();
            if (!t.isEmpty()) known.put(t, new Known(List.of(), EnumSet.allOf(DicomService.class), null));
        }
        props.peers().forEach((aet, p) -> {
            List<Cidr> addresses = new ArrayList<>();
            for (String a : p.addresses()) {
                if (!a.isBlank()) addresses.add(Cidr.parse(a));
            }
            X500Principal subject =
                    p.certificateSubject() == null || p.certificateSubject().isBlank()
                            ? null
                            : new X500Principal(p.certificateSubject());
            Set<DicomService> services =
                    p.services().isEmpty() ? EnumSet.noneOf(DicomService.class) : EnumSet.copyOf(p.services());
            known.put(aet.trim(), new Known(List.copyOf(addresses), services, subject));
        });
        this.unknownExplicit = props.unknownAeServices() != null;
        this.unknown = unknownExplicit
                ? parse(props.unknownAeServices())
                : known.isEmpty() ? OPEN_DEFAULT : EnumSet.noneOf(DicomService.class);
    }

    static Set<DicomService> parse(List<String> names) {
        Set<DicomService> s = EnumSet.noneOf(DicomService.class);
        for (String n : names) {
            String t = n.trim().toUpperCase(Locale.ROOT);
            if (t.isEmpty() || t.equals("NONE")) continue;
            if (t.equals("ALL")) {
                s.addAll(EnumSet.allOf(DicomService.class));
            } else {
                try {
                    s.add(DicomService.valueOf(t));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("fluorovault.dicom.unknown-ae-services: unknown service '" + n
                            + "' (use " + List.of(DicomService.values()) + ", ALL or NONE)");
                }
            }
        }
        return s;
    }

    /** Logs at start what an unknown AE may do, loudly when that is more than nothing. */
    void logAtStart() {
        if (unknown.isEmpty()) {
            LOG.info("DICOM access: {} known peer(s); unknown calling AE titles are refused", known.size());
        } else {
            LOG.warn(
                    "DICOM access: ANY calling AE title from ANY address may {} (C-ECHO too){}; {} known peer(s). "
                            + "To refuse unknown AEs configure fluorovault.dicom.peers[AE].* and set "
                            + "fluorovault.dicom.unknown-ae-services=NONE (see docs/security.md)",
                    unknown,
                    unknown.containsAll(EnumSet.of(DicomService.QUERY, DicomService.RETRIEVE))
                            ? ", including query and retrieve of every patient"
                            : "",
                    known.size());
        }
    }

    /** The reason to refuse this association, or null to go on. Refusals are logged and audited. */
    RejectReason admit(AAssociateRq rq, TransportPeer peer) {
        String aet = rq.callingAet();
        Known k = known.get(aet);
        String why = null;
        if (k == null) {
            if (unknown.isEmpty()) why = "calling AE title not configured";
        } else if (!k.addresses().isEmpty() && k.addresses().stream().noneMatch(c -> c.contains(peer.host()))) {
            why = "address " + peer.host() + " not allowed for this AE (allowed: " + k.addresses() + ")";
        } else if (k.subject() != null) {
            if (!peer.tls()) {
                why = "this AE must use the TLS port with its certificate";
            } else if (peer.certificateSubject() == null) {
                why = "no client certificate";
            } else if (!k.subject().equals(peer.certificateSubject())) {
                why = "client certificate " + peer.certificateSubject().getName() + " is not the one bound to this AE";
            }
        }
        if (why == null) return null;
        String printable = AeTitles.printable(aet);
        LOG.warn("DICOM association from {} at {} refused: {}", printable, peer.host(), why);
        audit.recordLater(AuditEvent.of(AuditEventType.SECURITY_ALERT)
                .typeCode(AuditEventTypeCode.NODE_AUTHENTICATION)
                .outcome(AuditOutcome.MINOR_FAILURE)
                .user(printable)
                .role("DICOM AE")
                .sourceAddress(peer.host())
                .detail("DICOM association " + printable + "->" + AeTitles.printable(rq.calledAet())
                        + (peer.tls() ? " (TLS)" : "") + " refused: " + why)
                .build());
        return RejectReason.CALLING_AE_NOT_RECOGNIZED;
    }

    /** What the calling AE of an accepted association may do. */
    Set<DicomService> services(String callingAet) {
        Known k = known.get(callingAet);
        return k != null ? k.services() : unknown;
    }

    /** The service a request asks for, or null for one that needs no permission. */
    static DicomService serviceOf(CommandField field, String abstractSyntax) {
        return switch (field) {
            case C_STORE_RQ -> DicomService.STORE;
            case C_FIND_RQ ->
                Uids.ModalityWorklistInformationModelFind.equals(abstractSyntax)
                        ? DicomService.WORKLIST
                        : DicomService.QUERY;
            case C_MOVE_RQ, C_GET_RQ -> DicomService.RETRIEVE;
            case N_CREATE_RQ, N_SET_RQ -> DicomService.MPPS;
            case N_ACTION_RQ -> DicomService.COMMITMENT;
            default -> null;
        };
    }

    /** Refuses, with 0124 and an audit event, requests for services the calling AE lacks. */
    DimseDispatcher.Authorizer authorizer() {
        return (Association a, PresentationContext pc, CommandField field) -> {
            DicomService needed = serviceOf(field, pc.abstractSyntax());
            if (needed == null || services(a.callingAet()).contains(needed)) return;
            String comment = "Not authorized: " + needed + " not allowed for " + AeTitles.printable(a.callingAet());
            audit.recordLater(AuditEvent.of(AuditEventType.SECURITY_ALERT)
                    .typeCode(AuditEventTypeCode.USE_OF_RESTRICTED_FUNCTION)
                    .outcome(AuditOutcome.MINOR_FAILURE)
                    .user(AeTitles.printable(a.callingAet()))
                    .role("DICOM AE")
                    .sourceAddress(a.remoteHost())
                    .detail("DICOM " + field + " refused on association " + a.name() + ": " + needed + " not allowed")
                    .build());
            throw new DimseException(Status.NOT_AUTHORIZED, comment.length() > 64 ? comment.substring(0, 64) : comment);
        };
    }
}
