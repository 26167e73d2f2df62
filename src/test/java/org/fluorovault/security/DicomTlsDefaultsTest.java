package org.fluorovault.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.fluorovault.support.Peers;
import org.fluorovault.support.TestCerts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The TLS defaults without the rest of the archive: no trust store means no client certificate is
 * trusted (seen by openssl s_client: the server names no acceptable CA), only ECDHE with AEAD
 * suites are offered, and outgoing connections check the peer's host name.
 */
@Tag("interop")
class DicomTlsDefaultsTest {
    static final String PASSWORD = "tls-defaults-secret";
    static Path certs;

    @BeforeAll
    static void keys() throws Exception {
        certs = TestCerts.make(PASSWORD);
    }

    private static DicomTls tls(String who, String trust, boolean needClientAuth) {
        return new DicomTls(new DicomTlsProperties(
                true,
                0,
                certs.resolve(who + ".p12"),
                PASSWORD,
                "PKCS12",
                trust == null ? null : certs.resolve(trust),
                PASSWORD,
                List.of("TLSv1.3", "TLSv1.2"),
                List.of(),
                needClientAuth));
    }

    /** A TLS server on a free loopback port that completes one handshake per connection and writes one byte. */
    private static ServerSocket serve(DicomTls server) throws IOException {
        ServerSocket ss = server.serverSocketFactory().createServerSocket();
        ss.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        Thread t = new Thread(
                () -> {
                    while (!ss.isClosed()) {
                        try (Socket s = ss.accept()) {
                            s.setSoTimeout(10_000);
                            ((SSLSocket) s).startHandshake();
                            s.getOutputStream().write('x');
                            s.getOutputStream().flush();
                            s.getInputStream().read();
                        } catch (IOException e) {
                            // a refused handshake or a closed client: next connection
                        }
                    }
                },
                "tls-defaults-test-server");
        t.setDaemon(true);
        t.start();
        return ss;
    }

    private static Peers.Result sClient(int port, String... extra) throws Exception {
        String cmd = "openssl s_client -connect 127.0.0.1:" + port + " " + String.join(" ", extra) + " < /dev/null";
        return Peers.run(certs, 30, "sh", "-c", cmd);
    }

    @Test
    void withoutATrustStoreNoClientCertificateAuthorityIsAccepted() throws Exception {
        Peers.require("openssl");
        try (ServerSocket ss = serve(tls("server", null, true))) {
            Peers.Result r = sClient(ss.getLocalPort(), "-tls1_2", "-cert", "client.crt", "-key", "client.key");
            // the JVM's public CAs used to be listed here: any certificate they issued made a valid client
            assertTrue(r.output().contains("No client certificate CA names sent"), r.output());
            assertFalse(r.output().contains("Acceptable client certificate CA names"), r.output());
        }
    }

    @Test
    void onlyEcdheWithAeadSuitesAreOffered() throws Exception {
        Peers.require("openssl");
        try (ServerSocket ss = serve(tls("server", "server-trust.p12", false))) {
            for (String weak :
                    List.of("ECDHE-RSA-AES128-SHA", "ECDHE-RSA-AES256-SHA384", "AES128-SHA", "AES128-GCM-SHA256")) {
                Peers.Result r = sClient(ss.getLocalPort(), "-tls1_2", "-cipher", weak);
                assertFalse(r.output().contains("Cipher is " + weak), weak + " negotiated: " + r.output());
            }
            Peers.Result ok = sClient(ss.getLocalPort(), "-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256");
            assertTrue(ok.output().contains("Cipher is ECDHE-RSA-AES128-GCM-SHA256"), ok.output());
            Peers.Result tls13 = sClient(ss.getLocalPort(), "-tls1_3");
            assertTrue(tls13.output().contains("TLSv1.3"), tls13.output());
        }
        assertTrue(DicomTls.strongSuite("TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"));
        assertFalse(DicomTls.strongSuite("TLS_RSA_WITH_AES_128_GCM_SHA256"));
        assertFalse(DicomTls.strongSuite("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"));
    }

    private static void handshake(DicomTls client, String host, int port) throws Exception {
        try (Socket s = client.socketFactory().createSocket()) {
            s.connect(new InetSocketAddress(host, port), 5000);
            s.setSoTimeout(10_000);
            ((SSLSocket) s).startHandshake();
            assertEquals('x', s.getInputStream().read());
        }
    }

    @Test
    void outgoingTlsChecksTheHostName() throws Exception {
        Peers.require("openssl");
        // the server's certificate is trusted by the client and names 127.0.0.1, not "localhost"
        try (ServerSocket ss = serve(tls("server", "server-trust.p12", false))) {
            DicomTls client = tls("client", "client-trust.p12", false);
            handshake(client, "127.0.0.1", ss.getLocalPort());
            String localhost = InetAddress.getByName("localhost").getHostAddress();
            org.junit.jupiter.api.Assumptions.assumeTrue(localhost.equals("127.0.0.1"), "localhost is " + localhost);
            SSLHandshakeException e =
                    assertThrows(SSLHandshakeException.class, () -> handshake(client, "localhost", ss.getLocalPort()));
            assertTrue(String.valueOf(e.getMessage()).toLowerCase().contains("localhost"), e.toString());
        }
    }
}
