package org.fluorovault.dicom.image;

import java.io.IOException;
import java.nio.file.Path;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.data.Tag;
import org.fluorovault.dicom.data.VR;
import org.fluorovault.dicom.dict.Tags;
import org.fluorovault.dicom.io.TransferSyntax;
import org.fluorovault.support.TestDicom;
import org.fluorovault.tools.samples.LumbarPhantom;
import org.fluorovault.tools.samples.PhantomRun;

/** Native XA files of phantom runs, for decoding tests. */
final class PhantomFiles {
    private PhantomFiles() {}

    static PhantomRun run(int size, int frames, LumbarPhantom.Photometric photometric) {
        return LumbarPhantom.builder()
                .size(size)
                .frames(frames)
                .photometric(photometric)
                .seed(11)
                .build()
                .render();
    }

    /** 16 bits allocated, 12 stored, unsigned. */
    static Attributes native16(PhantomRun run) {
        Attributes a =
                TestDicom.xa("P1", TestDicom.uid(), TestDicom.uid(), TestDicom.uid(), run.frameCount(), run.rows());
        a.setString(
                Tags.PhotometricInterpretation,
                VR.CS,
                run.phantom().photometric().name());
        short[] all = run.concatenated();
        byte[] px = new byte[all.length * 2];
        for (int i = 0; i < all.length; i++) {
            px[2 * i] = (byte) all[i];
            px[2 * i + 1] = (byte) (all[i] >> 8);
        }
        a.setBytes(Tag.PixelData, VR.OW, px);
        return a;
    }

    /** 8 bits allocated and stored: the phantom's 12-bit values shifted down by 4. */
    static Attributes native8(PhantomRun run) {
        Attributes a = native16(run);
        a.setInt(Tags.BitsAllocated, VR.US, 8);
        a.setInt(Tags.BitsStored, VR.US, 8);
        a.setInt(Tags.HighBit, VR.US, 7);
        short[] all = run.concatenated();
        byte[] px = new byte[all.length + (all.length & 1)];
        for (int i = 0; i < all.length; i++) px[i] = (byte) (all[i] >> 4);
        a.setBytes(Tag.PixelData, VR.OB, px);
        return a;
    }

    static Path write(Path dir, String name, Attributes a) throws IOException {
        return TestDicom.write(dir.resolve(name), a, TransferSyntax.EXPLICIT_VR_LE);
    }
}
