package org.fluorovault.dicom.net.ul;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fluorovault.dicom.net.ul.GoldenPdus.EXPLICIT_LE;
import static org.fluorovault.dicom.net.ul.GoldenPdus.IMPLICIT_LE;
import static org.fluorovault.dicom.net.ul.GoldenPdus.VERIFICATION;
import static org.fluorovault.dicom.net.ul.GoldenPdus.XA_STORAGE;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Our requestor against our acceptor over real sockets on 127.0.0.1. */
class AssociationTest {

    private static final InetAddress LOCALHOST = InetAddress.getLoopbackAddress();
    private static final String CT_STORAGE = "1.2.840.10008.5.1.4.1.1.2";

    private UlServer server;
    private final Recorder serverSide = new Recorder();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    static AssociationParams params(String aet) {
        return AssociationParams.defaults(aet)
                .withMaxPduLength(16384)
                .withArtimMillis(5000)
                .withIdleTimeoutMillis(20000)
                .withReleaseTimeoutMillis(5000);
    }

    private int start(AssociationParams params, Function<Association, DimseReceiver> receivers) throws IOException {
        server = new UlServer(
                params,
                SimpleAssociationPolicy.of(
                        "ARCHIVE",
                        Set.of(),
                        Map.of(XA_STORAGE, Set.of(IMPLICIT_LE, EXPLICIT_LE), CT_STORAGE, Set.of(EXPLICIT_LE))),
                receivers);
        return server.start(LOCALHOST, 0);
    }

    private int start(Recorder receiver) throws IOException {
        return start(params("ARCHIVE"), a -> receiver);
    }

    private static AssociationRequest twoContexts() {
        return AssociationRequest.to("ARCHIVE")
                .withContext(VERIFICATION, IMPLICIT_LE)
                .withContext(XA_STORAGE, IMPLICIT_LE, EXPLICIT_LE);
    }

    @Test
    void negotiatesTwoContextsOneRejectedAndReleases() throws Exception {
        int port = start(serverSide);
        Recorder clientSide = new Recorder();
        Association assoc = Association.connect("127.0.0.1", port, twoContexts(), params("MODALITY"), clientSide);

        assertThat(assoc.isRequestor()).isTrue();
        assertThat(assoc.isOpen()).isTrue();
        assertThat(assoc.name()).isEqualTo("MODALITY->ARCHIVE#" + assoc.serial());
        assertThat(assoc.presentationContexts())
                .containsExactly(
                        new PresentationContext(1, VERIFICATION, IMPLICIT_LE, 3),
                        new PresentationContext(3, XA_STORAGE, IMPLICIT_LE, 0));
        assertThat(assoc.findAccepted(XA_STORAGE, null))
                .map(PresentationContext::id)
                .contains(3);
        assertThat(assoc.findAccepted(XA_STORAGE, EXPLICIT_LE)).isEmpty();
        assertThat(assoc.findAccepted(VERIFICATION, null)).isEmpty();
        assertThat(assoc.peerMaxPduLength()).isEqualTo(16384);
        assertThat(assoc.peerImplementationClassUid()).isEqualTo(Implementation.CLASS_UID);
        assertThat(assoc.peerImplementationVersionName()).isEqualTo("FLUOROVAULT_01");
        assertThat(assoc.maxOpsInvoked()).isEqualTo(1);

        assoc.release();
        assertThat(assoc.isOpen()).isFalse();
        assertThat(assoc.state()).isEqualTo(State.Sta1);
        assertThat(clientSide.awaitClosed()).isSameAs(Recorder.RELEASED);
        assertThat(serverSide.awaitClosed()).isSameAs(Recorder.RELEASED);
    }

