package org.fluorovault.hl7;

import static org.fluorovault.hl7.MllpClient.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fluorovault.procedure.Procedure;
import org.fluorovault.procedure.Procedure.Sex;
import org.fluorovault.procedure.ProcedureService;
import org.fluorovault.procedure.Status;
import org.fluorovault.support.ArchiveTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The HL7 listener over real TCP with MLLP framing: orders, ADT, ACKs, bad input, concurrency. */
class Hl7ListenerTest extends ArchiveTestBase {
    @Autowired
    Hl7Listener listener;

    @Autowired
    ProcedureService procedures;

    static String unique() {
        return UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    private MllpClient client() throws Exception {
        return new MllpClient(listener.port());
    }

    private MllpClient clientFrom(String localAddress) throws Exception {
        java.net.Socket s = new java.net.Socket();
        s.bind(new java.net.InetSocketAddress(java.net.InetAddress.getByName(localAddress), 0));
        s.connect(new java.net.InetSocketAddress("127.0.0.1", listener.port()), 5000);
        return new MllpClient(s);
    }

    private static String newOrder(String ctrl, String pid, String acc) throws Exception {
        return message(
                "orm-o01-new.hl7", "CTRL", ctrl, "PID", pid, "ACC", acc, "CPT", "62323", "WHEN", "20270315093000");
    }

    private Procedure only(String accession) {
        List<Procedure> found = procedures.findByAccession(accession);
        assertEquals(1, found.size(), "records with accession " + accession);
        return found.get(0);
    }

    @Test
    void ormNewCreatesAScheduledProcedureWithTheMappedFields() throws Exception {
        String pid = "H7-" + unique(), acc = "A" + unique(), ctrl = "C" + unique();
        try (MllpClient c = client()) {
            MllpClient.Ack ack = c.send(newOrder(ctrl, pid, acc));
            assertEquals("AA", ack.code(), ack.text());
            assertEquals(ctrl, ack.controlId());
            assertTrue(ack.message().contains("scheduled for accession " + acc), ack.message());
            assertEquals("ACK^O01^ACK", ack.field("MSH", 8));
            assertNull(ack.field("ERR", 0), "no ERR segment on AA");
        }
        Procedure p = only(acc);
        assertEquals(Status.SCHEDULED, p.status());
        assertEquals(pid, p.patient().id());
        assertEquals("Doe^Jane^Q", p.patient().name());
        assertEquals(LocalDate.of(1960, 4, 2), p.patient().birthDate());
        assertEquals(Sex.F, p.patient().sex());
        assertEquals("RP" + acc, p.data().requestedProcedureId());
        assertEquals(LocalDateTime.of(2027, 3, 15, 9, 30), p.data().scheduledAt());
        assertEquals("62323", p.cptCode());
        assertEquals("Smith^Ann", p.data().physician().name());
        assertEquals("1234567893", p.data().physician().npi());
        assertEquals(List.of("M54.16", "M48.062"), p.data().diagnoses());
        assertEquals("XA", p.data().modality());
        assertEquals(List.of("HL7 ORM^O01 " + ctrl), procedures.changeReasons(p.id()));
        assertEquals("hl7 RIS", p.updatedBy());
    }

    @Test
    void omiNewTakesAccessionModalityAndStationFromIpcAndTimeFromTq1() throws Exception {
        String pid = "H7-" + unique(), acc = "O" + unique(), ctrl = "C" + unique();
        try (MllpClient c = client()) {
            MllpClient.Ack ack =
                    c.send(message("omi-o23-new.hl7", "CTRL", ctrl, "PID", pid, "ACC", acc, "WHEN", "202703161400"));
            assertEquals("AA", ack.code(), ack.text());
            assertEquals("ACK^O23^ACK", ack.field("MSH", 8));
        }
        Procedure p = only(acc);
        assertEquals("RP" + acc, p.data().requestedProcedureId());
        assertEquals(LocalDateTime.of(2027, 3, 16, 14, 0), p.data().scheduledAt());
        assertEquals("RF", p.data().modality());
        assertEquals("CARM2", p.data().scheduledStationAeTitle());
        assertEquals("Roe^Rick", p.patient().name());
        assertEquals(List.of("M54.17"), p.data().diagnoses());
        assertNull(p.data().physician());
    }

    @Test
    void changeThenCancelMakeNewVersionsAndADuplicateOrderIsRefused() throws Exception {
        String pid = "H7-" + unique(), acc = "X" + unique();
        try (MllpClient c = client()) {
            assertEquals("AA", c.send(newOrder("N1" + acc, pid, acc)).code());
            MllpClient.Ack dup = c.send(newOrder("N2" + acc, pid, acc));
            assertEquals("AE", dup.code(), dup.text());
            assertEquals("N2" + acc, dup.controlId());
            assertTrue(dup.message().contains("accession number " + acc + " is already procedure"), dup.message());
            assertEquals("205", dup.errorCode());

            MllpClient.Ack changed = c.send(message(
                    "orm-o01-change.hl7", "CTRL", "XO" + acc, "PID", pid, "ACC", acc, "WHEN", "20270320080000"));
            assertEquals("AA", changed.code(), changed.text());
            MllpClient.Ack cancelled =
                    c.send(message("orm-o01-cancel.hl7", "CTRL", "CA" + acc, "PID", pid, "ACC", acc));
            assertEquals("AA", cancelled.code(), cancelled.text());
            assertTrue(cancelled.message().endsWith("is CANCELLED"), cancelled.message());
            MllpClient.Ack changeCancelled = c.send(message(
                    "orm-o01-change.hl7", "CTRL", "XO2" + acc, "PID", pid, "ACC", acc, "WHEN", "20270321080000"));
            assertEquals("AE", changeCancelled.code());
            assertTrue(
                    changeCancelled.message().contains("is CANCELLED; only a SCHEDULED procedure can be changed"),
                    changeCancelled.message());
        }
        Procedure p = only(acc);
        assertEquals(Status.CANCELLED, p.status());
        assertEquals(3, p.version());
        assertEquals(LocalDateTime.of(2027, 3, 20, 8, 0), p.data().scheduledAt());
        assertEquals(List.of("M54.16"), p.data().diagnoses());
        assertEquals(
                List.of("HL7 ORM^O01 N1" + acc, "HL7 ORM^O01 XO" + acc, "HL7 ORM^O01 CA" + acc),
                procedures.changeReasons(p.id()));
    }

    @Test
    void cancelOfAnUnknownAccessionIsAnError() throws Exception {
        String acc = "U" + unique();
        try (MllpClient c = client()) {
            MllpClient.Ack ack =
                    c.send(message("orm-o01-cancel.hl7", "CTRL", "CA" + acc, "PID", "H7-" + unique(), "ACC", acc));
            assertEquals("AE", ack.code());
            assertEquals("no procedure has accession number " + acc, ack.message());
            assertEquals("204", ack.errorCode());
        }
    }

    @Test
    void a08UpdatesEveryRecordOfThePatientAndA40MergesWithHistory() throws Exception {
        String pid = "H7-" + unique(),
                other = "H7-" + unique(),
                a1 = "D" + unique(),
                a2 = "D" + unique(),
                a3 = "D" + unique();
        try (MllpClient c = client()) {
            assertEquals("AA", c.send(newOrder("N" + a1, pid, a1)).code());
            assertEquals("AA", c.send(newOrder("N" + a2, pid, a2)).code());
            assertEquals("AA", c.send(newOrder("N" + a3, other, a3)).code());
            MllpClient.Ack a08 = c.send(message("adt-a08.hl7", "CTRL", "U" + a1, "PID", pid));
            assertEquals("AA", a08.code(), a08.text());
            assertEquals("2 procedure record(s) of patient " + pid + " updated", a08.message());
            MllpClient.Ack a40 = c.send(message("adt-a40.hl7", "CTRL", "M" + a1, "PID", other, "OLD", pid));
            assertEquals("AA", a40.code(), a40.text());
            assertEquals("2 procedure record(s) of patient " + pid + " merged into patient " + other, a40.message());
        }
        Procedure p = only(a1);
        assertEquals(other, p.patient().id());
        assertEquals("Doe^Jane^Q", p.patient().name());
        assertEquals(3, p.version());
        List<Procedure> history = procedures.versions(p.id());
        assertEquals(pid, history.get(1).patient().id());
        assertEquals("Doe-Smith^Jane^Q", history.get(1).patient().name());
        assertEquals(LocalDate.of(1960, 4, 3), history.get(1).patient().birthDate());
        assertEquals(
                List.of("HL7 ORM^O01 N" + a1, "HL7 ADT^A08 U" + a1, "HL7 ADT^A40 M" + a1),
                procedures.changeReasons(p.id()));
        assertTrue(procedures.forPatient(pid).isEmpty());
        assertEquals(3, procedures.forPatient(other).size());
    }

    @Test
    void badMessagesAreAnsweredWithWhatIsWrongAndNothingIsStored() throws Exception {
        String pid = "H7-" + unique();
        try (MllpClient c = client()) {
            String acc = "B" + unique();
            String noPid = newOrder("C1", pid, acc).replaceAll("PID\\|[^\r]*\r", "");
            MllpClient.Ack ack = c.send(noPid);
            assertEquals("AE", ack.code());
            assertEquals("C1", ack.controlId());
            assertEquals("PID segment is missing", ack.message());
            assertEquals("100", ack.errorCode());
            assertEquals("PID segment is missing", ack.field("ERR", 8));

            ack = c.send(message(
                    "orm-o01-new.hl7", "CTRL", "C2", "PID", pid, "ACC", acc, "CPT", "62999", "WHEN", "20270315093000"));
            assertEquals("AE", ack.code());
            assertTrue(ack.message().startsWith("cptCode '62999' is not known"), ack.message());

            ack = c.send(message(
                    "orm-o01-new.hl7", "CTRL", "C3", "PID", pid, "ACC", acc, "CPT", "62323", "WHEN", "20270230093000"));
            assertEquals("AE", ack.code());
            assertTrue(
                    ack.message()
                            .startsWith("OBR-36 (scheduled date/time) '20270230093000' is not a possible date/time"),
                    ack.message());

            ack = c.send(newOrder("C4", pid, acc).replace("|M54.16^", "|M5416^").replace("^I10\rDG1|2", "^I9\rDG1|2"));
            assertEquals("AE", ack.code());
            assertEquals("DG1-3 'M5416' is coded in 'I9', not ICD-10-CM (I10)", ack.message());

            ack = c.send(newOrder("C5", pid, acc).replace("|2.5.1", "|2.3"));
            assertEquals("AR", ack.code());
            assertEquals("C5", ack.controlId());
            assertTrue(ack.message().startsWith("HL7 version '2.3' (MSH-12) is not supported"), ack.message());
            assertEquals("203", ack.errorCode());

            ack = c.send(newOrder("C6", pid, acc).replace("ORM^O01^ORM_O01", "ORU^R01^ORU_R01"));
            assertEquals("AR", ack.code());
            assertTrue(ack.message().startsWith("message type ORU^R01 (MSH-9) is not supported"), ack.message());
            assertEquals("200", ack.errorCode());

            ack = c.send("this is not HL7 at all");
            assertEquals("AR", ack.code());
            assertEquals("", ack.controlId());
            assertEquals("not an HL7 v2 message: it does not start with an MSH segment", ack.message());

            String twoOrders = newOrder("C7", pid, acc) + "\r" + "ORC|NW|PL2|F2||SC";
            ack = c.send(twoOrders);
            assertEquals("AE", ack.code());
            assertTrue(ack.message().contains("2 ORC segments"), ack.message());

            assertTrue(procedures.findByAccession(acc).isEmpty(), "nothing stored for the bad messages");
            assertTrue(procedures.forPatient(pid).isEmpty());
            // the same connection still serves a good message
            assertEquals("AA", c.send(newOrder("C8", pid, acc)).code());
        }
        assertEquals(1, procedures.forPatient(pid).size());
    }

    @Test
    void framingFaultsAreAnsweredAndTheServerKeepsServing() throws Exception {
        String pid = "H7-" + unique();
        try (MllpClient c = client()) {
            // garbage outside any frame is skipped; the next framed message is answered
            c.writeRaw("\u0000\u00ffgarbage before the frame\r\n".getBytes(StandardCharsets.ISO_8859_1));
            String acc = "F" + unique();
            assertEquals("AA", c.send(newOrder("G1", pid, acc)).code());
            // an end block not followed by CR: answered AR, the connection goes on
            byte[] content = newOrder("G2", pid, "F" + unique()).getBytes(StandardCharsets.UTF_8);
            byte[] bad = MllpClient.frame(content);
            bad[bad.length - 1] = 'x';
            c.writeRaw(bad);
            MllpClient.Ack ack = c.read();
            assertEquals("AR", ack.code());
            assertEquals("MLLP framing error: end block 0x1C is followed by 0x78, not 0x0D", ack.message());
            assertEquals("AA", c.send(newOrder("G3", pid, "F" + unique())).code());
            // a start block inside a message: answered AR and the connection is closed
            c.writeRaw(new byte[] {0x0B, 'M', 'S', 'H', 0x0B});
            ack = c.read();
            assertEquals("AR", ack.code());
            assertTrue(
                    ack.message().startsWith("MLLP framing error: start block 0x0B inside a message"), ack.message());
            assertNull(c.read(), "connection closed after losing the frame boundaries");
        }
        try (MllpClient c = client()) {
            assertEquals("AA", c.send(newOrder("G4", pid, "F" + unique())).code(), "a new connection is served");
        }
        assertEquals(3, procedures.forPatient(pid).size());
    }

    @Test
    void severalClientsAtOnceAndOneRecordForAnOrderSentTwiceConcurrently() throws Exception {
        String pid = "H7-" + unique(), shared = "S" + unique();
        int clients = 4;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Callable<List<String>>> jobs = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                int n = i;
                jobs.add(() -> {
                    List<String> codes = new ArrayList<>();
                    try (MllpClient c = client()) {
                        codes.add(
                                c.send(newOrder("P" + n + shared, pid, shared)).code());
                        for (int k = 0; k < 3; k++)
                            codes.add(c.send(newOrder("Q" + n + k, pid, "Q" + unique()))
                                    .code());
                    }
                    return codes;
                });
            }
            List<String> sharedCodes = new ArrayList<>();
            for (Future<List<String>> f : pool.invokeAll(jobs)) {
                List<String> codes = f.get();
                sharedCodes.add(codes.get(0));
                assertEquals(List.of("AA", "AA", "AA"), codes.subList(1, 4));
            }
            assertEquals(
                    1,
                    sharedCodes.stream().filter("AA"::equals).count(),
                    "one NW of the shared accession wins: " + sharedCodes);
            assertEquals(clients - 1, sharedCodes.stream().filter("AE"::equals).count(), sharedCodes.toString());
        } finally {
            pool.shutdownNow();
        }
        assertNotNull(only(shared));
        assertEquals(1 + clients * 3, procedures.forPatient(pid).size());
    }

    @Test
    void connectionsBeyondTheLimitAreClosedAndOversizedMessagesRefused() throws Exception {
        String pid = "H7-" + unique();
        List<MllpClient> held = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) { // fluorovault.hl7.max-connections default, two from each of four addresses
                MllpClient c = clientFrom("127.0.0." + (1 + i % 4)); // (at most four come from one address)
                held.add(c);
                assertEquals(
                        "AA", c.send(newOrder("L" + i, pid, "L" + unique())).code(), "connection " + i + " served");
            }
            try (MllpClient extra = clientFrom("127.0.0.9")) {
                assertNull(extra.read(), "the 9th connection is closed without an answer");
            }
        } finally {
            for (MllpClient c : held) c.close();
        }
        assertTrue(listener.awaitIdle(10_000), "the slots are free again");
        try (MllpClient c = client()) {
            String huge = newOrder("BIG", pid, "L" + unique()) + "\rNTE|1||" + "x".repeat(1_100_000);
            MllpClient.Ack ack = c.send(huge);
            assertEquals("AR", ack.code());
            assertTrue(ack.message().endsWith("bytes is longer than 1048576 bytes"), ack.message());
            assertEquals("AA", c.send(newOrder("AFTER", pid, "L" + unique())).code(), "the connection goes on");
        }
        assertEquals(9, procedures.forPatient(pid).size());
    }

    @Test
    void cancelOfAPerformedProcedureIsAnErrorAndChangesNothing() throws Exception {
        String pid = "H7-" + unique(), acc = "P" + unique();
        try (MllpClient c = client()) {
            assertEquals("AA", c.send(newOrder("N" + acc, pid, acc)).code());
            Procedure p = only(acc);
            procedures.update(
                    p.id(),
                    new org.fluorovault.procedure.ProcedureData(
                            p.patient(),
                            acc,
                            p.data().requestedProcedureId(),
                            null,
                            p.data().scheduledAt(),
                            LocalDateTime.of(2026, 1, 5, 10, 0),
                            "62323",
                            null,
                            List.of("L4-L5"),
                            null,
                            null,
                            null,
                            null,
                            p.data().diagnoses(),
                            null,
                            null,
                            List.of(),
                            null,
                            null),
                    null,
                    "tech");
            procedures.setStatus(p.id(), Status.PERFORMED, "tech");
            MllpClient.Ack ack = c.send(message("orm-o01-cancel.hl7", "CTRL", "CA" + acc, "PID", pid, "ACC", acc));
            assertEquals("AE", ack.code());
            assertEquals(
                    "procedure " + p.id() + " is PERFORMED; only a SCHEDULED procedure can be cancelled",
                    ack.message());
            assertEquals(Status.PERFORMED, only(acc).status());
            assertEquals(3, only(acc).version());
        }
    }

    @Test
    void theListenerIsRestartable() throws Exception {
        int before = listener.port();
        listener.stop();
        assertEquals(-1, listener.port());
        assertTrue(!listener.isRunning());
        listener.start();
        assertTrue(listener.port() > 0, "listening again after a restart (was " + before + ")");
        try (MllpClient c = client()) {
            assertEquals(
                    "AA",
                    c.send(newOrder("R1", "H7-" + unique(), "R" + unique())).code());
        }
    }
}
