package org.fluorovault.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import javax.net.ServerSocketFactory;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/** TLS contexts for the DICOM node, from {@link DicomTlsProperties}. */
public final class DicomTls {
    private final DicomTlsProperties props;
    private final SSLContext context;

    public DicomTls(DicomTlsProperties props) {
        this.props = props;
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(
                    load(props.keyStore(), props.keyStoreType(), props.keyStorePassword()),
                    chars(props.keyStorePassword()));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            // no trust store: trust nobody (never the JVM's public CAs, which any web server can get a certificate
            // from)
            tmf.init(
                    props.trustStore() == null
                            ? emptyKeyStore()
                            : load(props.trustStore(), props.keyStoreType(), props.trustStorePassword()));
            context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up DICOM TLS: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read DICOM TLS key or trust store: " + e.getMessage(), e);
        }
    }

    private static KeyStore load(java.nio.file.Path path, String type, String password)
            throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(path)) {
            ks.load(in, chars(password));
        }
        return ks;
    }

    private static KeyStore emptyKeyStore() throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        return ks;
    }

    /**
     * True for the suites offered when none are configured: the TLS 1.3 suites (all AEAD with
     * ephemeral key exchange) and, for TLS 1.2, ECDHE with AES-GCM or ChaCha20-Poly1305 (forward
     * secrecy, no CBC, no SHA-1 MAC, no static RSA key exchange).
     */
    static boolean strongSuite(String suite) {
        if (suite.equals("TLS_AES_128_GCM_SHA256")
                || suite.equals("TLS_AES_256_GCM_SHA384")
                || suite.equals("TLS_CHACHA20_POLY1305_SHA256")) return true;
        return (suite.startsWith("TLS_ECDHE_ECDSA_WITH_") || suite.startsWith("TLS_ECDHE_RSA_WITH_"))
                && (suite.contains("_GCM_") || suite.contains("_CHACHA20_POLY1305_"));
    }

    /** The suites offered: the configured ones, else the JVM's enabled suites that {@link #strongSuite} allows. */
    public List<String> cipherSuites() {
        List<String> configured = props.cipherSuites().stream()
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
        if (!configured.isEmpty()) return configured;
        return java.util.Arrays.stream(context.getDefaultSSLParameters().getCipherSuites())
                .filter(DicomTls::strongSuite)
                .toList();
    }

    private static char[] chars(String s) {
        return s == null ? new char[0] : s.toCharArray();
    }

    private SSLParameters parameters() {
        SSLParameters p = context.getDefaultSSLParameters();
        p.setProtocols(props.protocols().toArray(String[]::new));
        p.setCipherSuites(cipherSuites().toArray(String[]::new));
        return p;
    }

    /** Server sockets that speak only the configured versions and suites, asking for a client certificate if set. */
    public ServerSocketFactory serverSocketFactory() {
        ServerSocketFactory delegate = context.getServerSocketFactory();
        SSLParameters params = parameters();
        params.setNeedClientAuth(props.needClientAuth());
        return new ServerSocketFactory() {
            private ServerSocket configure(ServerSocket s) {
                ((SSLServerSocket) s).setSSLParameters(params);
                return s;
            }

            @Override
            public ServerSocket createServerSocket() throws IOException {
                return configure(delegate.createServerSocket());
            }

            @Override
            public ServerSocket createServerSocket(int port) throws IOException {
                return configure(delegate.createServerSocket(port));
            }

            @Override
            public ServerSocket createServerSocket(int port, int backlog) throws IOException {
                return configure(delegate.createServerSocket(port, backlog));
            }

            @Override
            public ServerSocket createServerSocket(int port, int backlog, InetAddress addr) throws IOException {
                return configure(delegate.createServerSocket(port, backlog, addr));
            }
        };
    }

    /**
     * Client sockets for outgoing associations (C-MOVE destinations, storage commitment reports)
     * with the same settings, checking that the peer's certificate names the host connected to
     * (a DNS name or IP address in its subject alternative names), as HTTPS does.
     */
    public SSLSocketFactory socketFactory() {
        SSLSocketFactory delegate = context.getSocketFactory();
        SSLParameters params = parameters();
        params.setEndpointIdentificationAlgorithm(
                "HTTPS"); // trusted is not enough: the certificate must be that host's
        return new SSLSocketFactory() {
            private java.net.Socket configure(java.net.Socket s) {
                ((SSLSocket) s).setSSLParameters(params);
                return s;
            }

            @Override
            public String[] getDefaultCipherSuites() {
                return delegate.getDefaultCipherSuites();
            }

            @Override
            public String[] getSupportedCipherSuites() {
                return delegate.getSupportedCipherSuites();
            }

            @Override
            public java.net.Socket createSocket() throws IOException {
                return configure(delegate.createSocket());
            }

            @Override
            public java.net.Socket createSocket(java.net.Socket s, String host, int port, boolean autoClose)
                    throws IOException {
                return configure(delegate.createSocket(s, host, port, autoClose));
            }

            @Override
            public java.net.Socket createSocket(String host, int port) throws IOException {
                return configure(delegate.createSocket(host, port));
            }

            @Override
            public java.net.Socket createSocket(String host, int port, InetAddress localHost, int localPort)
                    throws IOException {
                return configure(delegate.createSocket(host, port, localHost, localPort));
            }

            @Override
            public java.net.Socket createSocket(InetAddress host, int port) throws IOException {
                return configure(delegate.createSocket(host, port));
            }

            @Override
            public java.net.Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                    throws IOException {
                return configure(delegate.createSocket(address, port, localAddress, localPort));
            }
        };
    }
}
