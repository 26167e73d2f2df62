package org.fluorovault.dicom.net.ul;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fluorovault.dicom.net.ul.GoldenPdus.*;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Release collisions on both sides, and our requestor against scripted acceptors. */
class ReleaseAndRequestorTest {

    private UlServer server;
    private ServerSocket fakeAcceptor;

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.stop();
        }
        if (fakeAcceptor != null) {
            fakeAcceptor.close();
        }
    }

    private static void run(CompletableFuture<?> f) throws Exception {
        try {
            f.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    @Test
    void releaseCollisionOnTheAcceptorSide() throws Exception {
        Recorder receiver = new Recorder();
        CompletableFuture<Association> accepted = new CompletableFuture<>();
        server = new UlServer(
                AssociationTest.params("STORESCP"),
                SimpleAssociationPolicy.of("STORESCP", Set.of(), Map.of(XA_STORAGE, Set.of(EXPLICIT_LE))),
                a -> {
                    accepted.complete(a);
                    return receiver;
                });
        int port = server.start(InetAddress.getLoopbackAddress(), 0);
        try (FakePeer peer = FakePeer.connect(port)) {
            peer.associate();
            Association assoc = accepted.get(10, TimeUnit.SECONDS);
            CompletableFuture<Void> release = CompletableFuture.runAsync(() -> {
                try {
                    assoc.release();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            assertThat(peer.readRaw()).isEqualTo(RELEASE_RQ); // acceptor asks to release: Sta7
            peer.send(RELEASE_RQ); // so do we: acceptor goes to Sta10
            peer.send(RELEASE_RP); // AR-10, then AR-4 from Sta12
            assertThat(peer.readRaw()).isEqualTo(RELEASE_RP);
            peer.close();
            run(release);
            assertThat(assoc.state()).isEqualTo(State.Sta1);
        }
        assertThat(receiver.awaitClosed()).isSameAs(Recorder.RELEASED);
    }

    /** Starts a scripted acceptor; the returned future gives its side of the first connection. */
    private CompletableFuture<FakePeer> fakeAcceptor() throws IOException {
        fakeAcceptor = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new FakePeer(fakeAcceptor.accept());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private CompletableFuture<Association> connect(AssociationParams params, Recorder receiver) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return Association.connect(
                        "127.0.0.1",
                        fakeAcceptor.getLocalPort(),
                        AssociationRequest.to("FAKE").withContext(XA_STORAGE, EXPLICIT_LE),
                        params,
                        receiver);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private static AAssociateAc acFor(AAssociateRq rq) {
        return new AAssociateAc(
                1,
                rq.calledAet(),
                rq.callingAet(),
                rq.applicationContext(),
                List.of(new PresentationContextAc(1, 0, EXPLICIT_LE)),
                UserInformation.of(0, "1.2.3.4", null));
    }

    @Test
    void releaseCollisionOnTheRequestorSide() throws Exception {
        CompletableFuture<FakePeer> side = fakeAcceptor();
        Recorder receiver = new Recorder();
        CompletableFuture<Association> connecting = connect(AssociationTest.params("MODALITY"), receiver);
        try (FakePeer acceptor = side.get(10, TimeUnit.SECONDS)) {
            acceptor.send(acFor((AAssociateRq) acceptor.read()));
            Association assoc = connecting.get(10, TimeUnit.SECONDS);
            assertThat(assoc.peerMaxPduLength()).isZero();
            assertThat(assoc.peerImplementationClassUid()).isEqualTo("1.2.3.4");
            assertThat(assoc.peerImplementationVersionName()).isNull();
            CompletableFuture<Void> release = CompletableFuture.runAsync(() -> {
                try {
                    assoc.release();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            assertThat(acceptor.readRaw()).isEqualTo(RELEASE_RQ); // requestor in Sta7
            acceptor.send(RELEASE_RQ); // collision: Sta9, AR-9 sends RP
            assertThat(acceptor.readRaw()).isEqualTo(RELEASE_RP); // requestor in Sta11
            acceptor.send(RELEASE_RP); // AR-3
            run(release);
            assertThat(acceptor.closedByOtherSide()).isTrue();
        }
        assertThat(receiver.awaitClosed()).isSameAs(Recorder.RELEASED);
    }

    @Test
    void releaseWithoutAnswerTimesOutAndAborts() throws Exception {
        CompletableFuture<FakePeer> side = fakeAcceptor();
        Recorder receiver = new Recorder();
        CompletableFuture<Association> connecting =
                connect(AssociationTest.params("MODALITY").withReleaseTimeoutMillis(300), receiver);
        try (FakePeer acceptor = side.get(10, TimeUnit.SECONDS)) {
            acceptor.send(acFor((AAssociateRq) acceptor.read()));
            Association assoc = connecting.get(10, TimeUnit.SECONDS);
            assertThatThrownBy(assoc::release).isInstanceOf(SocketTimeoutException.class);
            assertThat(acceptor.readRaw()).isEqualTo(RELEASE_RQ);
            assertThat(acceptor.read()).isEqualTo(AAbort.byUser());
        }
        assertThat(receiver.awaitClosed()).isInstanceOf(AssociationAbortedException.class);
    }

    @Test
    void answerOtherThanAcOrRjIsAProtocolError() throws Exception {
        CompletableFuture<FakePeer> side = fakeAcceptor();
        CompletableFuture<Association> connecting = connect(AssociationTest.params("MODALITY"), new Recorder());
        try (FakePeer acceptor = side.get(10, TimeUnit.SECONDS)) {
            acceptor.read();
            acceptor.send(P_DATA);
            assertThatThrownBy(() -> run(connecting)).hasRootCauseInstanceOf(UlProtocolException.class);
            assertThat(acceptor.read()).isEqualTo(AAbort.byProvider(AbortReason.UNEXPECTED_PDU));
        }
    }

    @Test
    void abortInsteadOfAnAnswer() throws Exception {
        CompletableFuture<FakePeer> side = fakeAcceptor();
        CompletableFuture<Association> connecting = connect(AssociationTest.params("MODALITY"), new Recorder());
        try (FakePeer acceptor = side.get(10, TimeUnit.SECONDS)) {
            acceptor.read();
            acceptor.send(new AAbort(2, 0));
            assertThatThrownBy(() -> run(connecting)).hasRootCauseInstanceOf(AssociationAbortedException.class);
        }
    }

    @Test
    void acceptorThatNeverAnswersTimesOutAfterArtim() throws Exception {
        CompletableFuture<FakePeer> side = fakeAcceptor();
        CompletableFuture<Association> connecting =
                connect(AssociationTest.params("MODALITY").withArtimMillis(300), new Recorder());
        try (FakePeer acceptor = side.get(10, TimeUnit.SECONDS)) {
            acceptor.read();
            assertThatThrownBy(() -> run(connecting)).hasRootCauseInstanceOf(SocketTimeoutException.class);
            assertThat(acceptor.read()).isEqualTo(AAbort.byUser());
        }
    }

    @Test
    void acceptorAnnouncingANeedlesslySmallMaximumIsAborted() throws Exception {
        CompletableFuture<FakePeer> side = fakeAcceptor();
        CompletableFuture<Association> connecting = connect(AssociationTest.params("MODALITY"), new Recorder());
        try (FakePeer acceptor = side.get(10, TimeUnit.SECONDS)) {
            AAssociateRq rq = (AAssociateRq) acceptor.read();
            acceptor.send(new AAssociateAc(
                    1,
                    rq.calledAet(),
                    rq.callingAet(),
                    rq.applicationContext(),
                    List.of(new PresentationContextAc(1, 0, EXPLICIT_LE)),
                    UserInformation.of(6, "1.2.3.4", null)));
            assertThatThrownBy(() -> run(connecting)).hasRootCauseInstanceOf(UlProtocolException.class);
        }
    }
    /**
     * A peer that has its A-ASSOCIATE-AC may send and abort before the server has made the
     * association's receiver; the server counts it as busy all the same, until its slot is free.
     */
    @Test
    void aConnectionIsBusyFromItsAcceptanceUntilItsSlotIsFree() throws Exception {
        CountDownLatch factoryEntered = new CountDownLatch(1), factoryMayReturn = new CountDownLatch(1);
        CountDownLatch ended = new CountDownLatch(1);
        server = new UlServer(
                AssociationTest.params("STORESCP"),
                SimpleAssociationPolicy.of("STORESCP", Set.of(), Map.of(XA_STORAGE, Set.of(EXPLICIT_LE))),
                a -> {
                    factoryEntered.countDown();
                    try {
                        factoryMayReturn.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return new Recorder();
                });
        server.onConnectionEnd(ended::countDown);
        int port = server.start(InetAddress.getLoopbackAddress(), 0);
        assertThat(server.busy()).isFalse();
        try (FakePeer peer = FakePeer.connect(port)) {
            peer.associate();
            assertThat(factoryEntered.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(server.busy())
                    .as("established, its receiver not made yet")
                    .isTrue();
            peer.send(AAbort.byUser());
            factoryMayReturn.countDown();
            assertThat(ended.await(10, TimeUnit.SECONDS))
                    .as("the end of the connection is announced")
                    .isTrue();
            assertThat(server.busy()).isFalse();
        }
    }
}
