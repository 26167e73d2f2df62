package org.fluorovault.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.fluorovault.archive.ArchiveStore;
import org.fluorovault.archive.InstanceIndex;
import org.fluorovault.dicom.net.ul.Association;
import org.fluorovault.dicom.net.ul.AssociationParams;
import org.fluorovault.dicom.net.ul.AssociationRejectedException;
import org.fluorovault.dicom.net.ul.AssociationRequest;
import org.fluorovault.dicom.net.ul.DimseReceiver;
import org.fluorovault.dicom.net.ul.RejectReason;
import org.fluorovault.support.Senders;
import org.fluorovault.support.TestDicom;
import org.fluorovault.tools.DicomFileInfo;
import org.fluorovault.tools.SendCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A node with almost no room: disk threshold not met, two associations at most, one allowed caller. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReceiverLimitsTest {
    static Path storage;

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) throws Exception {
        storage = Files.createTempDirectory("fv-limits");
        r.add("fluorovault.storage.path", storage::toString);
        r.add("fluorovault.storage.prepare-folders", () -> "false");
        r.add("fluorovault.storage.min-free-space", () -> "1000000TB");
        r.add("fluorovault.dicom.port", () -> "0");
        r.add("fluorovault.hl7.port", () -> "-1");
        r.add("fluorovault.dicom.bind-address", () -> "127.0.0.1");
        r.add("fluorovault.dicom.max-associations", () -> "2");
        r.add("fluorovault.dicom.allowed-calling-aets", () -> "CARM1,FVSEND");
        r.add("fluorovault.security.admin-password", () -> "limits-admin-password");
    }

    @Autowired
    DicomNode node;

    @Autowired
    InstanceIndex index;

    @Autowired
    ArchiveStore archive;

    @Autowired
    MeterRegistry meters;

    @TempDir
    Path dir;

    private static final DimseReceiver IGNORE = (a, pc, cmd) -> {};

    private Association open(String callingAet) throws Exception {
        return Association.connect(
                "127.0.0.1",
                node.port(),
                AssociationRequest.to(node.aeTitle()).withContext("1.2.840.10008.1.1", "1.2.840.10008.1.2"),
                AssociationParams.defaults(callingAet),
                IGNORE);
    }

    private double refused() {
        return meters.counter("fluorovault.dicom.associations.refused").count();
    }

    @Test
    void lowDiskSpaceIsA700AndNothingIsKept() throws Exception {
        Path f = TestDicom.writeXa(dir, "P-A700", TestDicom.uid(), 2, 32);
        SendCommand.Summary s = Senders.send(node.port(), node.aeTitle(), f);
        assertEquals("A700", s.failures().get(0).status());
        assertTrue(
                s.failures().get(0).reason().contains("free disk space"),
                s.failures().get(0).reason());
        assertNull(index.find(DicomFileInfo.of(f).sopInstanceUid()));
        try (Stream<Path> tmp = Files.list(archive.root().resolve("tmp"));
                Stream<Path> objects = Files.walk(archive.root().resolve("objects"))) {
            assertEquals(0, tmp.count());
            assertEquals(0, objects.filter(Files::isRegularFile).count(), "no object file");
        }
    }

    @Test
    void associationsBeyondTheLimitAreRejectedTransient() throws Exception {
        double before = refused();
        List<Association> open = new ArrayList<>();
        try {
            open.add(open("CARM1"));
            open.add(open("CARM1"));
            AssociationRejectedException e = assertThrows(AssociationRejectedException.class, () -> open("CARM1"));
            assertEquals(RejectReason.LOCAL_LIMIT_EXCEEDED, e.rejectReason().orElseThrow());
            assertTrue(refused() >= before + 1, "refusal counted");
        } finally {
            for (Association a : open) a.release();
        }
    }

    @Test
    void callersOutsideTheAllowListAreRejected() throws Exception {
        double before = refused();
        AssociationRejectedException e = assertThrows(AssociationRejectedException.class, () -> open("STRANGER"));
        assertEquals(RejectReason.CALLING_AE_NOT_RECOGNIZED, e.rejectReason().orElseThrow());
        assertEquals(before + 1, refused());
    }
}
