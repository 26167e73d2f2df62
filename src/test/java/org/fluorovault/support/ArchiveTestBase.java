package org.fluorovault.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.fluorovault.archive.ArchiveStore;
import org.fluorovault.archive.InstanceIndex;
import org.fluorovault.common.ConflictException;
import org.fluorovault.node.DicomNode;
import org.fluorovault.security.Role;
import org.fluorovault.security.UserService;
import org.fluorovault.tools.SendCommand;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * A running archive on free ports with its own storage folder (one Spring context shared by the
 * subclasses), and HTTP helpers authenticated as the admin user.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// tests ask for analyses themselves; AnalysisOnReceiptTest turns this on (dynamic properties win)
@TestPropertySource(properties = "fluorovault.analysis.on-receipt=false")
public abstract class ArchiveTestBase {
    public static final String ADMIN_PASSWORD = "test-admin-password-1";
    protected static final Path STORAGE;

    static {
        try {
            STORAGE = Files.createTempDirectory("fv-archive-test");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void archiveProperties(DynamicPropertyRegistry r) {
        r.add("fluorovault.storage.path", STORAGE::toString);
        r.add("fluorovault.storage.min-free-space", () -> "1MB");
        r.add("fluorovault.storage.prepare-folders", () -> "false"); // the process tests (crash drills) prepare them
        r.add("fluorovault.dicom.port", () -> "0");
        r.add("fluorovault.dicom.bind-address", () -> "127.0.0.1");
        r.add("fluorovault.dicom.max-associations", () -> "20");
        // test peers use many AE titles for query and retrieve; DicomAccessTest covers the defaults
        r.add("fluorovault.dicom.unknown-ae-services", () -> "ALL");
        r.add("fluorovault.hl7.port", () -> "0");
        r.add("fluorovault.hl7.bind-address", () -> "127.0.0.1");
        r.add("fluorovault.security.admin-password", () -> ADMIN_PASSWORD);
    }

    @LocalServerPort
    protected int httpPort;

    @Autowired
    protected DicomNode node;

    @Autowired
    protected ArchiveStore archive;

    @Autowired
    protected InstanceIndex index;

    @Autowired
    protected JdbcTemplate jdbc;

    @Autowired
    protected UserService users;

    protected final HttpClient http = HttpClient.newHttpClient();

    protected HttpResponse<byte[]> get(String path, String user, String password, String accept) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .GET();
        if (user != null) {
            b.header(
                    "Authorization",
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        if (accept != null) b.header("Accept", accept);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /**
     * An HTTP request with a body (null for none) as {@code user}; {@code headers} are name, value
     * pairs.
     */
    protected HttpResponse<String> request(
            String method,
            String path,
            String user,
            String password,
            String contentType,
            String body,
            String... headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (user != null) {
            b.header(
                    "Authorization",
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        if (contentType != null) b.header("Content-Type", contentType);
        for (int i = 0; i + 1 < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Sends files or folders to this archive's DICOM node with FluoroVault's sender. */
    protected SendCommand.Summary send(Path... files) throws Exception {
        return Senders.send(node.port(), node.aeTitle(), files);
    }

    /** POSTs a JSON body (or none) as {@code user}. */
    protected HttpResponse<String> postJson(String path, String user, String password, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .header("Content-Type", "application/json")
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (user != null) {
            b.header(
                    "Authorization",
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Creates a user with this role unless an earlier test class of the shared context already did. */
    protected void ensureUser(String name, String password, Role role) {
        try {
            users.create(name, password, role);
        } catch (ConflictException exists) {
            // made by an earlier test on the same context
        }
    }

    /** Stores the files through the archive's DICOM node and checks every one was stored. */
    protected void sendAll(Path... files) {
        try {
            org.junit.jupiter.api.Assertions.assertEquals(
                    files.length, send(files).sent());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    protected HttpResponse<byte[]> getAsAdmin(String path, String accept) throws Exception {
        return get(path, "admin", ADMIN_PASSWORD, accept);
    }
}