    @Test
    void acceptorSeesTheSameNegotiation() throws Exception {
        CompletableFuture<Association> accepted = new CompletableFuture<>();
        int port = start(params("ARCHIVE"), a -> {
            accepted.complete(a);
            return serverSide;
        });
        Association assoc = Association.connect(
                "127.0.0.1",
                port,
                twoContexts().withRole(XA_STORAGE, true, true).withAsyncOpsWindow(5, 5),
                params("MODALITY"),
                new Recorder());
        Association remote = accepted.get(10, TimeUnit.SECONDS);

        assertThat(remote.isRequestor()).isFalse();
        assertThat(remote.callingAet()).isEqualTo("MODALITY");
        assertThat(remote.calledAet()).isEqualTo("ARCHIVE");
        assertThat(remote.remoteHost()).isEqualTo("127.0.0.1");
        assertThat(remote.presentationContexts()).isEqualTo(assoc.presentationContexts());
        assertThat(remote.roleSelection(XA_STORAGE)).isEqualTo(new RoleSelection(XA_STORAGE, true, true));
        assertThat(assoc.roleSelection(XA_STORAGE)).isEqualTo(new RoleSelection(XA_STORAGE, true, true));
        assertThat(assoc.roleSelection(CT_STORAGE)).isNull();
        assertThat(assoc.maxOpsInvoked()).isEqualTo(1);
        assertThat(assoc.maxOpsPerformed()).isEqualTo(1);
        assertThat(remote.peerImplementationVersionName()).isEqualTo("FLUOROVAULT_01");
        assertThat(server.associations()).containsExactly(remote);
        assoc.release();
        assertThat(serverSide.awaitClosed()).isSameAs(Recorder.RELEASED);
    }

    @Test
    void oneMegabyteDataSetRoundTripsInPdusWithinTheLimit() throws Exception {
        byte[] data = new byte[1 << 20];
        new Random(42).nextBytes(data);
        byte[] command = "C-STORE-RQ command set".getBytes();
        Recorder echo = new Recorder((assoc, pc, cmd) -> {
            byte[] received = assoc.openDataStream().readAllBytes();
            assoc.sendMessage(pc.id(), "C-STORE-RSP".getBytes(), out -> out.write(received));
        });
        int port = start(echo);
        PduSniffer sent = new PduSniffer();
        PduSniffer received = new PduSniffer();
        CompletableFuture<byte[]> answer = new CompletableFuture<>();
        Recorder client = new Recorder(
                (assoc, pc, cmd) -> answer.complete(assoc.openDataStream().readAllBytes()));
        Association assoc = Association.connect(
                "127.0.0.1", port, twoContexts(), params("MODALITY"), client, PduSniffer.tapping(sent, received));

        assoc.sendMessage(3, command, out -> {
            for (int off = 0; off < data.length; off += 1000) {
                out.write(data, off, Math.min(1000, data.length - off));
            }
        });

        assertThat(answer.get(20, TimeUnit.SECONDS)).isEqualTo(data);
        assertThat(echo.nextCommand().command()).isEqualTo(command);
        assertThat(client.nextCommand().command()).isEqualTo("C-STORE-RSP".getBytes());
        assoc.release();
        for (PduSniffer sniffer : new PduSniffer[] {sent, received}) {
            assertThat(sniffer.seen())
                    .filteredOn(s -> s.type() == PDataTf.TYPE)
                    .hasSizeGreaterThan(64)
                    .allSatisfy(s -> assertThat(s.length()).isLessThanOrEqualTo(16384));
        }
        assertThat(sent.seen())
                .first()
                .isEqualTo(new PduSniffer.Seen(
                        AAssociateRq.TYPE, sent.seen().get(0).length()));
        assertThat(sent.seen()).last().isEqualTo(new PduSniffer.Seen(AReleaseRq.TYPE, 4));
    }

    @Test
    void peerWithSmallerMaximumGetsSmallerPdus() throws Exception {
        Recorder sink = new Recorder((assoc, pc, cmd) -> assoc.openDataStream().readAllBytes());
        int port = start(params("ARCHIVE").withMaxPduLength(4096), a -> sink);
        PduSniffer sent = new PduSniffer();
        Association assoc = Association.connect(
                "127.0.0.1",
                port,
                twoContexts(),
                params("MODALITY"),
                new Recorder(),
                PduSniffer.tapping(sent, new PduSniffer()));
        assoc.sendMessage(3, new byte[10000], out -> out.write(new byte[100_000]));
        sink.nextCommand();
        assoc.release();
        assertThat(sent.seen())
                .filteredOn(s -> s.type() == PDataTf.TYPE)
                .allSatisfy(s -> assertThat(s.length()).isLessThanOrEqualTo(4096))
                .hasSize(3 + 25);
    }

