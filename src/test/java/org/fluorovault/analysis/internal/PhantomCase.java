package org.fluorovault.analysis.internal;

import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.data.Tag;
import org.fluorovault.dicom.data.VR;
import org.fluorovault.dicom.dict.Tags;
import org.fluorovault.dicom.image.FrameSource;
import org.fluorovault.dicom.io.TransferSyntax;
import org.fluorovault.support.TestDicom;
import org.fluorovault.tools.samples.LumbarPhantom;
import org.fluorovault.tools.samples.PhantomRun;

/** A phantom run as a FrameSource (pixel data in memory), with the sample geometry: 0.6 mm at the detector, SID 1000, SOD 750. */
final class PhantomCase {
    static final double MM_PER_PIXEL_512 = 0.6 * 750 / 1000;

    private PhantomCase() {}

    static FrameSource source(PhantomRun run) throws Exception {
        Attributes a =
                TestDicom.xa("P", TestDicom.uid(), TestDicom.uid(), TestDicom.uid(), run.frameCount(), run.rows());
        a.setString(
                Tags.PhotometricInterpretation,
                VR.CS,
                run.phantom().photometric().name());
        double ips = 0.6 * 512 / run.rows();
        a.setString(Tags.ImagerPixelSpacing, VR.DS, Double.toString(ips), Double.toString(ips));
        short[] all = run.concatenated();
        byte[] px = new byte[all.length * 2];
        for (int i = 0; i < all.length; i++) {
            px[2 * i] = (byte) all[i];
            px[2 * i + 1] = (byte) (all[i] >> 8);
        }
        a.setBytes(Tag.PixelData, VR.OW, px);
        return FrameSource.of(a, TransferSyntax.EXPLICIT_VR_LE);
    }

    static PhantomRun render(
            LumbarPhantom.View view, LumbarPhantom.Contrast c, long seed, LumbarPhantom.Photometric p) {
        return LumbarPhantom.builder()
                .view(view)
                .contrast(c)
                .seed(seed)
                .photometric(p)
                .size(512)
                .frames(30)
                .build()
                .render();
    }
}
