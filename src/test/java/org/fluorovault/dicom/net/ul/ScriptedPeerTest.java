package org.fluorovault.dicom.net.ul;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fluorovault.dicom.net.ul.GoldenPdus.*;
import static org.fluorovault.dicom.net.ul.TestBytes.of;
import static org.fluorovault.dicom.net.ul.TestBytes.zeros;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Our acceptor against a peer scripted byte by byte on a raw socket. */
class ScriptedPeerTest {

    private static final byte[] EXPECTED_AC = of(
            0x02,
            0x00,
            0x00,
            0x00,
            0x01,
            0x06, // A-ASSOCIATE-AC, length 262
            0x00,
            0x01,
            0x00,
            0x00,
            "STORESCP        ",
            "FLUOROSCU       ",
            zeros(32),
            0x10,
            0x00,
            0x00,
            0x15,
            "1.2.840.10008.3.1.1.1",
            0x21,
            0x00,
            0x00,
            0x19,
            0x01,
            0x00,
            0x00,
            0x00, // context 1: accepted
            0x40,
            0x00,
            0x00,
            0x11,
            IMPLICIT_LE,
            0x21,
            0x00,
            0x00,
            0x1B,
            0x03,
            0x00,
            0x00,
            0x00, // context 3: accepted, explicit VR
            0x40,
            0x00,
            0x00,
            0x13,
            EXPLICIT_LE,
            0x50,
            0x00,
            0x00,
            0x69, // user information (105)
            0x51,
            0x00,
            0x00,
            0x04,
            0x00,
            0x00,
            0x40,
            0x00, // we receive at most 16384
            0x52,
            0x00,
            0x00,
            0x1F,
            "1.2.826.0.1.3680043.10.1443.1.1",
            0x53,
            0x00,
            0x00,
            0x04,
            0x00,
            0x01,
            0x00,
            0x01, // no asynchronous operations
            0x54,
            0x00,
            0x00,
            0x20,
            0x00,
            0x1C,
            XA_STORAGE,
            0x01,
            0x00, // SCU role granted
            0x55,
            0x00,
            0x00,
            0x0E,
            "FLUOROVAULT_01");

    private static final byte[] ABORT_UNRECOGNIZED_PDU = of(0x07, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x02, 0x01);
    private static final byte[] ABORT_UNEXPECTED_PDU = of(0x07, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x02, 0x02);
    private static final byte[] ABORT_UNEXPECTED_PARAMETER =
            of(0x07, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x02, 0x05);
    private static final byte[] ABORT_INVALID_PARAMETER =
            of(0x07, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x02, 0x06);
    private static final byte[] UNKNOWN_PDU = of(0x09, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00);

    private UlServer server;
    private final Recorder receiver =
            new Recorder((assoc, pc, cmd) -> assoc.openDataStream().readAllBytes());

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private int start(AssociationParams params, int maxAssociations) throws IOException {
        server = new UlServer(
                params,
                SimpleAssociationPolicy.of(
                        "STORESCP",
                        Set.of(),
                        Map.of(VERIFICATION, Set.of(IMPLICIT_LE), XA_STORAGE, Set.of(EXPLICIT_LE))),
                a -> receiver,
                maxAssociations);
        return server.start(InetAddress.getLoopbackAddress(), 0);
    }

    private int start() throws IOException {
        return start(AssociationTest.params("STORESCP"), 32);
    }

    @Test
    void answersTheGoldenRequestWithTheExpectedAcBytesAndReleases() throws Exception {
        try (FakePeer peer = FakePeer.connect(start())) {
            peer.send(RQ);
            assertThat(TestBytes.hex(peer.readRaw())).isEqualTo(TestBytes.hex(EXPECTED_AC));
            peer.send(RELEASE_RQ);
            assertThat(peer.readRaw()).isEqualTo(RELEASE_RP);
        }
        assertThat(receiver.awaitClosed()).isSameAs(Recorder.RELEASED);
    }

    @Test
    void acceptorClosesAfterReleaseEvenIfThePeerDoesNot() throws Exception {
        try (FakePeer peer =
                FakePeer.connect(start(AssociationTest.params("STORESCP").withArtimMillis(300), 32))) {
            peer.associate();
            peer.send(RELEASE_RQ);
            assertThat(peer.readRaw()).isEqualTo(RELEASE_RP);
            assertThat(peer.closedByOtherSide()).isTrue(); // ARTIM in Sta13
        }
        assertThat(receiver.awaitClosed()).isSameAs(Recorder.RELEASED);
    }

