package org.fluorovault.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fluorovault.dicom.io.TransferSyntax;
import org.fluorovault.support.ArchiveProcess;
import org.fluorovault.support.Peers;
import org.fluorovault.support.TestDicom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves the order of a C-STORE's durable steps from the system calls the server makes: the
 * archive runs under {@code strace -f}, dcmtk's storescu sends several objects over one association,
 * and for every object acknowledged the trace must show, before the C-STORE-RSP naming it is
 * written to the socket: the fsync of its file, the rename into {@code objects/}, the fsync of each
 * directory created on the way (in its parent) and of the directory that names it, the fdatasync
 * of the receipt journal after the line naming it, and the write of the index commit to H2's file.
 */
@Tag("interop")
class DurabilityOrderTest {
    @TempDir
    Path dir;

    /** One system call: where it started and ended in the trace, its name, its arguments and result. */
    record Call(int start, int end, String name, String text) {}

    private static final Pattern CALL = Pattern.compile("^(\\d+)\\s+(\\w+)\\((.*)$");
    private static final Pattern RESUMED = Pattern.compile("^(\\d+)\\s+<\\.\\.\\. (\\w+) resumed>(.*)$");

    @Test
    void everyDurableStepPrecedesTheSuccessResponse() throws Exception {
        Peers.require("storescu", "strace");
        Path storage = dir.resolve("archive");
        Path trace = dir.resolve("trace.txt");
        List<String> uids = new ArrayList<>();
        List<String> files = new ArrayList<>();
        String study = TestDicom.uid(), series = TestDicom.uid();
        for (int i = 0; i < 6; i++) {
            String iuid = TestDicom.uid();
            uids.add(iuid);
            files.add(TestDicom.write(
                            dir.resolve("o" + i + ".dcm"),
                            TestDicom.xa("P-TRACE", study, series, iuid, 1, 256),
                            TransferSyntax.EXPLICIT_VR_LE)
                    .toString());
        }
        List<String> strace = List.of(
                "strace",
                "-f",
                "--seccomp-bpf",
                "-y",
                "-s",
                "400",
                "-o",
                trace.toString(),
                "-e",
                "trace=fsync,fdatasync,rename,renameat,renameat2,mkdir,mkdirat,write,pwrite64,writev,sendto,sendmsg");
        try (ArchiveProcess a = ArchiveProcess.start(storage, strace, List.of())) {
            List<String> cmd = new ArrayList<>(
                    List.of("storescu", "-v", "-aec", "FLUOROVAULT", "127.0.0.1", Integer.toString(a.dicomPort)));
            cmd.addAll(files);
            Peers.Result r = Peers.run(dir, 120, cmd);
            assertEquals(
                    uids.size(), r.output().split("Received Store Response \\(Success\\)", -1).length - 1, r.output());
            a.kill9();
        }
        List<Call> calls = parse(Files.readAllLines(trace));
        String objects = storage.toAbsolutePath().normalize().resolve("objects").toString();
        for (String uid : uids) {
            Call response = first(calls, 0, c -> isSocketWrite(c) && c.text().contains(uid), "C-STORE-RSP for " + uid);
            Call rename = first(
                    calls,
                    0,
                    c -> c.name().startsWith("rename")
                            && c.text().contains(objects)
                            && c.text().contains("/" + uid + "."),
                    "rename of " + uid);
            Matcher m = Pattern.compile("\"([^\"]+\\.part)\",.*\"(" + Pattern.quote(objects)
                            + "/[0-9a-f]{2}/[0-9a-f]{2})/" + Pattern.quote(uid) + "\\.[0-9a-f]{8}\\.dcm\"")
                    .matcher(rename.text());
            assertTrue(m.find(), rename.text());
            String part = m.group(1), folder = m.group(2);
            Call fileSync =
                    last(calls, rename.start(), c -> isSync(c) && fdPath(c).equals(part), "fsync of " + part);
            Call dirSync =
                    first(calls, rename.end(), c -> isSync(c) && fdPath(c).equals(folder), "fsync of " + folder);
            Call line = first(
                    calls,
                    rename.end(),
                    c -> c.name().equals("write")
                            && fdPath(c).endsWith("/journal/receipts.log")
                            && c.text().contains(uid),
                    "journal line of " + uid);
            Call journal = first(
                    calls,
                    line.end() + 1,
                    c -> isSync(c) && fdPath(c).endsWith("/journal/receipts.log"),
                    "journal fdatasync after " + uid);
            Call index = first(
                    calls,
                    rename.end(),
                    c -> (c.name().startsWith("pwrite") || c.name().equals("write"))
                            && fdPath(c).endsWith(".mv.db"),
                    "H2 write after " + uid);
            for (Call step : List.of(fileSync, rename, dirSync, journal, index)) {
                assertTrue(
                        step.end() < response.start(),
                        uid + ": " + step.name() + " " + fdPath(step) + " must complete before the response (line "
                                + step.end() + " vs " + response.start() + ")");
            }
            assertTrue(fileSync.end() < rename.start(), "file forced before it is renamed");
            // each directory created for this object is forced in its parent before the response
            for (String created : List.of(folder, Path.of(folder).getParent().toString())) {
                Call mkdir = lastOrNull(
                        calls,
                        rename.start(),
                        c -> c.name().startsWith("mkdir") && c.text().contains("\"" + created + "\""));
                if (mkdir == null) continue; // made for an earlier object
                String parent = Path.of(created).getParent().toString();
                Call parentSync =
                        first(calls, mkdir.end(), c -> isSync(c) && fdPath(c).equals(parent), "fsync of " + parent);
                assertTrue(parentSync.end() < response.start(), created + ": its entry forced before the response");
            }
        }
    }

