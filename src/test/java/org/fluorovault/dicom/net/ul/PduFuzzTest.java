package org.fluorovault.dicom.net.ul;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Randomized tests of the PDU codec with fixed seeds: records round-trip, and no input makes the
 * decoder crash. Every case draws from its own {@link SplittableRandom} whose seed is derived from
 * the test's fixed seed, so a failure message names the iteration and case seed (to replay it with
 * {@code new Rnd(seed)}) and the input bytes in hex (to keep as a regression fixture in
 * {@link PduBrokenTest}). Any exception from the decoder other than an IOException is a bug.
 */
class PduFuzzTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void encodedPdusDecodeToThemselves() {
        forEachCase(0x5EED_0001L, 700, (rnd, i) -> {
            Pdu pdu = pdu(rnd, 1 + i % 7); // all seven types, 100 cases each
            byte[] bytes = PduEncoder.encode(pdu);
            String what = "case " + i + " (seed " + rnd.seed + "): " + pdu + "\nbytes " + HEX.formatHex(bytes);
            try {
                Pdu decoded = PduDecoder.decode(bytes);
                assertThat(decoded).as(what).isEqualTo(pdu);
                assertThat(PduEncoder.encode(decoded)).as(what).isEqualTo(bytes);
            } catch (IOException | RuntimeException e) {
                fail(what + "\ndecoding threw " + e, e);
            }
        });
    }

    @Test
    void randomBytesOnlyEverGiveIoExceptions() {
        forEachCase(0x5EED_0002L, 2000, (rnd, i) -> {
            byte[] bytes = bytes(rnd, 0, 600);
            readAll(bytes, "case " + i + " (seed " + rnd.seed + ")");
        });
    }

    @Test
    void randomBodiesBehindValidHeaders() {
        forEachCase(0x5EED_0003L, 2000, (rnd, i) -> {
            int type = 1 + i % 7;
            byte[] body = bytes(rnd, 0, 400);
            byte[] pdu = TestBytes.of(type, 0, 0, 0, 0, 0, body);
            PduEncoder.putInt(pdu, 2, body.length);
            readAll(pdu, "case " + i + " (seed " + rnd.seed + "), type " + type);
        });
    }

    @Test
    void mutatedValidPdusOnlyEverGiveIoExceptions() {
        forEachCase(0x5EED_0004L, 2000, (rnd, i) -> {
            Pdu pdu = pdu(rnd, 1 + rnd.nextInt(7));
            byte[] bytes = PduEncoder.encode(pdu);
            int mutations = size(rnd, 1, 4);
            for (int k = 0; k < mutations; k++) {
                bytes[rnd.nextInt(100_001) % bytes.length] = (byte) u8(rnd);
            }
            readAll(bytes, "case " + i + " (seed " + rnd.seed + "), mutated " + pdu);
        });
    }

    /**
     * Uniform byte overwrites rarely put a small value into a length field (the PDV item length
     * sits at one offset among hundreds), so this aims at 16- and 32-bit windows whose current
     * value looks like a length and writes boundary values there, or truncates the PDU.
     */
    @Test
    void overwrittenLengthsAndTruncationsOnlyEverGiveIoExceptions() {
        forEachCase(0x5EED_0005L, 2000, (rnd, i) -> {
            Pdu pdu = pdu(rnd, 1 + i % 7);
            byte[] bytes = PduEncoder.encode(pdu);
            String mutation;
            if (rnd.chance(0.2)) {
                bytes = Arrays.copyOf(bytes, rnd.nextInt(bytes.length));
                mutation = "truncated to " + bytes.length;
            } else {
                int width = rnd.nextBoolean() ? 2 : 4;
                List<Integer> candidates = new ArrayList<>();
                for (int at = 0; at + width <= bytes.length; at++) {
                    long v = bigEndian(bytes, at, width);
                    if (v > 0 && v <= bytes.length - at) {
                        candidates.add(at);
                    }
                }
                int at = candidates.isEmpty()
                        ? rnd.nextInt(bytes.length - width + 1)
                        : candidates.get(rnd.nextInt(candidates.size()));
                long old = bigEndian(bytes, at, width);
                long[] values = {
                    0,
                    1,
                    2,
                    3,
                    4,
                    5,
                    6,
                    old - 1,
                    old + 1,
                    0x7FFF,
                    0x8000,
                    0xFFFF,
                    0x7FFFFFFFL,
                    0x80000000L,
                    0xFFFFFFFFL,
                    u32(rnd)
                };
                long v = values[rnd.nextInt(values.length)];
                for (int k = 0; k < width; k++) {
                    bytes[at + k] = (byte) (v >>> (8 * (width - 1 - k)));
                }
                mutation = width * 8 + "-bit field at " + at + " set to " + (width == 2 ? v & 0xFFFF : v);
            }
            readAll(bytes, "case " + i + " (seed " + rnd.seed + "), " + mutation + " in " + pdu);
        });
    }

    private static long bigEndian(byte[] b, int at, int width) {
        long v = 0;
        for (int k = 0; k < width; k++) {
            v = (v << 8) | (b[at + k] & 0xFF);
        }
        return v;
    }

    /**
     * Reads PDUs until the end; only the declared IOExceptions (UlProtocolException, EOFException)
     * may escape. Anything else fails with the input in hex.
     */
    static void readAll(byte[] bytes, String what) {
        PduDecoder decoder = new PduDecoder(new ByteArrayInputStream(bytes), 256);
        try {
            while (decoder.read() != null) {
                // keep reading
            }
        } catch (IOException expected) {
            // UlProtocolException or EOFException
        } catch (Throwable t) {
            fail(what + ": decoder threw " + t + " for input\n" + HEX.formatHex(bytes), t);
        }
    }

    // ---- case driver ----

    /** A case's random source, remembering the seed it was made from. */
    static final class Rnd {
        final long seed;
        private final SplittableRandom r;

        Rnd(long seed) {
            this.seed = seed;
            this.r = new SplittableRandom(seed);
        }

        int nextInt(int bound) {
            return r.nextInt(bound);
        }

        int nextInt(int origin, int bound) {
            return r.nextInt(origin, bound);
        }

        long nextLong(long origin, long bound) {
            return r.nextLong(origin, bound);
        }

        boolean nextBoolean() {
            return r.nextBoolean();
        }

        /** True with probability p. */
        boolean chance(double p) {
            return r.nextDouble() < p;
        }

        void nextBytes(byte[] b) {
            r.nextBytes(b);
        }
    }

    interface Case {
        void run(Rnd rnd, int iteration) throws Exception;
    }

    private static void forEachCase(long testSeed, int tries, Case test) {
        SplittableRandom seeds = new SplittableRandom(testSeed);
        for (int i = 0; i < tries; i++) {
            long seed = seeds.nextLong();
            try {
                test.run(new Rnd(seed), i);
            } catch (AssertionError e) {
                throw e;
            } catch (Throwable t) {
                fail("case " + i + " (seed " + seed + ") threw " + t, t);
            }
        }
    }

    // ---- generators: the value ranges of the earlier property-based generators ----

    /** A size in [min, max]; the bounds come up more often than uniform, as edge cases. */
    private static int size(Rnd rnd, int min, int max) {
        int pick = rnd.nextInt(10);
        return pick == 0 ? min : pick == 1 ? max : rnd.nextInt(min, max + 1);
    }

    private static int u8(Rnd rnd) {
        return rnd.chance(0.2) ? new int[] {0x00, 0x01, 0x7F, 0x80, 0xFF}[rnd.nextInt(5)] : rnd.nextInt(256);
    }

    private static int u16(Rnd rnd) {
        return rnd.chance(0.2)
                ? new int[] {0x0000, 0x0001, 0x7FFF, 0x8000, 0xFFFF}[rnd.nextInt(5)]
                : rnd.nextInt(0x10000);
    }

    private static long u32(Rnd rnd) {
        return rnd.chance(0.2)
                ? new long[] {0L, 1L, 0x7FFFFFFFL, 0x80000000L, 0xFFFFFFFFL}[rnd.nextInt(5)]
                : rnd.nextLong(0, 0x1_0000_0000L);
    }

    private static byte[] bytes(Rnd rnd, int minSize, int maxSize) {
        byte[] b = new byte[size(rnd, minSize, maxSize)];
        rnd.nextBytes(b);
        return b;
    }

    private static String string(Rnd rnd, String chars, int minLength, int maxLength) {
        char[] c = new char[size(rnd, minLength, maxLength)];
        for (int i = 0; i < c.length; i++) {
            c[i] = chars.charAt(rnd.nextInt(chars.length()));
        }
        return new String(c);
    }

    private static <T> T orNull(Rnd rnd, double nullProbability, Function<Rnd, T> gen) {
        return rnd.chance(nullProbability) ? null : gen.apply(rnd);
    }

    private static <T> List<T> list(Rnd rnd, int minSize, int maxSize, Function<Rnd, T> gen) {
        int n = size(rnd, minSize, maxSize);
        List<T> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(gen.apply(rnd));
        }
        return list;
    }

    private static String uid(Rnd rnd) {
        return string(rnd, "0123456789.", 1, 64);
    }

    private static String aet(Rnd rnd) {
        return string(rnd, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-", 1, 16);
    }

    /** A random valid PDU of the given type (01h..07h). */
    static Pdu pdu(Rnd rnd, int type) {
        return switch (type) {
            case AAssociateRq.TYPE ->
                new AAssociateRq(
                        u16(rnd),
                        aet(rnd),
                        aet(rnd),
                        uid(rnd),
                        list(rnd, 0, 5, PduFuzzTest::contextRq),
                        userInformation(rnd));
            case AAssociateAc.TYPE ->
                new AAssociateAc(
                        u16(rnd),
                        aet(rnd),
                        aet(rnd),
                        uid(rnd),
                        list(rnd, 0, 5, PduFuzzTest::contextAc),
                        userInformation(rnd));
            case AAssociateRj.TYPE -> new AAssociateRj(u8(rnd), u8(rnd), u8(rnd));
            case PDataTf.TYPE -> new PDataTf(list(rnd, 1, 4, PduFuzzTest::pdv));
            case AReleaseRq.TYPE -> new AReleaseRq();
            case AReleaseRp.TYPE -> new AReleaseRp();
            case AAbort.TYPE -> new AAbort(u8(rnd), u8(rnd));
            default -> throw new IllegalArgumentException("PDU type " + type);
        };
    }

    private static PresentationContextRq contextRq(Rnd rnd) {
        return new PresentationContextRq(u8(rnd), uid(rnd), list(rnd, 0, 4, PduFuzzTest::uid));
    }

    private static PresentationContextAc contextAc(Rnd rnd) {
        int id = u8(rnd);
        int result = rnd.nextInt(6);
        String ts = orNull(rnd, 0.3, PduFuzzTest::uid);
        while (result == PresentationContextAc.ACCEPTANCE && ts == null) { // an acceptance needs a transfer syntax
            result = rnd.nextInt(6);
            ts = orNull(rnd, 0.3, PduFuzzTest::uid);
        }
        return new PresentationContextAc(id, result, ts);
    }

    private static UserInformation userInformation(Rnd rnd) {
        return new UserInformation(
                u32(rnd),
                orNull(rnd, 0.2, PduFuzzTest::uid),
                orNull(rnd, 0.3, r -> string(r, "ABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789", 1, 16)),
                orNull(rnd, 0.5, r -> new AsyncOpsWindow(u16(r), u16(r))),
                list(rnd, 0, 3, r -> new RoleSelection(uid(r), r.nextBoolean(), r.nextBoolean())),
                list(rnd, 0, 3, PduFuzzTest::userItem));
    }

    private static UserItem userItem(Rnd rnd) {
        int type = u8(rnd);
        while (UserInformation.isTypedItem(type)) { // 51h..55h have their own fields
            type = u8(rnd);
        }
        return new UserItem(type, bytes(rnd, 0, 40));
    }

    private static Pdv pdv(Rnd rnd) {
        return new Pdv(u8(rnd), rnd.nextBoolean(), rnd.nextBoolean(), bytes(rnd, 0, 100));
    }
}
