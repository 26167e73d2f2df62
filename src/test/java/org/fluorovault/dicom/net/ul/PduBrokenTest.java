package org.fluorovault.dicom.net.ul;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fluorovault.dicom.net.ul.GoldenPdus.*;
import static org.fluorovault.dicom.net.ul.TestBytes.of;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Malformed PDUs: each must fail with the typed exception and the abort reason PS3.8 calls for. */
class PduBrokenTest {

    private static AbortReason reasonOf(byte[] bytes) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> PduDecoder.decode(bytes));
        assertThat(t).isInstanceOf(UlProtocolException.class);
        return ((UlProtocolException) t).reason();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5, 6, 40, 100, 200, 357})
    void truncatedRqIsEndOfStream(int keep) {
        byte[] cut = Arrays.copyOf(RQ, keep);
        assertThatThrownBy(() -> PduDecoder.decode(cut)).isInstanceOf(EOFException.class);
    }

    @Test
    void truncatedPDataAndAbort() {
        assertThatThrownBy(() -> PduDecoder.decode(Arrays.copyOf(P_DATA, P_DATA.length - 1)))
                .isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> PduDecoder.decode(Arrays.copyOf(ABORT, 8))).isInstanceOf(EOFException.class);
    }

    @Test
    void pduLengthLongerThanTheBytesIsTruncation() {
        byte[] rq = RQ.clone();
        PduEncoder.putInt(rq, 2, 353);
        assertThatThrownBy(() -> PduDecoder.decode(rq)).isInstanceOf(EOFException.class);
    }

    @Test
    void pduLengthShorterThanItsItemsIsAnOverrun() {
        byte[] rq = Arrays.copyOf(RQ, RQ.length - 4);
        PduEncoder.putInt(rq, 2, 348); // cuts the user identity item short
        assertThat(reasonOf(rq)).isEqualTo(AbortReason.INVALID_PDU_PARAMETER_VALUE);
    }

    @Test
    void bytesAfterThePduAreRejectedByDecode() {
        assertThat(reasonOf(of(RELEASE_RQ, 0x00))).isEqualTo(AbortReason.INVALID_PDU_PARAMETER_VALUE);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x00, 0x08, 0x09, 0x10, 0xFF})
    void unknownPduTypeIsUnrecognizedPdu(int type) {
        assertThat(reasonOf(of(type, 0x00, 0x00, 0x00, 0x00, 0x04, 0, 0, 0, 0)))
                .isEqualTo(AbortReason.UNRECOGNIZED_PDU);
    }

    @Test
    void unknownTypeIsReportedWithoutReadingItsBody() throws IOException {
        byte[] huge = of(0x09, 0x00, 0x7F, 0xFF, 0xFF, 0xFF);
        PduDecoder decoder = new PduDecoder(new ByteArrayInputStream(huge), 16384);
        assertThatThrownBy(decoder::read)
                .isInstanceOfSatisfying(
                        UlProtocolException.class, e -> assertThat(e.reason()).isEqualTo(AbortReason.UNRECOGNIZED_PDU));
    }

    @ParameterizedTest
    @ValueSource(ints = {0x03, 0x05, 0x06, 0x07})
    void fixedLengthPdusWithAnotherLength(int type) {
        assertThat(reasonOf(of(type, 0x00, 0x00, 0x00, 0x00, 0x05, 0, 0, 0, 0, 0)))
                .isEqualTo(AbortReason.INVALID_PDU_PARAMETER_VALUE);
        assertThat(reasonOf(of(type, 0x00, 0x00, 0x00, 0x00, 0x00))).isEqualTo(AbortReason.INVALID_PDU_PARAMETER_VALUE);
    }

    @Test
    void pDataLongerThanAnnouncedIsRefusedBeforeItsBodyIsRead() {
        byte[] header = of(0x04, 0x00, 0x00, 0x00, 0x40, 0x01); // 16385 bytes announced, none sent
        PduDecoder decoder = new PduDecoder(new ByteArrayInputStream(header), 16384);
        assertThatThrownBy(decoder::read)
                .isInstanceOfSatisfying(
                        UlProtocolException.class,
                        e -> assertThat(e.reason()).isEqualTo(AbortReason.INVALID_PDU_PARAMETER_VALUE));
    }

    @Test
    void associatePduOverTheHardCap() {
        byte[] header = of(0x01, 0x00, 0x00, 0x10, 0x00, 0x01); // 1 MiB + 1
        PduDecoder decoder = new PduDecoder(new ByteArrayInputStream(header), 16384);
        assertThatThrownBy(decoder::read)
                .isInstanceOfSatisfying(
                        UlProtocolException.class,
                        e -> assertThat(e.reason()).isEqualTo(AbortReason.INVALID_PDU_PARAMETER_VALUE));
    }

    @Test
    void pdvItemLengthsThatDoNotFit() {
        // item length 1: no room for pcid and control header
        assertThat(reasonOf(of(0x04, 0x00, 0x00, 0x00, 0x00, 0x05, 0x00, 0x00, 0x00, 0x01, 0x01)))
                .isEqualTo(AbortReason.INVALID_PDU_PARAMETER_VALUE);
        // item length 9 with 6 bytes left
        assertThat(reasonOf(of(0x04, 0x00, 0x00, 0x00, 0x00, 0x0A, 0x00, 0x00, 0x00, 0x09, 0x01, 0x03, 1, 2, 3, 4)))
                .isEqualTo(AbortReason.INVALID_PDU_PARAMETER_VALUE);
        // a P-DATA-TF without any PDV
        assertThat(reasonOf(of(0x04, 0x00, 0x00, 0x00, 0x00, 0x00))).isEqualTo(AbortReason.INVALID_PDU_PARAMETER_VALUE);
    }

    @Test
    void presentationContextItemLengthOverrunsThePdu() {
        byte[] rq = RQ.clone();
        rq[6 + 68 + 25 + 3] = (byte) 0xF0; // first presentation context item claims 240 bytes
        assertThat(reasonOf(rq)).isEqualTo(AbortReason.INVALID_PDU_PARAMETER_VALUE);
    }

    @Test
    void subItemLengthOverrunsItsPresentationContext() {
        byte[] rq = RQ.clone();
        rq[6 + 68 + 25 + 8 + 3] = 0x30; // abstract syntax sub-item claims 48 of 42 bytes
        assertThat(reasonOf(rq)).isEqualTo(AbortReason.INVALID_PDU_PARAMETER_VALUE);
    }

    @Test
    void maximumLengthSubItemOfTheWrongSize() {
        byte[] rq = RQ.clone();
        int ui = RQ.length - 121; // start of the user information value
        rq[ui + 3] = 0x02; // 51h claims 2 bytes: 52h then starts inside the value
        assertThat(reasonOf(rq)).isEqualTo(AbortReason.INVALID_PDU_PARAMETER_VALUE);
    }

    @Test
    void acceptorContextItemInARequest() {
        byte[] rq = RQ.clone();
        rq[6 + 68 + 25] = 0x21;
        assertThat(reasonOf(rq)).isEqualTo(AbortReason.UNEXPECTED_PDU_PARAMETER);
    }

    @Test
    void requestWithoutApplicationContext() {
        byte[] rq = RQ.clone();
        rq[6 + 68] = 0x11; // the application context item becomes an unknown item
        assertThat(reasonOf(rq)).isEqualTo(AbortReason.INVALID_PDU_PARAMETER_VALUE);
    }

    @Test
    void acceptedContextWithoutTransferSyntax() {
        byte[] ac = AC.clone();
        ac[6 + 68 + 25 + 8] = 0x41; // TS sub-item of accepted context 1 becomes unknown
        assertThat(reasonOf(ac)).isEqualTo(AbortReason.INVALID_PDU_PARAMETER_VALUE);
    }

    /** Inputs that break decoders elsewhere (sign and overflow of 32-bit lengths): regression fixtures. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "04 00 FF FF FF FF", // P-DATA-TF of 4 GiB - 1
                "01 00 FF FF FF FF", // A-ASSOCIATE-RQ of 4 GiB - 1
                "04 00 00 00 00 08 FF FF FF FF 01 03 00 00", // PDV item length 4 GiB - 1
                "04 00 00 00 00 06 80 00 00 02 01 03", // PDV item length with the sign bit
                "07 00 80 00 00 04 00 00 02 02", // fixed-length PDU, length with the sign bit
            })
    void hugeAndNegativeLookingLengthsAreProtocolErrors(String hex) {
        String[] parts = hex.trim().split(" ");
        byte[] bytes = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            bytes[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        PduDecoder decoder = new PduDecoder(new ByteArrayInputStream(bytes), 16384);
        assertThatThrownBy(decoder::read).isInstanceOf(UlProtocolException.class);
    }

    @Test
    void roleSelectionWhoseUidLengthOverrunsTheItem() {
        byte[] rq = RQ.clone();
        int role = RQ.length - 121 + 8 + 35 + 8; // the 54h sub-item
        rq[role + 5] = 0x40; // UID length 64 in a 32-byte item
        assertThat(reasonOf(rq)).isEqualTo(AbortReason.INVALID_PDU_PARAMETER_VALUE);
    }
}
