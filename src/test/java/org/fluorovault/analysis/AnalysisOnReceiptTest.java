package org.fluorovault.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.fluorovault.analysis.internal.AnalysisRepository;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.data.Tag;
import org.fluorovault.dicom.data.VR;
import org.fluorovault.dicom.dict.Tags;
import org.fluorovault.dicom.io.TransferSyntax;
import org.fluorovault.support.ArchiveTestBase;
import org.fluorovault.support.TestDicom;
import org.fluorovault.tools.samples.LumbarPhantom;
import org.fluorovault.tools.samples.PhantomRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A run that arrives over DICOM is analysed in the background, without anybody asking. */
class AnalysisOnReceiptTest extends ArchiveTestBase {
    @DynamicPropertySource
    static void onReceipt(DynamicPropertyRegistry r) {
        r.add("fluorovault.analysis.on-receipt", () -> "true");
    }

    @Autowired
    org.fluorovault.common.BackgroundWork background;

    @Autowired
    AnalysisRepository results;

    @Test
    void aReceivedRunIsAnalysedAndASingleFrameIsLeftAlone(@TempDir Path dir) throws Exception {
        PhantomRun run = LumbarPhantom.builder()
                .size(256)
                .frames(10)
                .contrast(LumbarPhantom.Contrast.EPIDURAL)
                .seed(3)
                .build()
                .render();
        String runUid = TestDicom.uid();
        Attributes a =
                TestDicom.xa("ON-RECEIPT", TestDicom.uid(), TestDicom.uid(), runUid, run.frameCount(), run.rows());
        short[] all = run.concatenated();
        byte[] px = new byte[all.length * 2];
        for (int i = 0; i < all.length; i++) {
            px[2 * i] = (byte) all[i];
            px[2 * i + 1] = (byte) (all[i] >> 8);
        }
        a.setBytes(Tag.PixelData, VR.OW, px);
        a.setString(Tags.ImagerPixelSpacing, VR.DS, "0.9", "0.9");
        Path runFile = TestDicom.write(dir.resolve("run.dcm"), a, TransferSyntax.EXPLICIT_VR_LE);
        String singleUid = TestDicom.uid();
        Path single = TestDicom.write(
                dir.resolve("single.dcm"),
                TestDicom.xa("ON-RECEIPT", TestDicom.uid(), TestDicom.uid(), singleUid, 1, 64),
                TransferSyntax.EXPLICIT_VR_LE);

        assertEquals(2, send(runFile, single).sent());
        assertTrue(background.awaitIdle(60_000, AnalysisOnReceipt.QUEUE), "queued analyses finished");
        assertEquals(1, results.count(runUid), "the run was analysed on receipt");
        assertEquals(0, results.count(singleUid), "a single frame is not a run");
    }
}
