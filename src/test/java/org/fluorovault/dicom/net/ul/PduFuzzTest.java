package org.fluorovault.dicom.net.ul;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Property tests of the PDU codec: records round-trip, and no input makes the decoder crash. */
class PduFuzzTest {

    @Property(tries = 500)
    void encodedPdusDecodeToThemselves(@ForAll("pdus") Pdu pdu) throws IOException {
        byte[] bytes = PduEncoder.encode(pdu);
        assertThat(PduDecoder.decode(bytes)).isEqualTo(pdu);
        assertThat(PduEncoder.encode(PduDecoder.decode(bytes))).isEqualTo(bytes);
    }

    @Property(tries = 2000)
    void randomBytesOnlyEverGiveIoExceptions(@ForAll @Size(max = 600) byte[] bytes) {
        readAll(bytes);
    }

    @Property(tries = 2000)
    void randomBodiesBehindValidHeaders(@ForAll @IntRange(min = 1, max = 7) int type,
                                        @ForAll @Size(max = 400) byte[] body) {
        byte[] pdu = TestBytes.of(type, 0, 0, 0, 0, 0, body);
        PduEncoder.putInt(pdu, 2, body.length);
        readAll(pdu);
    }

    @Property(tries = 2000)
    void mutatedValidPdusOnlyEverGiveIoExceptions(@ForAll("pdus") Pdu pdu,
                                                  @ForAll @Size(min = 1, max = 4) List<@IntRange(max = 100000) Integer> at,
                                                  @ForAll @Size(min = 4, max = 4) byte[] values) {
        byte[] bytes = PduEncoder.encode(pdu);
        for (int i = 0; i < at.size(); i++) {
            bytes[at.get(i) % bytes.length] = values[i];
        }
        readAll(bytes);
    }

    /** Reads PDUs until the end; only the declared IOExceptions may escape (jqwik reports anything else). */
    static void readAll(byte[] bytes) {
        PduDecoder decoder = new PduDecoder(new ByteArrayInputStream(bytes), 256);
        try {
            while (decoder.read() != null) {
                // keep reading
            }
        } catch (IOException expected) {
            // UlProtocolException or EOFException
        }
    }

    @Provide
    Arbitrary<Pdu> pdus() {
        return Arbitraries.oneOf(rq(), ac(), rj(), pData(), Arbitraries.of(new AReleaseRq(), new AReleaseRp()), abort());
    }

    private static Arbitrary<String> uid() {
        return Arbitraries.strings().withChars("0123456789.").ofMinLength(1).ofMaxLength(64);
    }

    private static Arbitrary<String> aet() {
        return Arbitraries.strings().withCharRange('A', 'Z').withChars("0123456789_-").ofMinLength(1).ofMaxLength(16);
    }

    private static Arbitrary<Integer> u8() {
        return Arbitraries.integers().between(0, 255);
    }

    private static Arbitrary<UserInformation> userInformation() {
        Arbitrary<Long> max = Arbitraries.longs().between(0, 0xFFFFFFFFL);
        Arbitrary<String> version = Arbitraries.strings().withCharRange('A', 'Z').withChars("_0123456789")
                .ofMinLength(1).ofMaxLength(16).injectNull(0.3);
        Arbitrary<AsyncOpsWindow> window = Combinators.combine(Arbitraries.integers().between(0, 0xFFFF),
                Arbitraries.integers().between(0, 0xFFFF)).as(AsyncOpsWindow::new).injectNull(0.5);
        Arbitrary<RoleSelection> role = Combinators.combine(uid(), Arbitraries.of(true, false),
                Arbitraries.of(true, false)).as(RoleSelection::new);
        Arbitrary<UserItem> item = Combinators.combine(
                u8().filter(t -> t < 0x51 || t > 0x55), Arbitraries.bytes().array(byte[].class).ofMaxSize(40))
                .as(UserItem::new);
        return Combinators.combine(max, uid().injectNull(0.2), version, window, role.list().ofMaxSize(3),
                item.list().ofMaxSize(3)).as(UserInformation::new);
    }

    private static Arbitrary<Pdu> rq() {
        Arbitrary<PresentationContextRq> pc = Combinators.combine(u8(), uid(), uid().list().ofMaxSize(4))
                .as(PresentationContextRq::new);
        return Combinators.combine(Arbitraries.integers().between(0, 0xFFFF), aet(), aet(), uid(),
                pc.list().ofMaxSize(5), userInformation()).as(AAssociateRq::new);
    }

    private static Arbitrary<Pdu> ac() {
        Arbitrary<PresentationContextAc> pc = Combinators.combine(u8(), Arbitraries.integers().between(0, 5),
                uid().injectNull(0.3)).filter((id, result, ts) -> result != 0 || ts != null)
                .as(PresentationContextAc::new);
        return Combinators.combine(Arbitraries.integers().between(0, 0xFFFF), aet(), aet(), uid(),
                pc.list().ofMaxSize(5), userInformation()).as(AAssociateAc::new);
    }

    private static Arbitrary<Pdu> rj() {
        return Combinators.combine(u8(), u8(), u8()).as(AAssociateRj::new);
    }

    private static Arbitrary<Pdu> abort() {
        return Combinators.combine(u8(), u8()).as(AAbort::new);
    }

    private static Arbitrary<Pdu> pData() {
        Arbitrary<Pdv> pdv = Combinators.combine(u8(), Arbitraries.of(true, false), Arbitraries.of(true, false),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(100)).as(Pdv::new);
        return pdv.list().ofMinSize(1).ofMaxSize(4).map(PDataTf::new);
    }
}