    @Test
    void unreadAndHalfReadDataSetsAreDrained() throws Exception {
        Recorder lazy = new Recorder((assoc, pc, cmd) -> {
            if (cmd[0] == 2) {
                InputStream in = assoc.openDataStream();
                in.readNBytes(70_000); // about half, then returns
            }
            if (cmd[0] == 3) {
                assoc.sendMessage(
                        pc.id(),
                        new byte[] {3},
                        out -> out.write(assoc.openDataStream().readAllBytes()));
            }
        });
        int port = start(lazy);
        CompletableFuture<byte[]> answer = new CompletableFuture<>();
        Association assoc = Association.connect(
                "127.0.0.1",
                port,
                twoContexts(),
                params("MODALITY"),
                new Recorder((a, pc, cmd) -> answer.complete(a.openDataStream().readAllBytes())));

        assoc.sendMessage(3, new byte[] {1}, out -> out.write(new byte[150_000])); // never opened
        assoc.sendMessage(3, new byte[] {2}, out -> out.write(new byte[150_000])); // half read
        assoc.sendMessage(3, new byte[] {3}, out -> out.write("still in sync".getBytes()));

        assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo("still in sync".getBytes());
        assertThat(assoc.isOpen()).isTrue();
        assoc.release();
        assertThat(lazy.awaitClosed()).isSameAs(Recorder.RELEASED);
    }

