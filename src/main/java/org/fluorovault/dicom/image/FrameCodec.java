package org.fluorovault.dicom.image;

import org.fluorovault.dicom.image.FrameDecodeException.Reason;
import org.fluorovault.dicom.io.TransferSyntaxRegistry;

/** How a transfer syntax's frames are decoded: the decodable entries of {@link TransferSyntaxRegistry}. */
enum FrameCodec {
    NATIVE,
    RLE,
    JPEG_LOSSLESS,
    JPEG;

    static FrameCodec of(String tsuid) throws FrameDecodeException {
        if (tsuid == null) throw new FrameDecodeException(Reason.UNSUPPORTED_TRANSFER_SYNTAX, "no transfer syntax");
        TransferSyntaxRegistry.Entry ts = TransferSyntaxRegistry.lookup(tsuid);
        if (ts == null || !ts.decodable()) {
            throw new FrameDecodeException(
                    Reason.UNSUPPORTED_TRANSFER_SYNTAX,
                    (ts == null ? "Transfer syntax" : ts.name()) + " (" + tsuid
                            + ") is not supported for analysis; the object stays archived");
        }
        return switch (ts.compression()) {
            case NONE -> NATIVE;
            case RLE -> RLE;
            case JPEG_LOSSLESS -> JPEG_LOSSLESS;
            case JPEG -> JPEG;
            default -> throw new IllegalStateException(tsuid + " is listed as decodable without a decoder");
        };
    }
}
