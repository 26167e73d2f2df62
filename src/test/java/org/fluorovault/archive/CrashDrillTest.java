package org.fluorovault.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fluorovault.dicom.io.TransferSyntax;
import org.fluorovault.support.ArchiveProcess;
import org.fluorovault.support.Peers;
import org.fluorovault.support.PgTestDatabase;
import org.fluorovault.support.TestDicom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash drills: the archive runs as a process of its own, dcmtk's storescu sends to it, and the
 * archive is killed with SIGKILL at a random moment and right after the last Success. After each
 * restart every object acknowledged with Success must be listed by QIDO-RS and retrieved by
 * WADO-RS byte for byte, and everything listed must be whole.
 */
@Tag("interop")
class CrashDrillTest {
    @TempDir
    Path dir;

    record Sent(Path file, String series, String iuid) {}

    private final String study = TestDicom.uid();
    private final Map<String, Sent> sent = new LinkedHashMap<>();
    private final Set<String> acknowledged = new TreeSet<>();

    @Test
    void killedAtRandomAndRightAfterTheLastSuccessOnH2() throws Exception {
        drill(List.of());
    }

    @Test
    void killedAtRandomAndRightAfterTheLastSuccessOnPostgres() throws Exception {
        PgTestDatabase.require();
        String schema = PgTestDatabase.newSchema("crash");
        try {
            drill(List.of(
                    "--spring.datasource.url=" + PgTestDatabase.url(schema),
                    "--spring.datasource.username=" + PgTestDatabase.user(),
                    "--spring.datasource.password=" + PgTestDatabase.password(),
                    "--spring.flyway.schemas=" + schema));
        } finally {
            PgTestDatabase.drop(schema);
        }
    }