    @Test
    void messagesWithoutDataSetAndEmptyCommands() throws Exception {
        int port = start(serverSide);
        Association assoc = Association.connect("127.0.0.1", port, twoContexts(), params("MODALITY"), new Recorder());
        assoc.sendMessage(3, new byte[0], null);
        assoc.sendMessage(3, new byte[40_000], null);
        assertThat(serverSide.nextCommand().command()).isEmpty();
        Recorder.Message m = serverSide.nextCommand();
        assertThat(m.command()).hasSize(40_000);
        assertThat(m.pc()).isEqualTo(new PresentationContext(3, XA_STORAGE, IMPLICIT_LE, 0));
        assertThatThrownBy(() -> assoc.sendMessage(1, new byte[1], null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> assoc.sendMessage(5, new byte[1], null)).isInstanceOf(IllegalArgumentException.class);
        assoc.release();
    }

    @Test
    void abortByRequestorReachesTheAcceptor() throws Exception {
        int port = start(serverSide);
        Recorder client = new Recorder();
        Association assoc = Association.connect("127.0.0.1", port, twoContexts(), params("MODALITY"), client);
        assoc.abort();

        assertThat(serverSide.awaitClosed()).isInstanceOfSatisfying(AssociationAbortedException.class, e -> {
            assertThat(e.source()).isZero();
            assertThat(e.local()).isFalse();
        });
        assertThat(client.awaitClosed())
                .isInstanceOfSatisfying(
                        AssociationAbortedException.class,
                        e -> assertThat(e.local()).isTrue());
        assertThat(assoc.isOpen()).isFalse();
        assertThatThrownBy(() -> assoc.sendMessage(3, new byte[1], null)).isInstanceOf(IOException.class);
    }

    @Test
    void abortByAcceptorReachesTheRequestor() throws Exception {
        Recorder aborting = new Recorder((assoc, pc, cmd) -> assoc.abort());
        int port = start(aborting);
        Recorder client = new Recorder();
        Association assoc = Association.connect("127.0.0.1", port, twoContexts(), params("MODALITY"), client);
        assoc.sendMessage(3, new byte[] {1}, null);

        assertThat(client.awaitClosed()).isInstanceOfSatisfying(AssociationAbortedException.class, e -> {
            assertThat(e.source()).isZero();
            assertThat(e.local()).isFalse();
        });
        assertThat(aborting.awaitClosed()).isInstanceOf(AssociationAbortedException.class);
        assoc.awaitClosed();
        assertThat(server.associations()).isEmpty();
    }

    @Test
    void silentPeerIsAbortedAfterTheIdleTimeout() throws Exception {
        int port = start(params("ARCHIVE").withIdleTimeoutMillis(300), a -> serverSide);
        Recorder client = new Recorder();
        Association.connect("127.0.0.1", port, twoContexts(), params("MODALITY"), client);

        assertThat(client.awaitClosed()).isInstanceOfSatisfying(AssociationAbortedException.class, e -> {
            assertThat(e.source()).isEqualTo(AAbort.SOURCE_SERVICE_PROVIDER);
            assertThat(e.local()).isFalse();
        });
        assertThat(serverSide.awaitClosed())
                .isInstanceOf(AssociationAbortedException.class)
                .hasCauseInstanceOf(java.net.SocketTimeoutException.class);
    }

    @Test
    void rejectionsAreTyped() throws Exception {
        int port = start(serverSide);
        assertThatThrownBy(() -> Association.connect(
                        "127.0.0.1",
                        port,
                        AssociationRequest.to("NOBODY").withContext(XA_STORAGE, IMPLICIT_LE),
                        params("MODALITY"),
                        new Recorder()))
                .isInstanceOfSatisfying(AssociationRejectedException.class, e -> {
                    assertThat(e.rejectReason()).contains(RejectReason.CALLED_AE_NOT_RECOGNIZED);
                    assertThat(e.result()).isEqualTo(1);
                    assertThat(e.source()).isEqualTo(1);
                    assertThat(e.reason()).isEqualTo(7);
                });
        assertThatThrownBy(() -> Association.connect(
                        "127.0.0.1",
                        port,
                        AssociationRequest.to("ARCHIVE").withContext(VERIFICATION, IMPLICIT_LE),
                        params("MODALITY"),
                        new Recorder()))
                .isInstanceOfSatisfying(
                        AssociationRejectedException.class,
                        e -> assertThat(e.rejectReason()).contains(RejectReason.NO_REASON));
    }

    @Test
    void callingAeAllowList() throws Exception {
        server = new UlServer(
                params("ARCHIVE"),
                SimpleAssociationPolicy.of("ARCHIVE", Set.of("CATHLAB1"), Map.of(XA_STORAGE, Set.of(IMPLICIT_LE))),
                a -> serverSide);
        int port = server.start(LOCALHOST, 0);
        assertThatThrownBy(
                        () -> Association.connect("127.0.0.1", port, twoContexts(), params("MODALITY"), new Recorder()))
                .isInstanceOfSatisfying(
                        AssociationRejectedException.class,
                        e -> assertThat(e.rejectReason()).contains(RejectReason.CALLING_AE_NOT_RECOGNIZED));
        Association ok = Association.connect("127.0.0.1", port, twoContexts(), params("CATHLAB1"), new Recorder());
        ok.release();
    }

    @Test
    void releaseOnTheReaderThreadIsRefused() throws Exception {
        CompletableFuture<Throwable> refused = new CompletableFuture<>();
        Recorder r = new Recorder((assoc, pc, cmd) -> {
            try {
                assoc.release();
            } catch (IllegalStateException e) {
                refused.complete(e);
            }
            assoc.sendMessage(pc.id(), new byte[] {9}, null);
        });
        int port = start(r);
        Recorder client = new Recorder();
        Association assoc = Association.connect("127.0.0.1", port, twoContexts(), params("MODALITY"), client);
        assoc.sendMessage(3, new byte[] {1}, null);
        assertThat(client.nextCommand().command()).containsExactly(9);
        assertThat(refused.get(5, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class);
        assoc.release();
    }

    @Test
    void concurrentSendersDoNotInterleaveMessages() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Recorder sink = new Recorder((assoc, pc, cmd) -> {
            byte[] data = assoc.openDataStream().readAllBytes();
            for (byte b : data) {
                if (b != cmd[0]) {
                    throw new AssertionError("data of message " + b + " inside message " + cmd[0]);
                }
            }
            synchronized (log) {
                log.write(cmd[0]);
            }
        });
        int port = start(sink);
        Association assoc = Association.connect("127.0.0.1", port, twoContexts(), params("MODALITY"), new Recorder());
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            byte id = (byte) (t + 1);
            threads[t] = new Thread(() -> {
                try {
                    for (int i = 0; i < 5; i++) {
                        byte[] payload = new byte[50_000];
                        java.util.Arrays.fill(payload, id);
                        assoc.sendMessage(3, new byte[] {id}, out -> out.write(payload));
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join(20_000);
        }
        for (int i = 0; i < 20; i++) {
            sink.nextCommand();
        }
        assoc.release();
        assertThat(sink.awaitClosed()).isSameAs(Recorder.RELEASED);
        assertThat(log.size()).isEqualTo(20);
    }
}
