package org.fluorovault.dicom.net.ul;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fluorovault.dicom.net.ul.GoldenPdus.*;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PduGoldenTest {

    static Stream<Arguments> golden() {
        return Stream.of(
                Arguments.of("A-ASSOCIATE-RQ", RQ, RQ_PDU),
                Arguments.of("A-ASSOCIATE-AC", AC, AC_PDU),
                Arguments.of("A-ASSOCIATE-RJ", RJ, RJ_PDU),
                Arguments.of("P-DATA-TF", P_DATA, P_DATA_PDU),
                Arguments.of("A-RELEASE-RQ", RELEASE_RQ, new AReleaseRq()),
                Arguments.of("A-RELEASE-RP", RELEASE_RP, new AReleaseRp()),
                Arguments.of("A-ABORT", ABORT, ABORT_PDU));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void encodesToGoldenBytes(String name, byte[] golden, Pdu pdu) {
        assertThat(TestBytes.hex(PduEncoder.encode(pdu))).isEqualTo(TestBytes.hex(golden));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void decodesGoldenBytes(String name, byte[] golden, Pdu pdu) throws IOException {
        assertThat(PduDecoder.decode(golden)).isEqualTo(pdu);
    }

    @Test
    void readsPdusBackToBackAndNullAtTheEnd() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PduEncoder.write(RQ_PDU, out);
        PduEncoder.write(P_DATA_PDU, out);
        PduEncoder.write(new AReleaseRq(), out);
        PduDecoder decoder = new PduDecoder(new ByteArrayInputStream(out.toByteArray()), 19);
        assertThat(decoder.read()).isEqualTo(RQ_PDU);
        assertThat(decoder.read()).isEqualTo(P_DATA_PDU);
        assertThat(decoder.read()).isEqualTo(new AReleaseRq());
        assertThat(decoder.read()).isNull();
    }

    @Test
    void aeTitlesAndUidsLoseTheirPadding() throws IOException {
        byte[] padded = RQ.clone();
        // calling AE " FLUOROSCU      " with a leading space; application context padded with NUL
        System.arraycopy(" FLUOROSCU      ".getBytes(), 0, padded, 26, 16);
        AAssociateRq rq = (AAssociateRq) PduDecoder.decode(padded);
        assertThat(rq.callingAet()).isEqualTo("FLUOROSCU");
        assertThat(rq.calledAet()).isEqualTo("STORESCP");
    }

    @Test
    void typedRejectReasonOfTheGoldenRj() throws IOException {
        AAssociateRj rj = (AAssociateRj) PduDecoder.decode(RJ);
        assertThat(rj.rejectReason()).contains(RejectReason.CALLED_AE_NOT_RECOGNIZED);
        assertThat(new AAssociateRj(1, 1, 9).rejectReason()).isEmpty();
    }

    @Test
    void unknownItemsAtPduLevelAreSkipped() throws IOException {
        byte[] extra = TestBytes.of(0x7F, 0x00, 0x00, 0x02, 0xAA, 0xBB);
        byte[] rq = TestBytes.of(RQ, extra);
        PduEncoder.putInt(rq, 2, 352 + extra.length);
        assertThat(PduDecoder.decode(rq)).isEqualTo(RQ_PDU);
    }

    @Test
    void pDataHeaderForStreamingMatchesTheEncoder() {
        byte[] buf = TestBytes.of(TestBytes.zeros(12), "ABCD");
        PduEncoder.putPDataHeader(buf, 1, true, true, 4);
        assertThat(buf).isEqualTo(PduEncoder.encode(new PDataTf(List.of(new Pdv(1, true, true, "ABCD".getBytes())))));
    }
}
