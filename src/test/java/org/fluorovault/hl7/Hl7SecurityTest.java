package org.fluorovault.hl7;

import static org.fluorovault.hl7.MllpClient.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.fluorovault.audit.AuditTrail;
import org.fluorovault.procedure.Procedure;
import org.fluorovault.procedure.ProcedureData;
import org.fluorovault.procedure.ProcedureService;
import org.fluorovault.procedure.Status;
import org.fluorovault.security.Role;
import org.fluorovault.support.ArchiveTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HL7 at the network edge: messages from addresses or senders not on the allow-lists are refused
 * (AR) and recorded as security alerts; applied messages are in the audit trail; a demographics
 * update or merge of a SIGNED record is held for an ADMIN instead of reopening the record.
 */
class Hl7SecurityTest extends ArchiveTestBase {
    static final String PW = "hl7-security-pw";
    final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    Hl7Listener listener;

    @Autowired
    ProcedureService procedures;

    @Autowired
    HeldChanges held;

    @Autowired
    AuditTrail audit;

    static String unique() {
        return UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    private static String newOrder(String ctrl, String pid, String acc) throws Exception {
        return message(
                "orm-o01-new.hl7", "CTRL", ctrl, "PID", pid, "ACC", acc, "CPT", "62323", "WHEN", "20260315093000");
    }

    /** A record ordered over HL7, then performed, reviewed and signed by people. */
    private Procedure signed(MllpClient c, String pid) throws Exception {
        String acc = "S" + unique();
        assertEquals("AA", c.send(newOrder("N" + acc, pid, acc)).code());
        Procedure p = procedures.findByAccession(acc).get(0);
        ProcedureData d = p.data();
        ProcedureData performed = new ProcedureData(
                d.patient(),
                d.accessionNumber(),
                d.requestedProcedureId(),
                d.requestedProcedureDescription(),
                d.scheduledAt(),
                d.scheduledAt(),
                d.cptCode(),
                d.region(),
                List.of("L4-L5"),
                Procedure.Approach.INTERLAMINAR,
                d.laterality(),
                d.physician(),
                d.facility(),
                d.diagnoses(),
                d.contrastContraindication(),
                d.medications(),
                d.scores(),
                d.modality(),
                d.scheduledStationAeTitle());
        procedures.update(p.id(), performed, null, "tech");
        procedures.setStatus(p.id(), Status.PERFORMED, "tech");
        procedures.setStatus(p.id(), Status.REVIEWED, "tech");
        Procedure s = procedures.sign(p.id(), null, "doc");
        assertEquals(Status.SIGNED, s.status());
        return s;
    }

    private List<String> trail(String query) throws Exception {
        HttpResponse<byte[]> r = getAsAdmin("/api/audit?size=200&" + query, null);
        assertEquals(200, r.statusCode());
        List<String> out = new ArrayList<>();
        for (JsonNode e :
                json.readTree(new String(r.body(), StandardCharsets.UTF_8)).get("items")) {
            out.add(e.get("eventId").asString() + " " + e.get("action").asString() + " "
                    + e.get("outcome").asString() + " " + e.get("user").asString() + " @"
                    + e.get("sourceAddress").asString() + " " + e.get("detail").asString());
        }
        return out;
    }

    @Test
    void a08OfASignedRecordIsHeldForAnAdminAndEveryMessageIsAudited() throws Exception {
        String pid = "HS-" + unique();
        Procedure sig;
        Procedure open;
        String ctrl = "U" + unique();
        try (MllpClient c = client()) {
            sig = signed(c, pid);
            String acc = "O" + unique();
            assertEquals("AA", c.send(newOrder("N" + acc, pid, acc)).code());
            open = procedures.findByAccession(acc).get(0);
            MllpClient.Ack a08 = c.send(message("adt-a08.hl7", "CTRL", ctrl, "PID", pid));
            assertEquals("AA", a08.code(), a08.text());
            assertTrue(a08.message().contains("1 procedure record(s) of patient " + pid + " updated"), a08.message());
            assertTrue(
                    a08.message().contains("1 SIGNED record(s) [" + sig.id() + "] held for a person"), a08.message());
        }
        // the signed record is untouched: still SIGNED, same version, old name
        Procedure after = procedures.find(sig.id()).orElseThrow();
        assertEquals(Status.SIGNED, after.status());
        assertEquals(sig.version(), after.version());
        assertEquals("Doe^Jane^Q", after.patient().name());
        assertEquals(
                "Doe-Smith^Jane^Q",
                procedures.find(open.id()).orElseThrow().patient().name());

        // both the applied change and the hold are in the audit trail, with the sender and its address
        List<String> events = trail("procedureId=" + sig.id());
        assertTrue(
                events.stream()
                        .anyMatch(e -> e.startsWith("110111 E 0 hl7 RIS @127.0.0.1 HL7 ADT^A08 " + ctrl
                                + " from RIS^SPINE_CTR at 127.0.0.1: change of SIGNED record held")),
                events.toString());
        assertTrue(trail("procedureId=" + open.id()).stream()
                .anyMatch(e -> e.startsWith("110111 U 0 hl7 RIS @127.0.0.1 HL7 ADT^A08 " + ctrl)));
        assertTrue(trail("procedureId=" + open.id()).stream()
                .anyMatch(e -> e.startsWith("110111 C 0 hl7 RIS @127.0.0.1 HL7 ORM^O01")));

        // the admin sees the held change; others may not
        ensureUser("hl7tech", PW, Role.TECHNOLOGIST);
        assertEquals(
                403,
                request("GET", "/api/admin/hl7/held", "hl7tech", PW, null, null).statusCode());
        assertEquals(
                403,
                request("POST", "/api/admin/hl7/held/1/apply", "hl7tech", PW, "application/json", "{}")
                        .statusCode());
        JsonNode list = json.readTree(
                new String(getAsAdmin("/api/admin/hl7/held?size=1000", null).body(), StandardCharsets.UTF_8));
        JsonNode mine = null;
        for (JsonNode h : list) if (h.get("procedureId").asLong() == sig.id()) mine = h;
        assertNotNull(mine, list.toString());
        assertEquals("HELD", mine.get("status").asString());
        assertEquals("ADT^A08", mine.get("messageType").asString());
        assertEquals(ctrl, mine.get("controlId").asString());
        assertEquals("RIS^SPINE_CTR", mine.get("sender").asString());
        assertEquals("Doe-Smith^Jane^Q", mine.get("patient").get("name").asString());
        long heldId = mine.get("id").asLong();

        // applying it is an audited ADMIN action; the record must be signed again
        HttpResponse<String> applied = postJson(
                "/api/admin/hl7/held/" + heldId + "/apply",
                "admin",
                ADMIN_PASSWORD,
                "{\"reason\":\"name change confirmed by registration\"}");
        assertEquals(200, applied.statusCode(), applied.body());
        Procedure released = procedures.find(sig.id()).orElseThrow();
        assertEquals(Status.REVIEWED, released.status());
        assertEquals("Doe-Smith^Jane^Q", released.patient().name());
        assertEquals(
                409,
                postJson("/api/admin/hl7/held/" + heldId + "/discard", "admin", ADMIN_PASSWORD, "{}")
                        .statusCode());
        assertEquals(
                404,
                postJson("/api/admin/hl7/held/987654321/apply", "admin", ADMIN_PASSWORD, "{}")
                        .statusCode());
        assertTrue(trail("procedureId=" + sig.id()).stream()
                .anyMatch(e -> e.startsWith("110111 U 0 admin @127.0.0.1 held HL7 change " + heldId)
                        && e.contains("applied")
                        && e.endsWith("name change confirmed by registration")));
    }

    @Test
    void aMergeOfASignedRecordIsHeldAndCanBeDiscarded() throws Exception {
        String pid = "HM-" + unique(), into = "HN-" + unique();
        Procedure sig;
        try (MllpClient c = client()) {
            sig = signed(c, pid);
            MllpClient.Ack a40 = c.send(message("adt-a40.hl7", "CTRL", "M" + unique(), "PID", into, "OLD", pid));
            assertEquals("AA", a40.code(), a40.text());
            assertTrue(a40.message().startsWith("0 procedure record(s) of patient " + pid + " merged"), a40.message());
        }
        assertEquals(pid, procedures.find(sig.id()).orElseThrow().patient().id());
        HeldChange h = held.list(HeldChange.Status.HELD, 0, 1000).stream()
                .filter(x -> x.procedureId() == sig.id())
                .findFirst()
                .orElseThrow();
        assertEquals(pid, h.currentPatientId());
        assertEquals(into, h.patient().id());
        HttpResponse<String> discarded =
                postJson("/api/admin/hl7/held/" + h.id() + "/discard", "admin", ADMIN_PASSWORD, null);
        assertEquals(200, discarded.statusCode(), discarded.body());
        assertTrue(discarded.body().contains("\"DISCARDED\""), discarded.body());
        Procedure after = procedures.find(sig.id()).orElseThrow();
        assertEquals(Status.SIGNED, after.status());
        assertEquals(pid, after.patient().id());
        assertTrue(trail("procedureId=" + sig.id()).stream()
                .anyMatch(e -> e.startsWith("110111 E 0 admin @127.0.0.1 held HL7 change " + h.id())
                        && e.contains("discarded")));
    }

    /** The allow-lists, checked by the receiver the listener uses, with a real audit trail. */
    @Test
    void messagesFromOtherAddressesOrSendersAreRefusedAndRecordedAsSecurityAlerts() throws Exception {
        PipeParser parser = new DefaultHapiContext(ValidationContextFactory.noValidation()).getPipeParser();
        Hl7Receiver receiver = new Hl7Receiver(
                parser,
                new Acks("FLUOROVAULT", parser),
                procedures,
                new Hl7Access(List.of("10.20.0.0/16", "192.0.2.10"), List.of("RIS^SPINE_CTR", "EPIC")),
                held,
                audit);
        String pid = "HR-" + unique();

        String acc1 = "R" + unique(), ctrl1 = "R1" + acc1;
        MllpClient.Ack ack = answer(receiver, newOrder(ctrl1, pid, acc1), "198.51.100.7");
        assertEquals("AR", ack.code(), ack.text());
        assertEquals(ctrl1, ack.controlId());
        assertEquals(
                "messages from address 198.51.100.7 are not accepted (fluorovault.hl7.allowed-addresses); nothing was stored",
                ack.message());
        assertTrue(procedures.findByAccession(acc1).isEmpty());

        String acc2 = "R" + unique(), ctrl2 = "R2" + acc2;
        ack = answer(receiver, newOrder(ctrl2, pid, acc2).replace("|RIS|SPINE_CTR|", "|RIS|OTHER_SITE|"), "10.20.3.4");
        assertEquals("AR", ack.code(), ack.text());
        assertTrue(
                ack.message().startsWith("sending application RIS^OTHER_SITE (MSH-3^MSH-4) is not accepted"),
                ack.message());
        assertTrue(procedures.findByAccession(acc2).isEmpty());

        List<String> alerts = trail("type=110113&user=hl7%20RIS");
        assertTrue(
                alerts.stream()
                        .anyMatch(e -> e.startsWith("110113 E 4 hl7 RIS @198.51.100.7 HL7 ORM^O01 " + ctrl1
                                + " from RIS^SPINE_CTR at 198.51.100.7 refused: messages from address 198.51.100.7")),
                alerts.toString());
        assertTrue(
                alerts.stream()
                        .anyMatch(e -> e.startsWith("110113 E 4 hl7 RIS @10.20.3.4 HL7 ORM^O01 " + ctrl2
                                + " from RIS^OTHER_SITE at 10.20.3.4 refused")),
                alerts.toString());

        // on both lists: applied (EPIC from any facility, an address in the block, or the single address)
        String acc3 = "R" + unique();
        assertEquals(
                "AA",
                answer(receiver, newOrder("R3" + acc3, pid, acc3), "10.20.255.1")
                        .code());
        String acc4 = "R" + unique();
        assertEquals(
                "AA",
                answer(
                                receiver,
                                newOrder("R4" + acc4, pid, acc4).replace("|RIS|SPINE_CTR|", "|EPIC|ANY|"),
                                "192.0.2.10")
                        .code());
        assertFalse(procedures.findByAccession(acc4).isEmpty());
    }

    private static MllpClient.Ack answer(Hl7Receiver r, String er7, String address) throws Exception {
        InetAddress a = InetAddress.getByName(address);
        byte[] out = r.answer(
                new MllpFrameReader.Frame(er7.getBytes(StandardCharsets.UTF_8), null, 0, false), address + ":40000", a);
        return new MllpClient.Ack(new String(out, StandardCharsets.UTF_8));
    }

    private MllpClient client() throws Exception {
        return new MllpClient(listener.port());
    }
}