    @Test
    void pDataBeforeAssociationIsAborted() throws Exception {
        int port = start();
        try (FakePeer peer = FakePeer.connect(port)) {
            peer.send(P_DATA);
            assertThat(peer.readRaw()).isEqualTo(ABORT_UNEXPECTED_PDU);
        }
        try (FakePeer peer = FakePeer.connect(port)) {
            assertThat(peer.associate().presentationContexts()).hasSize(2);
        }
    }

    @Test
    void unknownPduTypeBeforeAssociationIsAbortedAsUnrecognized() throws Exception {
        try (FakePeer peer = FakePeer.connect(start())) {
            peer.send(UNKNOWN_PDU);
            assertThat(peer.readRaw()).isEqualTo(ABORT_UNRECOGNIZED_PDU);
        }
    }

    @Test
    void unknownPduTypeInAnAssociationIsAbortedAsUnrecognized() throws Exception {
        try (FakePeer peer = FakePeer.connect(start())) {
            peer.associate();
            peer.send(UNKNOWN_PDU);
            assertThat(peer.readRaw()).isEqualTo(ABORT_UNRECOGNIZED_PDU);
        }
        assertThat(receiver.awaitClosed())
                .isInstanceOfSatisfying(
                        UlProtocolException.class, e -> assertThat(e.reason()).isEqualTo(AbortReason.UNRECOGNIZED_PDU));
    }

    @Test
    void pDataLongerThanOurMaximumIsAborted() throws Exception {
        try (FakePeer peer = FakePeer.connect(start())) {
            peer.associate();
            byte[] tooLong =
                    of(0x04, 0x00, 0x00, 0x00, 0x40, 0x07, 0x00, 0x00, 0x40, 0x03, 0x03, 0x02, zeros(16384 - 5));
            peer.send(tooLong);
            assertThat(peer.readRaw()).isEqualTo(ABORT_INVALID_PARAMETER);
        }
        assertThat(receiver.awaitClosed()).isInstanceOf(UlProtocolException.class);
    }

    @Test
    void secondAssociateRequestIsAnUnexpectedPdu() throws Exception {
        try (FakePeer peer = FakePeer.connect(start())) {
            peer.associate();
            peer.send(RQ);
            assertThat(peer.readRaw()).isEqualTo(ABORT_UNEXPECTED_PDU);
        }
        assertThat(receiver.awaitClosed())
                .isInstanceOfSatisfying(
                        UlProtocolException.class, e -> assertThat(e.reason()).isEqualTo(AbortReason.UNEXPECTED_PDU));
    }

    @Test
    void silentConnectionIsClosedAfterArtim() throws Exception {
        int port = start(AssociationTest.params("STORESCP").withArtimMillis(300), 32);
        try (FakePeer peer = FakePeer.connect(port)) {
            long t0 = System.nanoTime();
            assertThat(peer.closedByOtherSide()).isTrue();
            assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(250);
        }
    }

    @Test
    void associationsBeyondTheLimitAreRejectedTransiently() throws Exception {
        int port = start(AssociationTest.params("STORESCP"), 2);
        try (FakePeer first = FakePeer.connect(port);
                FakePeer second = FakePeer.connect(port)) {
            first.associate();
            second.associate();
            try (FakePeer third = FakePeer.connect(port)) {
                third.send(RQ);
                assertThat(third.readRaw()).isEqualTo(of(0x03, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00, 0x02, 0x03, 0x02));
            }
            first.send(RELEASE_RQ);
            assertThat(first.readRaw()).isEqualTo(RELEASE_RP);
            first.close(); // AR-3: the requestor closes the transport on the RP
            receiver.awaitClosed(); // the slot is free before the receiver hears of the end
            try (FakePeer fourth = FakePeer.connect(port)) {
                assertThat(fourth.associate()).isNotNull();
            }
        }
    }

    @Test
    void wrongCalledAeIsRejectedPermanently() throws Exception {
        AAssociateRq rq = new AAssociateRq(
                1,
                "SOMEONE",
                "FLUOROSCU",
                AAssociateRq.DICOM_APPLICATION_CONTEXT,
                RQ_PDU.presentationContexts(),
                RQ_PDU.userInformation());
        try (FakePeer peer = FakePeer.connect(start())) {
            peer.send(rq);
            assertThat(peer.readRaw()).isEqualTo(of(0x03, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00, 0x01, 0x01, 0x07));
        }
    }

