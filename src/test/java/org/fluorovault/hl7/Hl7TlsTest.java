package org.fluorovault.hl7;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.fluorovault.procedure.ProcedureService;
import org.fluorovault.security.DicomTls;
import org.fluorovault.security.DicomTlsProperties;
import org.fluorovault.support.ArchiveTestBase;
import org.fluorovault.support.Peers;
import org.fluorovault.support.TestCerts;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * MLLP over TLS with a client certificate required: an order sent by a client the archive trusts
 * is answered and recorded; a client without a certificate, and one speaking plain MLLP to the TLS
 * port, get nothing, and the listener goes on serving.
 */
@Tag("interop") // openssl makes the keys
class Hl7TlsTest extends ArchiveTestBase {
    static final String PASSWORD = "hl7-tls-secret";
    static Path certs;

    @DynamicPropertySource
    static void tls(DynamicPropertyRegistry r) throws Exception {
        certs = TestCerts.make(PASSWORD);
        r.add("fluorovault.hl7.port", () -> "0");
        r.add("fluorovault.hl7.tls", () -> "true");
        r.add("fluorovault.hl7.idle-timeout", () -> "3s"); // openssl s_client waits for the server to close
        TestCerts.serverIdentity(r, certs, PASSWORD);
    }

    @Autowired
    Hl7Listener listener;

    @Autowired
    ProcedureService procedures;

    /** A client socket that trusts the server, with the client's key or without any. */
    private SSLSocket connect(boolean withCertificate) throws Exception {
        if (withCertificate) {
            DicomTls client = new DicomTls(new DicomTlsProperties(
                    false,
                    0,
                    certs.resolve("client.p12"),
                    PASSWORD,
                    "PKCS12",
                    certs.resolve("client-trust.p12"),
                    PASSWORD,
                    List.of("TLSv1.3", "TLSv1.2"),
                    List.of(),
                    false));
            return (SSLSocket) client.socketFactory().createSocket("127.0.0.1", listener.port());
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(certs.resolve("client-trust.p12"))) {
            trust.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", listener.port());
    }

    private static String order(String ctrl, String acc) throws IOException {
        return MllpClient.message(
                "orm-o01-new.hl7",
                "CTRL",
                ctrl,
                "PID",
                "TLS-" + acc,
                "ACC",
                acc,
                "CPT",
                "62323",
                "WHEN",
                "20270315093000");
    }

    @Test
    void aTrustedClientsOrderIsAnsweredAndRecorded() throws Exception {
        String acc = "T" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        try (MllpClient c = new MllpClient(connect(true))) {
            MllpClient.Ack ack = c.send(order("C" + acc, acc));
            assertEquals("AA", ack.code(), ack.text());
        }
        assertEquals(1, procedures.findByAccession(acc).size());
    }

    @Test
    void noCertificateAndPlainMllpGetNothingAndTheListenerServesOn() throws Exception {
        String acc = "N" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        assertThrows(IOException.class, () -> {
            try (MllpClient c = new MllpClient(connect(false))) {
                c.send(order("C" + acc, acc)); // the handshake fails: the server asks for a certificate
            }
        });
        try (MllpClient plain = new MllpClient(listener.port())) {
            MllpClient.Ack ack;
            try {
                ack = plain.send(order("P" + acc, acc));
            } catch (IOException e) {
                ack = null; // reset by the server: as good as no answer
            }
            assertNull(ack, "no answer to plain MLLP on the TLS port");
        }
        assertEquals(0, procedures.findByAccession(acc).size(), "nothing recorded");
        String ok = "O" + acc;
        try (MllpClient c = new MllpClient(connect(true))) {
            assertEquals("AA", c.send(order("C" + ok, ok)).code());
        }
    }

    /** openssl's s_client as an independent TLS peer: it presents the client certificate and gets the ACK. */
    @Test
    void opensslSClientGetsItsAnswer() throws Exception {
        String acc = "S" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        Path msg = certs.resolve(acc + ".mllp");
        Files.write(msg, MllpClient.frame(order("C" + acc, acc).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        Peers.Result r = Peers.run(
                certs,
                60,
                List.of(
                        "sh",
                        "-c",
                        "openssl s_client -quiet -connect 127.0.0.1:" + listener.port()
                                + " -cert client.crt -key client.key -CAfile server.crt -verify_return_error < "
                                + msg.getFileName()));
        assertTrue(r.output().contains("MSA|AA|C" + acc), r.output());
        assertEquals(1, procedures.findByAccession(acc).size());
    }
}
