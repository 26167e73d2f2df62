package org.fluorovault.tools;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import javax.net.SocketFactory;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.dict.Tags;
import org.fluorovault.dicom.net.dimse.CommandField;
import org.fluorovault.dicom.net.dimse.Commands;
import org.fluorovault.dicom.net.dimse.DimseClient;
import org.fluorovault.dicom.net.dimse.Status;
import org.fluorovault.dicom.net.ul.Association;
import org.fluorovault.dicom.net.ul.AssociationParams;
import org.fluorovault.dicom.net.ul.AssociationRequest;
import org.fluorovault.dicom.net.ul.PresentationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The sender: a C-STORE SCU for importing folders and CDs. Sends every DICOM file found as it
 * is (no transcoding) over one association per batch of presentation contexts, and prints a
 * summary with the DIMSE status of each failure.
 */
@Command(
        name = "send",
        mixinStandardHelpOptions = true,
        description = "Send DICOM files (or every file below the given folders) to a storage SCP.")
public class SendCommand implements Callable<Integer> {
    @Option(names = "--host", required = true, description = "Host of the storage SCP")
    String host;

    @Option(names = "--port", required = true, description = "DICOM port of the storage SCP")
    int port;

    @Option(names = "--called-aet", required = true, description = "AE title of the storage SCP")
    String calledAet;

    @Option(names = "--calling-aet", defaultValue = "FVSEND", description = "Our AE title (default ${DEFAULT-VALUE})")
    String callingAet;

    @Option(
            names = "--max-pdu",
            defaultValue = "65536",
            description = "Largest PDU we receive (default ${DEFAULT-VALUE})")
    int maxPdu;

    @Option(names = "--no-progress", description = "Do not draw a progress bar")
    boolean noProgress;

    @Parameters(arity = "1..*", paramLabel = "FILES-OR-DIRS")
    List<Path> inputs;

    private final PrintStream out;

    public SendCommand() {
        this(System.out);
    }

    public SendCommand(PrintStream out) {
        this.out = out;
    }

    /** One failed file and why. */
    public record Failure(Path file, String status, String reason) {}

    /** The outcome of a run; {@code skipped} are files that are not DICOM (a CD's README, DICOMDIR...). */
    public record Summary(int sent, List<Failure> failures, List<Failure> skipped) {}

    public static int run(String... args) {
        return new CommandLine(new SendCommand()).execute(args);
    }

    /** {@code java -jar target/fluorovault-tools.jar --host ... FILES-OR-DIRS}; the exit code is 0 only if all were stored. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    @Override
    public Integer call() throws Exception {
        Summary s = send();
        out.printf(
                "Sent %d, failed %d, skipped %d (not DICOM)%n",
                s.sent(), s.failures().size(), s.skipped().size());
        for (Failure f : s.failures()) out.printf("  FAILED %s: %s %s%n", f.file(), f.status(), f.reason());
        for (Failure f : s.skipped()) out.printf("  skipped %s: %s%n", f.file(), f.reason());
        return s.failures().isEmpty() ? 0 : 1;
    }

    public Summary send() throws IOException, InterruptedException {
        List<Failure> failures = new ArrayList<>();
        List<Failure> skipped = new ArrayList<>();
        List<DicomFileInfo> files = new ArrayList<>();
        for (Path p : collect(inputs)) {
            try {
                files.add(DicomFileInfo.of(p));
            } catch (IOException e) {
                skipped.add(new Failure(p, "not sent", e.getMessage()));
            }
        }
        int sent = 0;
        long totalBytes = files.stream().mapToLong(DicomFileInfo::size).sum();
        try (ProgressBar bar = new ProgressBarBuilder()
                .setTaskName("Sending")
                .setInitialMax(Math.max(1, totalBytes))
                .setStyle(ProgressBarStyle.ASCII)
                .setUnit(" MB", 1 << 20)
                .showSpeed()
                .continuousUpdate()
                .setConsumer(
                        noProgress
                                ? new me.tongfei.progressbar.DelegatingProgressBarConsumer(x -> {})
                                : new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
                .build()) {
            for (List<DicomFileInfo> batch : batches(files)) {
                sent += sendBatch(batch, failures, bar);
            }
        }
        return new Summary(sent, failures, skipped);
    }

    /** Splits files so no association needs more than 128 presentation contexts. */
    private static List<List<DicomFileInfo>> batches(List<DicomFileInfo> files) {
        List<List<DicomFileInfo>> out = new ArrayList<>();
        Map<String, Integer> contexts = new LinkedHashMap<>();
        List<DicomFileInfo> current = new ArrayList<>();
        for (DicomFileInfo f : files) {
            String key = f.sopClassUid() + "|" + f.transferSyntaxUid();
            if (!contexts.containsKey(key) && contexts.size() == 128) {
                out.add(current);
                current = new ArrayList<>();
                contexts.clear();
            }
            contexts.putIfAbsent(key, contexts.size());
            current.add(f);
        }
        if (!current.isEmpty()) out.add(current);
        return out;
    }