    private static boolean isSync(Call c) {
        return c.name().equals("fsync") || c.name().equals("fdatasync");
    }

    private static boolean isSocketWrite(Call c) {
        return (c.name().equals("write")
                        || c.name().equals("sendto")
                        || c.name().equals("writev")
                        || c.name().equals("sendmsg"))
                && (c.text().contains("<TCP")
                        || c.text().contains("<socket:")
                        || c.text().contains("<TCPv6"));
    }

    /** The path strace -y prints after the first file descriptor argument, e.g. {@code 12</a/b>}. */
    private static String fdPath(Call c) {
        Matcher m = Pattern.compile("^\\d+<([^>]*)>").matcher(c.text());
        return m.find() ? m.group(1) : "";
    }

    private static Call first(List<Call> calls, int fromLine, Predicate<Call> p, String what) {
        for (Call c : calls) if (c.start() >= fromLine && p.test(c)) return c;
        fail("not in the trace: " + what);
        return null;
    }

    private static Call last(List<Call> calls, int beforeLine, Predicate<Call> p, String what) {
        Call c = lastOrNull(calls, beforeLine, p);
        if (c == null) fail("not in the trace: " + what);
        return c;
    }

    private static Call lastOrNull(List<Call> calls, int beforeLine, Predicate<Call> p) {
        Call found = null;
        for (Call c : calls) if (c.end() < beforeLine && p.test(c)) found = c;
        return found;
    }

    /** Joins "unfinished" and "resumed" halves; a call's end is the line that gives its result. */
    static List<Call> parse(List<String> lines) {
        List<Call> out = new ArrayList<>();
        Map<String, String[]> pending = new HashMap<>(); // pid -> {startLine, name, text}
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher res = RESUMED.matcher(line);
            if (res.find()) {
                String[] open = pending.remove(res.group(1));
                if (open != null) out.add(new Call(Integer.parseInt(open[0]), i, open[1], open[2] + res.group(3)));
                continue;
            }
            Matcher m = CALL.matcher(line);
            if (!m.find()) continue;
            if (line.endsWith("<unfinished ...>")) {
                pending.put(m.group(1), new String[] {Integer.toString(i), m.group(2), m.group(3)});
            } else {
                out.add(new Call(i, i, m.group(2), m.group(3)));
            }
        }
        out.sort(java.util.Comparator.comparingInt(Call::start));
        return out;
    }
}
