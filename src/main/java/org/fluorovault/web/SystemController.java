package org.fluorovault.web;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fluorovault.archive.ArchiveStore;
import org.fluorovault.archive.InstanceIndex;
import org.fluorovault.archive.StorageProperties;
import org.fluorovault.node.DicomNode;
import org.fluorovault.node.DicomProperties;
import org.fluorovault.query.RetrieveProperties;
import org.fluorovault.security.DicomTlsProperties;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/admin/system} (ADMIN): the node's DICOM and storage settings and state, read-only
 * (they are changed in application.properties); the port is the one listened on. No key store passwords.
 */
@RestController
class SystemController {
    record Node(
            String aeTitle,
            int port,
            String bindAddress,
            List<String> allowedCallingAets,
            int maxAssociations,
            Map<String, RetrieveProperties.Destination> moveDestinations,
            Tls tls) {}

    record Tls(boolean enabled, int port, List<String> protocols, boolean needClientAuth) {}

    record Storage(
            String path, long freeBytes, long minFreeBytes, boolean acceptingObjects, boolean fsync, long objects) {}

    record SystemView(Node node, Storage storage) {}

    private final DicomProperties dicom;
    private final DicomNode node;
    private final RetrieveProperties retrieve;
    private final DicomTlsProperties tls;
    private final StorageProperties storage;
    private final ArchiveStore archive;
    private final InstanceIndex index;

    SystemController(
            DicomProperties dicom,
            DicomNode node,
            RetrieveProperties retrieve,
            DicomTlsProperties tls,
            StorageProperties storage,
            ArchiveStore archive,
            InstanceIndex index) {
        this.dicom = dicom;
        this.node = node;
        this.retrieve = retrieve;
        this.tls = tls;
        this.storage = storage;
        this.archive = archive;
        this.index = index;
    }

    @GetMapping(value = "/api/admin/system", produces = MediaType.APPLICATION_JSON_VALUE)
    SystemView system() {
        Node listening = new Node(
                dicom.aeTitle(),
                node.port(),
                dicom.bindAddress(),
                dicom.allowedCallingAets(),
                dicom.maxAssociations(),
                new TreeMap<>(retrieve.moveDestinations()),
                new Tls(tls.enabled(), tls.port(), tls.protocols(), tls.needClientAuth()));
        Storage st = new Storage(
                archive.root().toString(),
                archive.usableSpace(),
                storage.minFreeSpace().toBytes(),
                archive.hasFreeSpace(),
                storage.fsync(),
                index.instanceCount());
        return new SystemView(listening, st);
    }
}