    @Test
    void unsupportedProtocolVersionIsRejected() throws Exception {
        byte[] rq = RQ.clone();
        rq[7] = 0x02; // version bit 1 only
        try (FakePeer peer = FakePeer.connect(start())) {
            peer.send(rq);
            assertThat(peer.readRaw()).isEqualTo(of(0x03, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00, 0x01, 0x02, 0x02));
        }
    }

    @Test
    void truncatedPduThenCloseLeavesTheServerServing() throws Exception {
        int port = start();
        try (FakePeer peer = FakePeer.connect(port)) {
            peer.send(Arrays.copyOf(RQ, 100));
        }
        try (FakePeer peer = FakePeer.connect(port)) {
            assertThat(peer.associate().presentationContexts())
                    .extracting(PresentationContextAc::result)
                    .containsExactly(0, 0);
            peer.send(RELEASE_RQ);
            assertThat(peer.readRaw()).isEqualTo(RELEASE_RP);
        }
    }

    @Test
    void commandIsDeliveredWithItsDataSet() throws Exception {
        try (FakePeer peer = FakePeer.connect(start())) {
            peer.associate();
            peer.send(new PDataTf(
                    new Pdv(3, true, false, "CMD-".getBytes()),
                    new Pdv(3, true, true, "ONE".getBytes()),
                    new Pdv(3, false, false, new byte[] {1, 2}),
                    new Pdv(3, false, true, new byte[] {3})));
            peer.send(new PDataTf(new Pdv(1, true, true, "ECHO".getBytes())));
            assertThat(receiver.nextCommand().command()).isEqualTo("CMD-ONE".getBytes());
            Recorder.Message echo = receiver.nextCommand();
            assertThat(echo.command()).isEqualTo("ECHO".getBytes());
            assertThat(echo.pc().abstractSyntax()).isEqualTo(VERIFICATION);
            peer.send(RELEASE_RQ);
            assertThat(peer.readRaw()).isEqualTo(RELEASE_RP);
        }
    }

    @Test
    void dataPdvOfAnotherContextInsideADataSetIsAborted() throws Exception {
        try (FakePeer peer = FakePeer.connect(start())) {
            peer.associate();
            peer.send(new PDataTf(
                    new Pdv(3, true, true, "CMD".getBytes()),
                    new Pdv(3, false, false, new byte[] {1}),
                    new Pdv(1, false, true, new byte[] {2})));
            assertThat(peer.readRaw()).isEqualTo(ABORT_UNEXPECTED_PARAMETER);
        }
        assertThat(receiver.awaitClosed())
                .isInstanceOfSatisfying(
                        UlProtocolException.class,
                        e -> assertThat(e.reason()).isEqualTo(AbortReason.UNEXPECTED_PDU_PARAMETER));
    }

    @Test
    void dataPdvWithoutCommandIsAborted() throws Exception {
        try (FakePeer peer = FakePeer.connect(start())) {
            peer.associate();
            peer.send(new PDataTf(new Pdv(3, false, true, new byte[] {1})));
            assertThat(peer.readRaw()).isEqualTo(ABORT_UNEXPECTED_PARAMETER);
        }
    }

    @Test
    void commandOnAContextThatWasNotProposedIsAborted() throws Exception {
        try (FakePeer peer = FakePeer.connect(start())) {
            peer.associate();
            peer.send(new PDataTf(new Pdv(5, true, true, new byte[] {1})));
            assertThat(peer.readRaw()).isEqualTo(ABORT_INVALID_PARAMETER);
        }
    }

    @Test
    void abortFromThePeerEndsTheAssociation() throws Exception {
        try (FakePeer peer = FakePeer.connect(start())) {
            peer.associate();
            peer.send(new AAbort(0, 0));
            assertThat(peer.closedByOtherSide()).isTrue();
        }
        assertThat(receiver.awaitClosed())
                .isInstanceOfSatisfying(
                        AssociationAbortedException.class,
                        e -> assertThat(e.local()).isFalse());
    }

    @Test
    void peerThatVanishesWithoutReleaseGivesACause() throws Exception {
        try (FakePeer peer = FakePeer.connect(start())) {
            peer.associate();
        }
        assertThat(receiver.awaitClosed()).isInstanceOf(IOException.class).isNotSameAs(Recorder.RELEASED);
    }
}
