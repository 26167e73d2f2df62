package org.fluorovault.dicom.image;

/**
 * A frame cannot be decoded, with the reason as a type a caller can act on (a user sees the
 * message; the stored object itself is untouched).
 */
public final class FrameDecodeException extends Exception {
    /** Why decoding failed. */
    public enum Reason {
        /** JPEG-LS, JPEG 2000, video and other syntaxes analysis does not decode; the object stays archived. */
        UNSUPPORTED_TRANSFER_SYNTAX,
        /** Colour, 1-bit or 32-bit pixels and other formats outside grayscale 8/16-bit. */
        UNSUPPORTED_PIXEL_FORMAT,
        /** No pixel data, zero-size pixel data, or attributes that disagree with its length. */
        INCONSISTENT_PIXEL_DATA,
        /** The requested frame does not exist. */
        FRAME_OUT_OF_RANGE,
        /** The compressed data is damaged or the file cannot be read. */
        CORRUPT_PIXEL_DATA
    }

    private final Reason reason;

    public FrameDecodeException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public FrameDecodeException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
