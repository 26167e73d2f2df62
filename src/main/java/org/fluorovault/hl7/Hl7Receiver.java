package org.fluorovault.hl7;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.preparser.PreParser;
import ca.uhn.hl7v2.util.Terser;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
import org.fluorovault.audit.AuditAction;
import org.fluorovault.audit.AuditEvent;
import org.fluorovault.audit.AuditEventType;
import org.fluorovault.audit.AuditEventTypeCode;
import org.fluorovault.audit.AuditOutcome;
import org.fluorovault.audit.AuditTrail;
import org.fluorovault.dicom.data.LogSafe;
import org.fluorovault.procedure.InvalidProcedureException;
import org.fluorovault.procedure.Procedure;
import org.fluorovault.procedure.Procedure.Patient;
import org.fluorovault.procedure.ProcedureNotFoundException;
import org.fluorovault.procedure.ProcedureService;
import org.fluorovault.procedure.VersionConflictException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One received MLLP frame to one ACK: reads the header, rejects (AR) what is not HL7 v2.5.1 or
 * not a supported message type, parses the rest with HAPI, hands it to {@link OrderMessages} or
 * {@link AdtMessages}, and answers AA, or AE with what is wrong (nothing stored then).
 */
final class Hl7Receiver implements MllpServer.Handler {
    private static final Logger LOG = LoggerFactory.getLogger(Hl7Receiver.class);
    static final String VERSION = "2.5.1";

    private final PipeParser parser;
    private final Acks acks;
    private final OrderMessages orders;
    private final AdtMessages adt;
    private final Hl7Access access;
    private final HeldChanges held;
    private final AuditTrail audit;

    /** @param held where changes to SIGNED records are held for a person; null to apply them */
    Hl7Receiver(
            PipeParser parser,
            Acks acks,
            ProcedureService procedures,
            Hl7Access access,
            HeldChanges held,
            AuditTrail audit) {
        this.parser = parser;
        this.acks = acks;
        this.orders = new OrderMessages(procedures);
        this.adt = new AdtMessages(procedures);
        this.access = access;
        this.held = held;
        this.audit = audit;
    }

