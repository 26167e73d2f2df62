package org.fluorovault.hl7;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import org.fluorovault.support.ArchiveTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Idle MLLP connections (never a byte) from one address used to take all eight connection slots
 * for the five-minute idle timeout: now that address gets four (the default per address), the
 * RIS keeps its place, and the idle ones are closed by the first-byte timer (10 s by default).
 */
class Hl7ConnectionLimitsTest extends ArchiveTestBase {
    @Autowired
    Hl7Listener listener;

    @Test
    void idleSocketsFromOneAddressDoNotBlockTheRis() throws Exception {
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) { // as many as fluorovault.hl7.max-connections
                Socket s = new Socket();
                s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
                s.connect(new InetSocketAddress("127.0.0.1", listener.port()), 5000);
                idle.add(s);
            }
            long t0 = System.nanoTime();
            String u = Hl7ListenerTest.unique();
            try (MllpClient ris = new MllpClient(listener.port())) {
                MllpClient.Ack ack = ris.send(MllpClient.message(
                        "orm-o01-new.hl7",
                        "CTRL",
                        "L" + u,
                        "PID",
                        "LIM-" + u,
                        "ACC",
                        "AL" + u,
                        "CPT",
                        "62323",
                        "WHEN",
                        "20270315093000"));
                assertEquals("AA", ack.code());
            }
            assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "answered while the idle connections are open");
            for (Socket s : idle) {
                s.setSoTimeout(30_000);
                try (InputStream in = s.getInputStream()) {
                    assertEquals(-1, in.read(), "closed without an answer");
                } catch (SocketTimeoutException e) {
                    throw new AssertionError("an idle HL7 connection stayed open past the first-byte timer", e);
                } catch (IOException reset) {
                    // closed as well
                }
            }
        } finally {
            for (Socket s : idle) s.close();
        }
    }
}
