package org.fluorovault.dicom.image;

import org.fluorovault.dicom.image.FrameDecodeException.Reason;

/** How a transfer syntax's frames are decoded. */
enum FrameCodec {
    NATIVE, RLE, JPEG_LOSSLESS, JPEG;

    static FrameCodec of(String tsuid) throws FrameDecodeException {
        if (tsuid == null) throw new FrameDecodeException(Reason.UNSUPPORTED_TRANSFER_SYNTAX, "no transfer syntax");
        return switch (tsuid) {
            case "1.2.840.10008.1.2", "1.2.840.10008.1.2.1", "1.2.840.10008.1.2.2", "1.2.840.10008.1.2.1.99" -> NATIVE;
            case "1.2.840.10008.1.2.5" -> RLE;
            case "1.2.840.10008.1.2.4.57", "1.2.840.10008.1.2.4.70" -> JPEG_LOSSLESS;
            case "1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51" -> JPEG;
            default -> throw new FrameDecodeException(Reason.UNSUPPORTED_TRANSFER_SYNTAX,
                    describe(tsuid) + " (" + tsuid + ") is not supported for analysis; the object stays archived");
        };
    }

    private static String describe(String tsuid) {
        if (tsuid.startsWith("1.2.840.10008.1.2.4.8")) return "JPEG-LS";
        if (tsuid.startsWith("1.2.840.10008.1.2.4.9") || tsuid.startsWith("1.2.840.10008.1.2.4.20")) return "JPEG 2000";
        if (tsuid.startsWith("1.2.840.10008.1.2.4.10")) return "Video (MPEG/HEVC)";
        if (tsuid.startsWith("1.2.840.10008.1.2.4.11")) return "JPEG XL";
        return "Transfer syntax";
    }
}
