package org.fluorovault.hl7;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.v251.message.ACK;
import ca.uhn.hl7v2.model.v251.segment.ERR;
import ca.uhn.hl7v2.model.v251.segment.MSH;
import ca.uhn.hl7v2.parser.PipeParser;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;

/**
 * HL7 v2.5.1 ACKs: MSH answering the message's header, MSA (code, the message's control ID,
 * text) and, for AE/AR, an ERR with the HL7 table 0357 code, severity E and the text as user
 * message.
 */
final class Acks {
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private final String application;
    private final PipeParser parser;
    private final AtomicLong serial = new AtomicLong(System.currentTimeMillis() % 1_000_000_000L * 1000);

    /** What is known of the incoming message's header (any part may be null when it could not be read). */
    record Header(
            String sendingApplication,
            String sendingFacility,
            String receivingApplication,
            String receivingFacility,
            String controlId,
            String messageType,
            String trigger,
            String processingId,
            String version) {
        static final Header UNKNOWN = new Header(null, null, null, null, null, null, null, null, null);

        String type() {
            return messageType == null ? "(no message type)" : messageType + "^" + trigger;
        }
    }

    Acks(String application, PipeParser parser) {
        this.application = application;
        this.parser = parser;
    }

    String accept(Header h, String text) {
        return ack(h, "AA", 0, text);
    }

    String fail(Header h, Hl7Failure f) {
        return ack(h, f.ackCode(), f.errorCode(), f.getMessage());
    }

    private String ack(Header h, String code, int errorCode, String text) {
        try {
            ACK ack = new ACK();
            MSH msh = ack.getMSH();
            msh.getFieldSeparator().setValue("|");
            msh.getEncodingCharacters().setValue("^~\\&");
            msh.getSendingApplication()
                    .getNamespaceID()
                    .setValue(h.receivingApplication() != null ? h.receivingApplication() : application);
            msh.getSendingFacility().getNamespaceID().setValue(h.receivingFacility());
            msh.getReceivingApplication().getNamespaceID().setValue(h.sendingApplication());
            msh.getReceivingFacility().getNamespaceID().setValue(h.sendingFacility());
            msh.getDateTimeOfMessage().getTime().setValue(LocalDateTime.now().format(TS));
            msh.getMessageType().getMessageCode().setValue("ACK");
            msh.getMessageType().getTriggerEvent().setValue(h.trigger());
            msh.getMessageType().getMessageStructure().setValue("ACK");
            msh.getMessageControlID().setValue("FV" + serial.incrementAndGet());
            msh.getProcessingID().getProcessingID().setValue(h.processingId() != null ? h.processingId() : "P");
            msh.getVersionID().getVersionID().setValue("2.5.1");
            ack.getMSA().getAcknowledgmentCode().setValue(code);
            ack.getMSA().getMessageControlID().setValue(h.controlId());
            ack.getMSA().getTextMessage().setValue(text);
            if (!"AA".equals(code)) {
                ERR err = ack.getERR();
                err.getHL7ErrorCode().getIdentifier().setValue(Integer.toString(errorCode));
                err.getHL7ErrorCode().getNameOfCodingSystem().setValue("HL70357");
                err.getSeverity().setValue("E");
                err.getUserMessage().setValue(text);
            }
            return parser.encode(ack);
        } catch (HL7Exception e) {
            throw new IllegalStateException("cannot build an HL7 ACK", e);
        }
    }
}
