package org.fluorovault.dicom.net.ul;

import java.io.IOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A DimseReceiver for tests: records commands and the end of the association; an optional action runs per command. */
class Recorder implements DimseReceiver {

    interface OnCommand {
        void handle(Association assoc, PresentationContext pc, byte[] command) throws IOException;
    }

    record Message(PresentationContext pc, byte[] command) {}

    /** Holds the cause passed to onClosed; a null cause is recorded as this marker. */
    static final Throwable RELEASED = new Throwable("released");

    final BlockingQueue<Message> commands = new LinkedBlockingQueue<>();
    final CompletableFuture<Throwable> closed = new CompletableFuture<>();
    private final OnCommand action;

    Recorder() {
        this((a, pc, c) -> {});
    }

    Recorder(OnCommand action) {
        this.action = action;
    }

    @Override
    public void onCommand(Association assoc, PresentationContext pc, byte[] command) throws IOException {
        commands.add(new Message(pc, command));
        action.handle(assoc, pc, command);
    }

    @Override
    public void onClosed(Association assoc, Throwable cause) {
        closed.complete(cause == null ? RELEASED : cause);
    }

    Message nextCommand() throws InterruptedException {
        Message m = commands.poll(10, TimeUnit.SECONDS);
        if (m == null) {
            throw new AssertionError("no command within 10 s");
        }
        return m;
    }

    Throwable awaitClosed() throws Exception {
        return closed.get(10, TimeUnit.SECONDS);
    }
}
