package org.fluorovault.dicom.net.ul;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads PDUs from a stream (PS3.8 9.3). Faults the association must answer with an A-ABORT are
 * thrown as {@link UlProtocolException} carrying the abort reason: an unknown PDU type
 * (reason 1), a P-DATA-TF longer than the maximum length we announced or an associate PDU over
 * {@link #MAX_ASSOCIATE_PDU_LENGTH} (reason 6), malformed lengths and items (reason 6 or 5). A
 * stream that ends inside a PDU gives an {@link EOFException}. Nothing else is thrown.
 */
public final class PduDecoder {

    /** Hard cap on the length of any PDU other than P-DATA-TF. */
    public static final int MAX_ASSOCIATE_PDU_LENGTH = 1 << 20;

    private final InputStream in;
    private final int maxPDataLength;

    /**
     * @param maxPDataLength the largest P-DATA-TF PDU-length we accept: the maximum length we
     *                       announced in our A-ASSOCIATE-RQ/AC
     */
    public PduDecoder(InputStream in, int maxPDataLength) {
        if (maxPDataLength <= 0) {
            throw new IllegalArgumentException("maxPDataLength must be positive: " + maxPDataLength);
        }
        this.in = in;
        this.maxPDataLength = maxPDataLength;
    }

    /** Decodes exactly one PDU that fills {@code bytes}. */
    public static Pdu decode(byte[] bytes) throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(bytes);
        Pdu pdu = new PduDecoder(in, Math.max(1, bytes.length)).read();
        if (pdu == null) {
            throw new EOFException("no PDU");
        }
        if (in.available() > 0) {
            throw new UlProtocolException(
                    AbortReason.INVALID_PDU_PARAMETER_VALUE, in.available() + " bytes after the PDU");
        }
        return pdu;
    }

    /** The next PDU, or null if the stream ended cleanly before its first byte. */
    public Pdu read() throws IOException {
        int type = in.read();
        if (type < 0) {
            return null;
        }
        byte[] header = readFully(5, "PDU header");
        if (type < AAssociateRq.TYPE || type > AAbort.TYPE) {
            throw new UlProtocolException(AbortReason.UNRECOGNIZED_PDU, String.format("PDU type %02Xh", type));
        }
        long length = ((long) (header[1] & 0xFF) << 24)
                | ((header[2] & 0xFF) << 16)
                | ((header[3] & 0xFF) << 8)
                | (header[4] & 0xFF);
        checkLength(type, length);
        if (type == PDataTf.TYPE) {
            return pDataStreamed(length);
        }
        ByteReader body = new ByteReader(readFully((int) length, "PDU body"));
        try {
            return parse(type, body);
        } catch (IllegalArgumentException e) {
            throw new UlProtocolException(AbortReason.INVALID_PDU_PARAMETER_VALUE, e.getMessage());
        }
    }

    private void checkLength(int type, long length) throws UlProtocolException {
        if (type == PDataTf.TYPE) {
            if (length > maxPDataLength) {
                throw new UlProtocolException(
                        AbortReason.INVALID_PDU_PARAMETER_VALUE,
                        "P-DATA-TF of " + length + " bytes exceeds the announced maximum " + maxPDataLength);
            }
        } else if (type == AAssociateRq.TYPE || type == AAssociateAc.TYPE) {
            if (length > MAX_ASSOCIATE_PDU_LENGTH) {
                throw new UlProtocolException(
                        AbortReason.INVALID_PDU_PARAMETER_VALUE,
                        "associate PDU of " + length + " bytes exceeds " + MAX_ASSOCIATE_PDU_LENGTH);
            }
        } else if (length != 4) {
            throw new UlProtocolException(
                    AbortReason.INVALID_PDU_PARAMETER_VALUE,
                    String.format("PDU type %02Xh with length %d, expected 4", type, length));
        }
    }

    private static Pdu parse(int type, ByteReader body) throws UlProtocolException {
        switch (type) {
            case AAssociateRq.TYPE:
            case AAssociateAc.TYPE:
                return AssociateParser.parse(type, body);
            case AAssociateRj.TYPE:
                body.skip(1);
                return new AAssociateRj(body.u8(), body.u8(), body.u8());
            case PDataTf.TYPE:
                return pData(body);
            case AReleaseRq.TYPE:
                return new AReleaseRq();
            case AReleaseRp.TYPE:
                return new AReleaseRp();
            default:
                body.skip(2);
                return new AAbort(body.u8(), body.u8());
        }
    }

    private static PDataTf pData(ByteReader body) throws UlProtocolException {
        List<Pdv> pdvs = new ArrayList<>();
        while (body.hasRemaining()) {
            long itemLength = body.u32();
            if (itemLength < 2 || itemLength > body.remaining()) {
                throw new UlProtocolException(
                        AbortReason.INVALID_PDU_PARAMETER_VALUE,
                        "PDV item length " + itemLength + " with " + body.remaining() + " bytes left");
            }
            int pcid = body.u8();
            int mch = body.u8();
            pdvs.add(new Pdv(pcid, (mch & 1) != 0, (mch & 2) != 0, body.bytes((int) itemLength - 2)));
        }
        if (pdvs.isEmpty()) {
            throw new UlProtocolException(AbortReason.INVALID_PDU_PARAMETER_VALUE, "P-DATA-TF without PDV");
        }
        return new PDataTf(pdvs);
    }

    /**
     * A P-DATA-TF read item by item, each PDV's data straight into its own array: no copy of the
     * whole PDU body first (data sets are mostly P-DATA, so this is the receive hot path).
     * Validates exactly as {@link #pData(ByteReader)} does.
     */
    private PDataTf pDataStreamed(long length) throws IOException {
        List<Pdv> pdvs = new ArrayList<>(1);
        long remaining = length;
        byte[] itemHeader = new byte[6];
        while (remaining > 0) {
            if (remaining < 4) {
                readFully((int) remaining, "PDU body");
                throw new UlProtocolException(
                        AbortReason.INVALID_PDU_PARAMETER_VALUE,
                        "truncated PDV item header with " + remaining + " bytes left");
            }
            readInto(itemHeader, 4, "PDV item length");
            remaining -= 4;
            long itemLength = ((long) (itemHeader[0] & 0xFF) << 24)
                    | ((itemHeader[1] & 0xFF) << 16)
                    | ((itemHeader[2] & 0xFF) << 8)
                    | (itemHeader[3] & 0xFF);
            if (itemLength < 2 || itemLength > remaining) {
                readFully((int) remaining, "PDU body"); // consume the rest so the fault is reported on a PDU boundary
                throw new UlProtocolException(
                        AbortReason.INVALID_PDU_PARAMETER_VALUE,
                        "PDV item length " + itemLength + " with " + remaining + " bytes left");
            }
            readInto(itemHeader, 2, "PDV header");
            int pcid = itemHeader[0] & 0xFF;
            int mch = itemHeader[1] & 0xFF;
            byte[] data = readFully((int) itemLength - 2, "PDV data");
            remaining -= itemLength;
            pdvs.add(new Pdv(pcid, (mch & 1) != 0, (mch & 2) != 0, data));
        }
        if (pdvs.isEmpty()) {
            throw new UlProtocolException(AbortReason.INVALID_PDU_PARAMETER_VALUE, "P-DATA-TF without PDV");
        }
        return new PDataTf(pdvs);
    }

    private void readInto(byte[] b, int n, String what) throws IOException {
        int done = 0;
        while (done < n) {
            int r = in.read(b, done, n - done);
            if (r < 0) {
                throw new EOFException("truncated " + what + ": " + done + " of " + n + " bytes");
            }
            done += r;
        }
    }

    /** Reads exactly n bytes; n has been checked against the limits before anything is allocated. */
    private byte[] readFully(int n, String what) throws IOException {
        byte[] b = new byte[n];
        int done = 0;
        while (done < n) {
            int r = in.read(b, done, n - done);
            if (r < 0) {
                throw new EOFException("truncated " + what + ": " + done + " of " + n + " bytes");
            }
            done += r;
        }
        return b;
    }
}
