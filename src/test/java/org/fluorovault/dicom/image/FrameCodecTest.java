package org.fluorovault.dicom.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fluorovault.dicom.dict.Uids;
import org.fluorovault.dicom.io.TransferSyntaxRegistry;
import org.junit.jupiter.api.Test;

/** A frame decoder exists exactly for the transfer syntaxes the registry calls decodable. */
class FrameCodecTest {
    @Test
    void decodableEntriesHaveADecoderAndOthersAreRefusedByName() throws Exception {
        for (TransferSyntaxRegistry.Entry e : TransferSyntaxRegistry.entries()) {
            if (e.decodable()) {
                FrameCodec.of(e.uid());
            } else {
                FrameDecodeException x =
                        assertThrows(FrameDecodeException.class, () -> FrameCodec.of(e.uid()), e.name());
                assertTrue(
                        x.getMessage().startsWith(e.name() + " (" + e.uid() + ") is not supported for analysis"),
                        x.getMessage());
            }
        }
        assertEquals(FrameCodec.NATIVE, FrameCodec.of(Uids.ExplicitVRBigEndian));
        assertEquals(FrameCodec.RLE, FrameCodec.of(Uids.RLELossless));
        assertEquals(FrameCodec.JPEG_LOSSLESS, FrameCodec.of(Uids.JPEGLosslessSV1));
        assertEquals(FrameCodec.JPEG, FrameCodec.of(Uids.JPEGExtended12Bit));
        assertTrue(assertThrows(FrameDecodeException.class, () -> FrameCodec.of("1.2.3.4"))
                .getMessage()
                .startsWith("Transfer syntax (1.2.3.4)"));
    }
}