    /**
     * PostgreSQL restarted while objects arrive: stores during the outage fail (A700), never answer
     * Success for what is not indexed, and every object acknowledged before, during and after is
     * there afterwards, byte for byte; the archive keeps serving without a restart of its own.
     */
    @Test
    void postgresRestartedDuringIngest() throws Exception {
        PgTestDatabase.require();
        Peers.require("storescu", "pg_ctlcluster", "pg_lsclusters");
        String[] cluster =
                Peers.run(dir, 30, "pg_lsclusters", "-h").output().trim().split("\\s+");
        String schema = PgTestDatabase.newSchema("pgrestart");
        List<String> args = List.of(
                "--spring.datasource.url=" + PgTestDatabase.url(schema),
                "--spring.datasource.username=" + PgTestDatabase.user(),
                "--spring.datasource.password=" + PgTestDatabase.password(),
                "--spring.flyway.schemas=" + schema,
                "--spring.datasource.hikari.connection-timeout=2000");
        try (ArchiveProcess a = ArchiveProcess.start(dir.resolve("archive"), List.of(), args)) {
            List<Sent> batch = objects("R", 40);
            Thread restart = new Thread(() -> {
                try {
                    Peers.run(dir, 60, "pg_ctlcluster", cluster[0], cluster[1], "restart");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            sendWith(a, batch, 8, restart); // restart PostgreSQL once the 8th Success has arrived
            restart.join(60_000);
            for (int i = 0;
                    i < 60
                            && !Peers.run(dir, 10, "pg_isready", "-h", "127.0.0.1")
                                    .output()
                                    .contains("accepting");
                    i++) {
                Thread.onSpinWait();
            }
            List<Sent> after = objects("S", 4);
            sendWith(a, after, Integer.MAX_VALUE, null);
            assertTrue(
                    acknowledged.containsAll(after.stream().map(Sent::iuid).toList()),
                    "the archive stores again after the restart");
            verify(a, "after PostgreSQL restarted during ingest (" + acknowledged.size() + " acknowledged)");
        } finally {
            PgTestDatabase.drop(schema);
        }
    }

    /**
     * The disk fills up while objects arrive (the objects on a small tmpfs with no free-space
     * threshold, so writes fail with ENOSPC): stores that no longer fit are refused, nothing
     * half-stored is listed, everything acknowledged is whole, and once there is room again the
     * archive stores again without a restart. (With the index on the same disk, the default
     * threshold of 512 MB keeps room for the index and the audit trail.)
     */
    @Test
    void theDiskFillsUp() throws Exception {
        Peers.require("storescu", "mount", "umount");
        Path disk = Files.createDirectories(dir.resolve("small-disk"));
        Peers.Result mounted = Peers.run(dir, 30, "mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", disk.toString());
        if (mounted.exitCode() != 0) {
            if (Peers.inCi())
                throw new AssertionError("cannot mount a tmpfs for the disk-full drill: " + mounted.output());
            org.junit.jupiter.api.Assumptions.assumeTrue(false, "no tmpfs mount here: " + mounted.output());
        }
        // the objects fill their disk for real (no free-space threshold); the index lives on another disk
        List<String> args = List.of(
                "--fluorovault.storage.min-free-space=0B",
                "--fluorovault.storage.prepare-folders=false",
                "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("index").resolve("fluorovault")
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        try (ArchiveProcess a = ArchiveProcess.start(disk.resolve("archive"), List.of(), args)) {
            Thread nothing = new Thread(() -> {});
            sendWith(a, objects("F", 40), Integer.MAX_VALUE, nothing); // 40 x 0.5 MB into 16 MB
            int stored = acknowledged.size();
            assertTrue(stored > 0 && stored < 40, "some fit, some did not: " + stored);
            verify(a, "with the disk full");
            assertEquals(
                    0,
                    Peers.run(dir, 30, "mount", "-o", "remount,size=64m", disk.toString())
                            .exitCode());
            List<Sent> more = objects("G", 4);
            sendWith(a, more, Integer.MAX_VALUE, nothing);
            assertTrue(
                    acknowledged.containsAll(more.stream().map(Sent::iuid).toList()),
                    "stores again once there is room\n" + a.output());
            verify(a, "after the disk had room again");
        } finally {
            Peers.run(dir, 30, "umount", "-l", disk.toString());
        }
    }

    private void drill(List<String> args) throws Exception {
        Peers.require("storescu");
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Path storage = dir.resolve("archive");
        List<Sent> first = objects("A", 24), second = objects("B", 12);

        ArchiveProcess a = ArchiveProcess.start(storage, List.of(), args);
        int killAfter = 1 + random.nextInt(first.size() - 1);
        send(a, first, killAfter); // SIGKILL the moment the killAfter-th Success arrives
        assertTrue(acknowledged.size() >= killAfter, "seed " + seed + ": " + acknowledged.size());

        a = ArchiveProcess.start(storage, List.of(), args);
        verify(a, "after a kill at Success " + killAfter + " (seed " + seed + ")");
        send(a, second, Integer.MAX_VALUE);
        a.kill9(); // right after storescu saw the last Success
        assertTrue(acknowledged.size() >= killAfter + second.size(), "all of the second batch acknowledged");

        a = ArchiveProcess.start(storage, List.of(), args);
        try {
            verify(a, "after a kill right after the last Success");
            assertTrue(
                    a.output().contains("Receipt journal replayed")
                            || a.output().contains("Started"),
                    a.output());
        } finally {
            a.close();
        }
    }

    private List<Sent> objects(String batch, int n) throws Exception {
        List<Sent> out = new ArrayList<>();
        String series = TestDicom.uid();
        for (int i = 0; i < n; i++) {
            String iuid = TestDicom.uid();
            var ds = TestDicom.xa("P-CRASH", study, series, iuid, 1, 512);
            ds.setString(
                    org.fluorovault.dicom.dict.Tags.InstanceNumber,
                    org.fluorovault.dicom.data.VR.IS,
                    Integer.toString(i + 1));
            Path f = TestDicom.write(dir.resolve(batch + i + ".dcm"), ds, TransferSyntax.EXPLICIT_VR_LE);
            Sent s = new Sent(f, series, iuid);
            sent.put(f.toString(), s);
            out.add(s);
        }
        return out;
    }

    /** Sends over one association; kills the archive when the {@code killAfter}-th Success arrives. */
    private void send(ArchiveProcess a, List<Sent> files, int killAfter) throws Exception {
        sendWith(a, files, killAfter, null);
    }

    /**
     * Sends over one association; when the {@code after}-th Success arrives, starts {@code action}
     * (or, without one, kills the archive).
     */
    private void sendWith(ArchiveProcess a, List<Sent> files, int after, Thread action) throws Exception {
        int killAfter = after;
        List<String> cmd = new ArrayList<>(List.of(
                "storescu",
                "-v",
                "--no-halt",
                "-aet",
                "CARM1",
                "-aec",
                "FLUOROVAULT",
                "127.0.0.1",
                Integer.toString(a.dicomPort)));
        files.forEach(f -> cmd.add(f.file().toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        Pattern sending = Pattern.compile("Sending file: (.*)$");
        String current = null;
        int successes = 0;
        StringBuilder log = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                log.append(line).append('\n');
                Matcher m = sending.matcher(line);
                if (m.find()) current = m.group(1).trim();
                if (line.contains("Received Store Response (Success)") && current != null) {
                    acknowledged.add(sent.get(current).iuid());
                    if (++successes == killAfter) {
                        if (action != null) action.start();
                        else a.kill9();
                    }
                }
            }
        }
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        if (killAfter == Integer.MAX_VALUE && action == null) assertEquals(files.size(), successes, log.toString());
    }

    /** The archive's warnings, errors and their causes, the last 40. */
    private static String tail(String log) {
        List<String> lines = log.lines()
                .filter(l -> l.contains(" WARN ") || l.contains(" ERROR ") || l.startsWith("Caused by"))
                .toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /** Every acknowledged object is retrievable byte for byte; every listed object is whole. */
    private void verify(ArchiveProcess a, String when) throws Exception {
        for (Sent s : sent.values()) {
            if (!acknowledged.contains(s.iuid())) continue;
            Path back = a.retrieve(dir, study, s.series(), s.iuid());
            assertNotNull(back, when + ": acknowledged object " + s.iuid() + " lost\n" + tail(a.output()));
            assertArrayEquals(TestDicom.datasetBytes(s.file()), TestDicom.datasetBytes(back), when + ": " + s.iuid());
        }
        var listed = a.get("/dicomweb/studies/" + study + "/instances");
        assertTrue(listed.statusCode() == 200 || listed.statusCode() == 204, when + ": QIDO " + listed.statusCode());
        Matcher m = Pattern.compile("\"00080018\"\\s*:\\s*\\{[^}]*\"Value\"\\s*:\\s*\\[\\s*\"([0-9.]+)\"")
                .matcher(new String(listed.body(), StandardCharsets.UTF_8));
        Set<String> seen = new TreeSet<>();
        while (m.find()) seen.add(m.group(1));
        assertTrue(seen.containsAll(acknowledged), when + ": QIDO lists every acknowledged object");
        for (String iuid : seen) { // listed but never acknowledged (killed before its Success): still whole
            Sent s = sent.values().stream()
                    .filter(x -> x.iuid().equals(iuid))
                    .findFirst()
                    .orElseThrow();
            Path back = a.retrieve(dir, study, s.series(), iuid);
            assertNotNull(back, when + ": listed object " + iuid + " not retrievable\n" + tail(a.output()));
            assertArrayEquals(
                    TestDicom.datasetBytes(s.file()), TestDicom.datasetBytes(back), when + ": listed " + iuid);
        }
    }
}
