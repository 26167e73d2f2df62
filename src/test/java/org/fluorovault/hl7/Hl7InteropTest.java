package org.fluorovault.hl7;

import static org.fluorovault.hl7.MllpClient.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.fluorovault.procedure.Procedure;
import org.fluorovault.procedure.ProcedureService;
import org.fluorovault.procedure.Status;
import org.fluorovault.support.ArchiveTestBase;
import org.fluorovault.support.Peers;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/** An independent MLLP sender (python-hl7's mllp_send, Debian python3-hl7) against the HL7 listener. */
@Tag("interop")
class Hl7InteropTest extends ArchiveTestBase {
    @Autowired
    Hl7Listener listener;

    @Autowired
    ProcedureService procedures;

    @Test
    void mllpSendDeliversOrdersAndReadsTheAcks(@TempDir Path dir) throws Exception {
        Peers.require("mllp_send");
        String u = UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String pid = "IO-" + u, acc = "I" + u, bad = "J" + u;
        // three messages in one file, one per MSH, lines ended by LF (mllp_send --loose makes them CR)
        String file = String.join(
                        "\n",
                        message(
                                "orm-o01-new.hl7",
                                "CTRL",
                                "IN" + u,
                                "PID",
                                pid,
                                "ACC",
                                acc,
                                "CPT",
                                "62323",
                                "WHEN",
                                "20270401100000"),
                        message(
                                "orm-o01-new.hl7",
                                "CTRL",
                                "IB" + u,
                                "PID",
                                pid,
                                "ACC",
                                bad,
                                "CPT",
                                "99999",
                                "WHEN",
                                "20270401100000"),
                        message("orm-o01-cancel.hl7", "CTRL", "IC" + u, "PID", pid, "ACC", acc))
                .replace("\r", "\n");
        Path in = Files.writeString(dir.resolve("orders.hl7"), file, StandardCharsets.UTF_8);

        Peers.Result r = Peers.run(
                dir,
                60,
                "mllp_send",
                "--loose",
                "--port",
                Integer.toString(listener.port()),
                "--file",
                in.toString(),
                "127.0.0.1");
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("MSA|AA|IN" + u + "|procedure "), r.output());
        assertTrue(r.output().contains("MSA|AE|IB" + u + "|cptCode '99999' is not known"), r.output());
        assertTrue(r.output().contains("MSA|AA|IC" + u + "|"), r.output());

        List<Procedure> found = procedures.findByAccession(acc);
        assertEquals(1, found.size());
        assertEquals(Status.CANCELLED, found.get(0).status());
        assertTrue(procedures.findByAccession(bad).isEmpty());
    }
}
