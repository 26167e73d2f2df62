package org.fluorovault.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.fluorovault.archive.StoredInstance;
import org.fluorovault.support.ArchiveTestBase;
import org.fluorovault.support.Peers;
import org.fluorovault.support.Senders;
import org.fluorovault.support.TestDicom;
import org.fluorovault.tools.DicomFileInfo;
import org.fluorovault.tools.SendCommand;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The receiver and the sender against dcmtk, an independent implementation. */
@Tag("interop")
class DcmtkInteropTest extends ArchiveTestBase {
    @TempDir
    Path dir;

    private String port() {
        return Integer.toString(node.port());
    }

    private void assertStoredAsSent(Path sent, String expectedTs) throws Exception {
        DicomFileInfo info = DicomFileInfo.of(sent);
        StoredInstance si = index.find(info.sopInstanceUid());
        assertNotNull(si, "indexed " + info.sopInstanceUid());
        assertEquals(expectedTs, si.transferSyntaxUid());
        assertArrayEquals(
                TestDicom.datasetBytes(sent),
                TestDicom.datasetBytes(archive.resolve(si.path())),
                "stored byte for byte");
    }

    @Test
    void aCraftedUidNeverWritesOutsideTheArchive() throws Exception {
        Peers.require("storescu");
        String escape = "pwn" + System.nanoTime();
        String bad = "../../" + escape + "/evil";
        String study = TestDicom.uid(), series = TestDicom.uid();
        Path first = TestDicom.write(
                dir.resolve("a.dcm"),
                TestDicom.xa("P-EVIL", study, series, bad, 1, 16),
                org.fluorovault.dicom.io.TransferSyntax.EXPLICIT_VR_LE);
        org.fluorovault.dicom.data.Attributes other = TestDicom.xa("P-EVIL", study, series, bad, 1, 16);
        other.setString(org.fluorovault.dicom.dict.Tags.PatientName, org.fluorovault.dicom.data.VR.PN, "Other^Content");
        Path second =
                TestDicom.write(dir.resolve("b.dcm"), other, org.fluorovault.dicom.io.TransferSyntax.EXPLICIT_VR_LE);
        Peers.Result r = Peers.run(
                dir,
                60,
                "storescu",
                "-v",
                "--no-halt",
                "-aec",
                node.aeTitle(),
                "127.0.0.1",
                port(),
                first.toString(),
                second.toString());
        assertTrue(!r.output().contains("(Success)"), r.output());
        assertEquals(
                2,
                r.output().split("Received Store Response \\(Error: CannotUnderstand\\)", -1).length - 1,
                r.output());
        for (Path p : new Path[] {
            STORAGE.getParent().resolve(escape),
            STORAGE.resolve(escape),
            STORAGE.resolve("quarantine").getParent().getParent().resolve(escape)
        }) {
            assertTrue(!Files.exists(p), "nothing written at " + p);
        }
        try (Stream<Path> all = Files.walk(STORAGE)) {
            assertTrue(all.noneMatch(p -> p.toString().contains("evil")), "no file named from the UID");
        }
        assertEquals(
                0, jdbc.queryForObject("SELECT COUNT(*) FROM instance WHERE sop_instance_uid = ?", Integer.class, bad));
        echoscu(); // the node keeps serving
    }

    @Test
    void theSameObjectFromAnotherSenderIsAcceptedAndKeptOnce() throws Exception {
        Peers.require("storescu");
        Path f = TestDicom.writeXa(dir, "P-RESEND", TestDicom.uid(), 2, 32);
        String iuid = DicomFileInfo.of(f).sopInstanceUid();
        Peers.Result carm = Peers.run(
                dir, 60, "storescu", "-v", "-aet", "CARM1", "-aec", node.aeTitle(), "127.0.0.1", port(), f.toString());
        assertTrue(carm.output().contains("Received Store Response (Success)"), carm.output());
        byte[] stored = Files.readAllBytes(archive.resolve(index.find(iuid).path()));
        Peers.Result router = Peers.run(
                dir, 60, "storescu", "-v", "-aet", "ROUTER", "-aec", node.aeTitle(), "127.0.0.1", port(), f.toString());
        assertTrue(
                router.output().contains("Received Store Response (Success)"),
                "identical data set from ROUTER: " + router.output());
        assertEquals(0, index.quarantineCount(iuid), "nothing quarantined");
        assertArrayEquals(
                stored, Files.readAllBytes(archive.resolve(index.find(iuid).path())), "first copy kept as it was");
        assertEquals("CARM1", index.find(iuid).callingAet());
    }

