package org.fluorovault.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.fluorovault.dicom.net.dimse.Commands;
import org.fluorovault.dicom.net.ul.Association;
import org.fluorovault.dicom.net.ul.AssociationParams;
import org.fluorovault.dicom.net.ul.AssociationRequest;
import org.fluorovault.support.ArchiveTestBase;
import org.fluorovault.support.TestDicom;
import org.fluorovault.tools.DicomFileInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sender that aborts in the middle of an object leaves nothing stored, and the node keeps serving. */
class AbortedTransferTest extends ArchiveTestBase {
    @TempDir
    Path dir;

    @Test
    void abortMidObjectStoresNothing() throws Exception {
        Path f = TestDicom.writeXa(dir, "P-ABORT", TestDicom.uid(), 8, 256);
        DicomFileInfo info = DicomFileInfo.of(f);
        byte[] all = Files.readAllBytes(f);
        Association a = Association.connect(
                "127.0.0.1",
                node.port(),
                AssociationRequest.to(node.aeTitle()).withContext(TestDicom.XA, info.transferSyntaxUid()),
                AssociationParams.defaults("ABORTER"),
                (as, pc, cmd) -> {});
        int pcid = a.findAccepted(TestDicom.XA, info.transferSyntaxUid())
                .orElseThrow()
                .id();
        try {
            a.sendMessage(pcid, Commands.encode(Commands.cStoreRq(1, TestDicom.XA, info.sopInstanceUid(), 0)), out -> {
                out.write(Arrays.copyOfRange(all, (int) info.datasetOffset(), all.length / 2));
                out.flush();
                a.abort(); // the sender gives up half way
                throw new IOException("sender aborted");
            });
        } catch (IOException expected) {
            // our own abort
        }
        a.awaitClosed();
        // the node finishes the aborted association on its own thread; the next association on the
        // same node is served normally, and afterwards nothing of the aborted object is visible
        Path other = TestDicom.writeXa(dir.resolve("next"), "P-ABORT-NEXT", TestDicom.uid(), 1, 32);
        assertEquals(1, send(other).sent(), "still serving");
        awaitNoTemporaryFiles();
        assertNull(index.find(info.sopInstanceUid()));
    }

    /** Once every association has ended, the aborted one's temporary file is gone. */
    private void awaitNoTemporaryFiles() throws Exception {
        assertTrue(node.awaitIdle(10_000), "associations ended");
        try (Stream<Path> tmp = Files.list(archive.root().resolve("tmp"))) {
            assertEquals(0, tmp.count(), "temporary file of the aborted object removed");
        }
    }
}
