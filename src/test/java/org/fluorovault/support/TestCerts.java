package org.fluorovault.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Self-signed server and client keys for the TLS tests, made with openssl and the JDK's keytool in
 * a new directory: {@code server|client.key/.crt/.p12} (PKCS12 with the key, alias server or
 * client, both naming IP 127.0.0.1 as subject alternative name) and {@code server-trust.p12} (trusts the client) / {@code client-trust.p12} (trusts the
 * server), all with one password.
 */
public final class TestCerts {
    private TestCerts() {}

    public static Path make(String password) throws Exception {
        Peers.require("openssl");
        Path dir = Files.createTempDirectory("fv-tls");
        for (String who : List.of("server", "client")) {
            run(
                    dir,
                    "openssl",
                    "req",
                    "-x509",
                    "-newkey",
                    "rsa:2048",
                    "-nodes",
                    "-keyout",
                    who + ".key",
                    "-out",
                    who + ".crt",
                    "-subj",
                    "/CN=fluorovault-test-" + who,
                    "-days",
                    "2",
                    // outgoing TLS checks the host name: these test peers all live at 127.0.0.1
                    "-addext",
                    "subjectAltName=IP:127.0.0.1");
            run(
                    dir,
                    "openssl",
                    "pkcs12",
                    "-export",
                    "-in",
                    who + ".crt",
                    "-inkey",
                    who + ".key",
                    "-out",
                    who + ".p12",
                    "-passout",
                    "pass:" + password,
                    "-name",
                    who);
        }
        String keytool =
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(
                dir,
                keytool,
                "-importcert",
                "-noprompt",
                "-file",
                "client.crt",
                "-alias",
                "client",
                "-keystore",
                "server-trust.p12",
                "-storetype",
                "PKCS12",
                "-storepass",
                password);
        run(
                dir,
                keytool,
                "-importcert",
                "-noprompt",
                "-file",
                "server.crt",
                "-alias",
                "server",
                "-keystore",
                "client-trust.p12",
                "-storetype",
                "PKCS12",
                "-storepass",
                password);
        return dir;
    }

    /**
     * The archive's TLS identity from keys made by {@link #make}: the server key, trusting the
     * client's certificate, and requiring one.
     */
    public static void serverIdentity(
            org.springframework.test.context.DynamicPropertyRegistry r, Path certs, String password) {
        r.add(
                "fluorovault.dicom.tls.key-store",
                () -> certs.resolve("server.p12").toString());
        r.add("fluorovault.dicom.tls.key-store-password", () -> password);
        r.add(
                "fluorovault.dicom.tls.trust-store",
                () -> certs.resolve("server-trust.p12").toString());
        r.add("fluorovault.dicom.tls.trust-store-password", () -> password);
        r.add("fluorovault.dicom.tls.need-client-auth", () -> "true");
    }

    private static void run(Path dir, String... cmd) throws Exception {
        Peers.Result r = Peers.run(dir, 60, new ArrayList<>(List.of(cmd)));
        if (r.exitCode() != 0) throw new IOException(String.join(" ", cmd) + ": " + r.output());
    }
}