    @Override
    public byte[] answer(MllpFrameReader.Frame frame, String peer, InetAddress address) {
        boolean utf8 = isUtf8(frame.content());
        String text = new String(frame.content(), utf8 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1)
                .replace("\r\n", "\r")
                .replace('\n', '\r')
                .strip();
        String from = address != null ? address.getHostAddress() : peer;
        Acks.Header h = Acks.Header.UNKNOWN;
        String ack;
        try {
            if (frame.fault() != null) throw Hl7Failure.reject(Hl7Failure.APPLICATION_ERROR, frame.fault());
            if (!access.addressAllowed(address)) {
                h = headerOrUnknown(text);
                throw Hl7Failure.refused("messages from address " + from
                        + " are not accepted (fluorovault.hl7.allowed-addresses);" + " nothing was stored");
            }
            h = header(text);
            if (!access.senderAllowed(h.sendingApplication(), h.sendingFacility())) {
                throw Hl7Failure.refused(
                        "sending application " + Hl7Access.sender(h.sendingApplication(), h.sendingFacility())
                                + " (MSH-3^MSH-4) is not accepted (fluorovault.hl7.allowed-senders); nothing was stored");
            }
            check(h);
            Applied result = process(text, h, peer, from);
            LOG.info(
                    "HL7 {} {} from {} ({}): AA",
                    LogSafe.escape(h.type()),
                    LogSafe.escape(h.controlId()),
                    LogSafe.escape(h.sendingApplication()),
                    peer);
            audited(h, from, result);
            ack = acks.accept(h, result.text());
        } catch (Hl7Failure f) {
            LOG.warn(
                    "HL7 {} {} from {} ({}): {} {}",
                    LogSafe.escape(h.type()),
                    LogSafe.escape(h.controlId()),
                    LogSafe.escape(h.sendingApplication()),
                    peer,
                    f.ackCode(),
                    LogSafe.escape(f.getMessage()));
            if (f.refused()) refusedAudited(h, from, f);
            ack = acks.fail(h, f);
        }
        return ack.getBytes(utf8 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    }

    private static String user(Acks.Header h, String from) {
        String user = "hl7 " + (h.sendingApplication() == null ? from : h.sendingApplication());
        return user.length() > 64 ? user.substring(0, 64) : user;
    }

    private static String message(Acks.Header h, String from) {
        return "HL7 " + h.type() + " " + (h.controlId() == null ? "(no MSH-10)" : h.controlId()) + " from "
                + Hl7Access.sender(h.sendingApplication(), h.sendingFacility()) + " at " + from;
    }

    /** One Procedure Record event per record made, changed or held (one without a record when none was). */
    private void audited(Acks.Header h, String from, Applied a) {
        String msg = message(h, from);
        for (Procedure p : a.changed()) {
            audit.record(event(h, from, AuditEventType.PROCEDURE_RECORD)
                    .action(a.action())
                    .patientId(p.patient().id())
                    .procedureId(Long.toString(p.id()))
                    .detail(msg + ": version " + p.version() + ", " + p.status())
                    .build());
        }
        for (Procedure p : a.held()) {
            audit.record(event(h, from, AuditEventType.PROCEDURE_RECORD)
                    .action(AuditAction.E)
                    .patientId(p.patient().id())
                    .procedureId(Long.toString(p.id()))
                    .detail(msg + ": change of SIGNED record held for a person")
                    .build());
        }
        if (a.changed().isEmpty() && a.held().isEmpty()) {
            audit.record(event(h, from, AuditEventType.PROCEDURE_RECORD)
                    .action(a.action())
                    .detail(msg + ": " + a.text())
                    .build());
        }
    }

    private void refusedAudited(Acks.Header h, String from, Hl7Failure f) {
        audit.record(event(h, from, AuditEventType.SECURITY_ALERT)
                .typeCode(AuditEventTypeCode.NODE_AUTHENTICATION)
                .outcome(AuditOutcome.MINOR_FAILURE)
                .detail(message(h, from) + " refused: " + f.getMessage())
                .build());
    }

    private static AuditEvent.Builder event(Acks.Header h, String from, AuditEventType type) {
        return AuditEvent.of(type).user(user(h, from)).role("HL7").sourceAddress(from);
    }

    private Applied process(String text, Acks.Header h, String peer, String from) {
        Message msg;
        try {
            msg = parser.parse(text);
        } catch (HL7Exception | RuntimeException e) {
            throw Hl7Failure.reject(Hl7Failure.DATA_TYPE, "the message cannot be parsed: " + e.getMessage());
        }
        Hl7Fields f = new Hl7Fields(new Terser(msg));
        List<String> segments = Arrays.stream(text.split("\r"))
                .map(s -> s.length() >= 3 ? s.substring(0, 3) : s)
                .toList();
        String user = user(h, from);
        String reason = "HL7 " + h.type() + " " + h.controlId();
        HeldChanges.Origin origin = new HeldChanges.Origin(
                h.type(), h.controlId(), Hl7Access.sender(h.sendingApplication(), h.sendingFacility()), from);
        BiConsumer<Procedure, Patient> hold = held == null ? null : (p, patient) -> held.hold(p, patient, origin);
        try {
            return switch (h.type()) {
                case "ORM^O01" -> orders.apply(f, segments, false, user, reason);
                case "OMI^O23" -> orders.apply(f, segments, true, user, reason);
                case "ADT^A08" -> adt.update(f, segments, user, reason, hold);
                case "ADT^A40" -> adt.merge(f, segments, user, reason, hold);
                default -> throw new IllegalStateException(h.type());
            };
        } catch (InvalidProcedureException e) {
            throw Hl7Failure.error(Hl7Failure.APPLICATION_ERROR, e.getMessage());
        } catch (ProcedureNotFoundException e) {
            throw Hl7Failure.error(Hl7Failure.UNKNOWN_KEY, e.getMessage());
        } catch (VersionConflictException e) {
            throw Hl7Failure.error(Hl7Failure.APPLICATION_ERROR, e.getMessage());
        } catch (Hl7Failure e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.error("HL7 {} {}: processing failed", LogSafe.escape(h.type()), LogSafe.escape(h.controlId()), e);
            throw Hl7Failure.error(Hl7Failure.APPLICATION_ERROR, "internal error; nothing was stored");
        }
    }

    /** The MSH fields when they can be read, otherwise {@link Acks.Header#UNKNOWN}. */
    private static Acks.Header headerOrUnknown(String text) {
        try {
            return header(text);
        } catch (Hl7Failure e) {
            return Acks.Header.UNKNOWN;
        }
    }

    /** The MSH fields the ACK and the dispatch need; AR when there is no readable MSH. */
    private static Acks.Header header(String text) {
        if (!text.startsWith("MSH") || text.length() < 8) {
            throw Hl7Failure.reject(
                    Hl7Failure.SEGMENT_SEQUENCE, "not an HL7 v2 message: it does not start with an MSH segment");
        }
        String[] v;
        try {
            v = PreParser.getFields(
                    text, "MSH-3", "MSH-4", "MSH-5", "MSH-6", "MSH-10", "MSH-9-1", "MSH-9-2", "MSH-11", "MSH-12");
        } catch (HL7Exception | RuntimeException e) {
            throw Hl7Failure.reject(Hl7Failure.SEGMENT_SEQUENCE, "the MSH segment cannot be read: " + e.getMessage());
        }
        return new Acks.Header(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8]);
    }

    /** AR when the message is not one FluoroVault takes (no control ID, another version, another type). */
    private static void check(Acks.Header h) {
        if (h.controlId() == null || h.controlId().isBlank()) {
            throw Hl7Failure.reject(Hl7Failure.REQUIRED_FIELD_MISSING, "MSH-10 (message control ID) is empty");
        }
        if (!VERSION.equals(h.version())) {
            throw Hl7Failure.reject(
                    Hl7Failure.UNSUPPORTED_VERSION,
                    "HL7 version '" + (h.version() == null ? "" : h.version())
                            + "' (MSH-12) is not supported; FluoroVault takes " + VERSION);
        }
        switch (h.type()) {
            case "ORM^O01", "OMI^O23", "ADT^A08", "ADT^A40" -> {}
            default ->
                throw Hl7Failure.reject(
                        "ORM".equals(h.messageType()) || "OMI".equals(h.messageType()) || "ADT".equals(h.messageType())
                                ? Hl7Failure.UNSUPPORTED_EVENT
                                : Hl7Failure.UNSUPPORTED_MESSAGE_TYPE,
                        "message type " + h.type()
                                + " (MSH-9) is not supported; FluoroVault takes ORM^O01, OMI^O23, ADT^A08 and ADT^A40");
        }
    }

    private static boolean isUtf8(byte[] b) {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
