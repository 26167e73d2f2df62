package org.fluorovault.dicom.io;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mutation fuzzing of the data set decoder: valid encodings in every transfer syntax with
 * flipped bytes, overwritten lengths, truncations and insertions. The decoder may accept or
 * refuse with a {@link DicomParseException}; anything else (a runtime exception, an
 * OutOfMemoryError from a lying length, a hang) is a bug. Seeds are fixed, so a failure names
 * the input to keep as a regression fixture below.
 */
class DicomReaderFuzzTest {
    private static final List<TransferSyntax> SYNTAXES = List.of(
            TransferSyntax.IMPLICIT_LE,
            TransferSyntax.EXPLICIT_LE,
            TransferSyntax.EXPLICIT_BE,
            TransferSyntax.DEFLATED_LE);

    /** Inputs that once broke the decoder (hex), kept as regression fixtures. */
    private static final List<String> REGRESSIONS = List.of(
            // UN of undefined length whose items hold a sequence delimiter first
            "09001010554e0000fffffffffeff00e0fffffffffeffdde000000000",
            // defined-length sequence whose item claims more than the sequence
            "08001511535100000c000000feff00e0ffffff7f",
            // pixel data fragments with an undefined-length item
            "e07f10004f420000fffffffffeff00e0ffffffff");

    private static byte[] encode(TransferSyntax ts) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DicomWriter w = new DicomWriter(out);
        w.writeDataset(DicomCodecTest.everyVr(), ts);
        w.finish();
        return out.toByteArray();
    }

    private static void decode(byte[] input, TransferSyntax ts, String what) {
        try {
            new DicomReader(new ByteArrayInputStream(input), null)
                    .maxValueLength(1 << 20)
                    .readDataset(ts);
        } catch (DicomParseException expected) {
            // refused cleanly
        } catch (IOException e) {
            // a corrupt deflate stream surfaces as ZipException, an IOException: also a clean refusal
            if (!ts.deflated())
                fail(what + ": unexpected " + e + " for " + HexFormat.of().formatHex(input));
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            fail(what + ": decoder threw " + e + " for input " + HexFormat.of().formatHex(input), e);
        }
    }

    @Test
    void mutatedEncodingsAreAcceptedOrRefusedCleanly() throws IOException {
        for (TransferSyntax ts : SYNTAXES) {
            byte[] valid = encode(ts);
            Random rnd = new Random(ts.uid().hashCode());
            for (int i = 0; i < 3000; i++) {
                byte[] b = valid.clone();
                switch (i % 4) {
                    case 0 -> {
                        for (int k = 0; k < 1 + rnd.nextInt(4); k++)
                            b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
                    }
                    case 1 -> { // overwrite 4 bytes with a random (often huge) length
                        int at = rnd.nextInt(b.length - 4);
                        int v = rnd.nextBoolean() ? rnd.nextInt() : 0xFFFFFFFF;
                        for (int k = 0; k < 4; k++) b[at + k] = (byte) (v >> (8 * k));
                    }
                    case 2 -> b = java.util.Arrays.copyOf(b, rnd.nextInt(b.length));
                    default -> { // insert random bytes
                        int at = rnd.nextInt(b.length);
                        byte[] ins = new byte[1 + rnd.nextInt(12)];
                        rnd.nextBytes(ins);
                        byte[] c = new byte[b.length + ins.length];
                        System.arraycopy(b, 0, c, 0, at);
                        System.arraycopy(ins, 0, c, at, ins.length);
                        System.arraycopy(b, at, c, at + ins.length, b.length - at);
                        b = c;
                    }
                }
                decode(b, ts, ts.uid() + " mutation " + i);
            }
        }
    }

    @Test
    void randomBytesAreRefusedCleanly() {
        Random rnd = new Random(42);
        for (int i = 0; i < 2000; i++) {
            byte[] b = new byte[rnd.nextInt(300)];
            rnd.nextBytes(b);
            for (TransferSyntax ts : SYNTAXES) decode(b, ts, "random " + i);
        }
    }

    @Test
    void regressionFixtures() {
        for (String hex : REGRESSIONS) {
            for (TransferSyntax ts : SYNTAXES) decode(HexFormat.of().parseHex(hex), ts, "regression " + hex);
        }
    }
}