    private int sendBatch(List<DicomFileInfo> batch, List<Failure> failures, ProgressBar bar)
            throws IOException, InterruptedException {
        AssociationRequest rq = AssociationRequest.to(calledAet);
        Map<String, Boolean> proposed = new LinkedHashMap<>();
        for (DicomFileInfo f : batch) {
            if (proposed.putIfAbsent(f.sopClassUid() + "|" + f.transferSyntaxUid(), true) == null) {
                rq = rq.withContext(f.sopClassUid(), f.transferSyntaxUid());
            }
        }
        DimseClient client = new DimseClient();
        Association assoc;
        try {
            assoc = Association.connect(
                    host,
                    port,
                    rq,
                    AssociationParams.defaults(callingAet).withMaxPduLength(maxPdu),
                    client,
                    SocketFactory.getDefault());
        } catch (IOException e) {
            for (DicomFileInfo f : batch)
                failures.add(new Failure(f.path(), "not sent", "association failed: " + e.getMessage()));
            return 0;
        }
        client.attach(assoc);
        int sent = 0;
        try {
            List<CompletableFuture<Attributes>> pending = new ArrayList<>();
            List<DicomFileInfo> order = new ArrayList<>();
            for (DicomFileInfo f : batch) {
                PresentationContext pc = assoc.findAccepted(f.sopClassUid(), f.transferSyntaxUid())
                        .orElse(null);
                if (pc == null) {
                    failures.add(new Failure(
                            f.path(),
                            "not sent",
                            "no accepted presentation context for " + f.sopClassUid() + " in "
                                    + f.transferSyntaxUid()));
                    bar.stepBy(f.size());
                    continue;
                }
                if (!assoc.isOpen()) {
                    failures.add(new Failure(f.path(), "not sent", "association closed"));
                    continue;
                }
                CompletableFuture<Attributes> rsp;
                try {
                    rsp = client.store(
                            pc, f.sopClassUid(), f.sopInstanceUid(), Commands.PRIORITY_MEDIUM, o -> copyDataset(f, o));
                } catch (IOException e) {
                    failures.add(new Failure(f.path(), "not sent", "association failed: " + e.getMessage()));
                    bar.stepBy(f.size());
                    continue;
                }
                rsp.whenComplete((r, t) -> bar.stepBy(f.size()));
                pending.add(rsp);
                order.add(f);
            }
            for (int i = 0; i < pending.size(); i++) {
                DicomFileInfo f = order.get(i);
                try {
                    Attributes r = pending.get(i).join();
                    Status st = Commands.status(r);
                    if (st.isFailure()) {
                        String comment = r.getString(Tags.ErrorComment, "");
                        String meaning = st.description(CommandField.C_STORE_RQ);
                        failures.add(new Failure(
                                f.path(),
                                String.format("%04X", st.code()),
                                comment.isEmpty() ? meaning : meaning + ": " + comment));
                    } else {
                        sent++;
                    }
                } catch (RuntimeException e) {
                    Throwable c = e.getCause() != null ? e.getCause() : e;
                    failures.add(new Failure(f.path(), "no response", c.getMessage()));
                }
            }
        } finally {
            if (assoc.isOpen()) {
                try {
                    assoc.release();
                } catch (IOException e) {
                    assoc.abort();
                }
            }
        }
        return sent;
    }

    private static void copyDataset(DicomFileInfo f, java.io.OutputStream out) throws IOException {
        try (FileChannel ch = FileChannel.open(f.path(), StandardOpenOption.READ)) {
            ch.position(f.datasetOffset());
            InputStream in = Channels.newInputStream(ch);
            in.transferTo(out);
        }
    }

    static List<Path> collect(List<Path> inputs) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path in : inputs) {
            if (Files.isDirectory(in)) {
                try (Stream<Path> s = Files.walk(in)) {
                    s.filter(Files::isRegularFile).sorted().forEach(files::add);
                }
            } else if (Files.isRegularFile(in)) {
                files.add(in);
            } else {
                throw new IOException("no such file or folder: " + in);
            }
        }
        return files;
    }
}