    @Test
    void echoscu() throws Exception {
        Peers.require("echoscu");
        Peers.Result r = Peers.run(dir, 30, "echoscu", "-v", "-aec", node.aeTitle(), "127.0.0.1", port());
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("Received Echo Response (Success)"), r.output());
    }

    @Test
    void wrongCalledAeTitleIsRejected() throws Exception {
        Peers.require("echoscu");
        Peers.Result r = Peers.run(dir, 30, "echoscu", "-v", "-aec", "NOT_US", "127.0.0.1", port());
        assertNotEquals(0, r.exitCode());
        assertTrue(r.output().contains("Called AE Title Not Recognized"), r.output());
    }

    @Test
    void storescuUncompressedExplicitAndImplicit() throws Exception {
        Peers.require("storescu");
        Path explicit = TestDicom.writeXa(dir.resolve("e"), "P-DCMTK-1", TestDicom.uid(), 4, 128);
        Peers.Result r =
                Peers.run(dir, 60, "storescu", "-v", "-aec", node.aeTitle(), "127.0.0.1", port(), explicit.toString());
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("Received Store Response (Success)"), r.output());
        assertStoredAsSent(explicit, "1.2.840.10008.1.2.1");

        Path implicitSrc = TestDicom.writeXa(dir.resolve("i"), "P-DCMTK-2", TestDicom.uid(), 2, 64);
        Path implicit = dir.resolve("implicit.dcm");
        Peers.Result conv = Peers.run(dir, 60, "dcmconv", "+ti", implicitSrc.toString(), implicit.toString());
        assertEquals(0, conv.exitCode(), conv.output());
        r = Peers.run(
                dir, 60, "storescu", "-v", "-xi", "-aec", node.aeTitle(), "127.0.0.1", port(), implicit.toString());
        assertEquals(0, r.exitCode(), r.output());
        assertStoredAsSent(implicit, "1.2.840.10008.1.2");
    }

    @Test
    void storescuJpegLosslessAndRleAreStoredAsReceived() throws Exception {
        Peers.require("storescu", "dcmcjpeg", "dcmcrle");
        Path src = TestDicom.writeXa(dir.resolve("src"), "P-DCMTK-3", TestDicom.uid(), 3, 128);
        Path jpeg = dir.resolve("jpeg.dcm");
        assertEquals(
                0,
                Peers.run(dir, 60, "dcmcjpeg", "+e1", src.toString(), jpeg.toString())
                        .exitCode());
        Peers.Result r = Peers.run(
                dir, 60, "storescu", "-v", "-xs", "-aec", node.aeTitle(), "127.0.0.1", port(), jpeg.toString());
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("Received Store Response (Success)"), r.output());
        assertStoredAsSent(jpeg, "1.2.840.10008.1.2.4.70");

        Path src2 = TestDicom.writeXa(dir.resolve("src2"), "P-DCMTK-4", TestDicom.uid(), 3, 128);
        Path rle = dir.resolve("rle.dcm");
        assertEquals(
                0,
                Peers.run(dir, 60, "dcmcrle", src2.toString(), rle.toString()).exitCode());
        r = Peers.run(dir, 60, "storescu", "-v", "-xr", "-aec", node.aeTitle(), "127.0.0.1", port(), rle.toString());
        assertEquals(0, r.exitCode(), r.output());
        assertStoredAsSent(rle, "1.2.840.10008.1.2.5");
    }

    @Test
    void storescuDeflatedIsStoredAsReceived() throws Exception {
        Peers.require("storescu", "dcmconv");
        Path src = TestDicom.writeXa(dir.resolve("dsrc"), "P-DCMTK-DEFL", TestDicom.uid(), 2, 64);
        Path deflated = dir.resolve("deflated.dcm");
        assertEquals(
                0,
                Peers.run(dir, 60, "dcmconv", "+td", src.toString(), deflated.toString())
                        .exitCode());
        Peers.Result r = Peers.run(
                dir, 60, "storescu", "-v", "-xd", "-aec", node.aeTitle(), "127.0.0.1", port(), deflated.toString());
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("Received Store Response (Success)"), r.output());
        // the deflated bit stream goes on the wire padded to even length (PS3.5 A.5): that is what is stored
        DicomFileInfo info = DicomFileInfo.of(deflated);
        StoredInstance si = index.find(info.sopInstanceUid());
        assertEquals("1.2.840.10008.1.2.1.99", si.transferSyntaxUid());
        byte[] sent = TestDicom.datasetBytes(deflated);
        if ((sent.length & 1) == 1) sent = Arrays.copyOf(sent, sent.length + 1);
        assertArrayEquals(sent, TestDicom.datasetBytes(archive.resolve(si.path())));
    }

    @Test
    void severalParallelAssociations() throws Exception {
        Peers.require("storescu");
        List<List<Path>> perAssoc = new ArrayList<>();
        for (int a = 0; a < 6; a++) {
            List<Path> files = new ArrayList<>();
            String study = TestDicom.uid();
            for (int i = 0; i < 5; i++) files.add(TestDicom.writeXa(dir.resolve("p" + a), "P-PAR-" + a, study, 2, 64));
            perAssoc.add(files);
        }
        List<CompletableFuture<Peers.Result>> runs = new ArrayList<>();
        for (List<Path> files : perAssoc) {
            List<String> cmd = new ArrayList<>(List.of("storescu", "-v", "-aec", node.aeTitle(), "127.0.0.1", port()));
            files.forEach(f -> cmd.add(f.toString()));
            runs.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return Peers.run(dir, 120, cmd);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (CompletableFuture<Peers.Result> f : runs) {
            Peers.Result r = f.join();
            assertEquals(0, r.exitCode(), r.output());
            assertEquals(5, r.output().split("Received Store Response \\(Success\\)", -1).length - 1, r.output());
        }
        for (List<Path> files : perAssoc) for (Path p : files) assertStoredAsSent(p, "1.2.840.10008.1.2.1");
    }

    @Test
    void dcmdumpReadsWhatWeStored() throws Exception {
        Peers.require("storescu", "dcmdump");
        Path f = TestDicom.writeXa(dir.resolve("d"), "P-DUMP", TestDicom.uid(), 1, 32);
        assertEquals(
                0,
                Peers.run(dir, 60, "storescu", "-aec", node.aeTitle(), "127.0.0.1", port(), f.toString())
                        .exitCode());
        Path stored =
                archive.resolve(index.find(DicomFileInfo.of(f).sopInstanceUid()).path());
        Peers.Result r = Peers.run(dir, 30, "dcmdump", "-E", stored.toString());
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("(0002,0016) AE [STORESCU]"), "source AE recorded in file meta: " + r.output());
        assertTrue(r.output().contains("P-DUMP"), r.output());
        assertTrue(!r.output().contains("E: "), "no dcmdump errors: " + r.output());
    }

    @Test
    void ourSenderIntoDcmtkStorescp() throws Exception {
        Peers.require("storescp");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path out = Files.createDirectories(dir.resolve("received"));
        ProcessBuilder pb = new ProcessBuilder(
                        "storescp", "-aet", "DCMTKSCP", "-od", out.toString(), "+xa", Integer.toString(port))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("storescp.log").toFile());
        Process scp = pb.start();
        try {
            List<Path> files = new ArrayList<>();
            for (int i = 0; i < 3; i++)
                files.add(TestDicom.writeXa(dir.resolve("s"), "P-TO-DCMTK", TestDicom.uid(), 2, 64));
            SendCommand.Summary s = null;
            for (int attempt = 0; attempt < 50; attempt++) { // storescp needs a moment to bind
                s = Senders.send(port, "DCMTKSCP", files.toArray(Path[]::new));
                if (s.sent() == 3 || !scp.isAlive()) break;
                // storescp may not listen yet: wait on the process (returns at once if it died)
                scp.waitFor(100, java.util.concurrent.TimeUnit.MILLISECONDS);
            }
            assertEquals(3, s.sent(), s.failures() + " / " + Files.readString(dir.resolve("storescp.log")));
            try (Stream<Path> received = Files.list(out)) {
                List<Path> got = received.toList();
                assertEquals(3, got.size());
                for (Path p : files) {
                    String iuid = DicomFileInfo.of(p).sopInstanceUid();
                    Path r = got.stream()
                            .filter(g -> g.getFileName().toString().contains(iuid))
                            .findFirst()
                            .orElseThrow();
                    assertArrayEquals(
                            TestDicom.datasetBytes(p),
                            TestDicom.datasetBytes(r),
                            "dcmtk received the data set byte for byte");
                }
            }
        } finally {
            scp.destroy();
            scp.waitFor();
        }
    }
}
