package org.fluorovault.bench;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.fluorovault.FluoroVaultApplication;
import org.fluorovault.analysis.AnalysisService;
import org.fluorovault.archive.ArchiveStore;
import org.fluorovault.archive.InstanceIndex;
import org.fluorovault.archive.StoredInstance;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.data.VR;
import org.fluorovault.dicom.dict.Tags;
import org.fluorovault.dicom.io.TransferSyntax;
import org.fluorovault.evidence.EvidenceService;
import org.fluorovault.evidence.packet.EvidenceZip;
import org.fluorovault.evidence.packet.PacketService;
import org.fluorovault.linking.LinkOnReceipt;
import org.fluorovault.node.DicomNode;
import org.fluorovault.procedure.Procedure;
import org.fluorovault.procedure.ProcedureData;
import org.fluorovault.procedure.ProcedureService;
import org.fluorovault.review.AnnotationRequest;
import org.fluorovault.review.AnnotationService;
import org.fluorovault.review.NeedleTip;
import org.fluorovault.support.Senders;
import org.fluorovault.support.TestDicom;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The issue-5 performance goals in one run: the 62323 verdict with N procedures (default 100,000) and their
 * studies in the database, the PDF packet of a procedure with two 30-frame 512 x 512 runs, and the ZIP packet's
 * throughput against reading the same files. Not a test; results go to docs/benchmarks.md.
 *
 * <pre>src/bench/evidence-bench.sh [N]</pre>
 */
public final class EvidenceBenchmark {
    private EvidenceBenchmark() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path storage = Files.createTempDirectory("fv-evidence-bench");
        try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(FluoroVaultApplication.class)
                .properties(
                        "fluorovault.storage.path=" + storage,
                        "fluorovault.storage.fsync=false",
                        "fluorovault.dicom.port=0",
                        "fluorovault.dicom.bind-address=127.0.0.1",
                        "server.port=0",
                        "fluorovault.analysis.on-receipt=false",
                        "fluorovault.security.admin-password=bench-admin-password",
                        "logging.level.root=WARN")
                .run()) {
            run(ctx, n, storage);
        }
    }

    private static void run(ConfigurableApplicationContext ctx, int n, Path storage) throws Exception {
        ProcedureService procedures = ctx.getBean(ProcedureService.class);
        JdbcTemplate jdbc = ctx.getBean(JdbcTemplate.class);
        TransactionTemplate tx = ctx.getBean(TransactionTemplate.class);
        EvidenceService evidence = ctx.getBean(EvidenceService.class);
        System.out.printf(
                "java %s, %d processors, H2 file database%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        Random rnd = new Random(42);
        int patients = Math.max(1, n / 4);
        long t0 = System.nanoTime();
        List<long[]> ids = new ArrayList<>(); // procedure id, patient number
        for (int batch = 0; batch < n; batch += 1000) {
            int from = batch;
            tx.executeWithoutResult(s -> {
                for (int i = from; i < Math.min(n, from + 1000); i++) {
                    int p = rnd.nextInt(patients);
                    LocalDateTime when = LocalDateTime.of(2021, 1, 1, 8, 0)
                            .plusDays(rnd.nextInt(5 * 365))
                            .plusMinutes(rnd.nextInt(600));
                    Procedure created = procedures.create(data("B" + p, "ACC" + i, when), "bench");
                    ids.add(new long[] {created.id(), p});
                }
            });
        }
        fillStudies(jdbc, ids);
        System.out.printf(
                "loaded %d procedures with a linked XA study of two runs each in %d s%n",
                n, (System.nanoTime() - t0) / 1_000_000_000L);
        long[] times = new long[1000];
        for (int r = -200; r < times.length; r++) {
            long id = ids.get(rnd.nextInt(ids.size()))[0];
            long s = System.nanoTime();
            evidence.evaluate(id, "bench");
            if (r >= 0) times[r] = System.nanoTime() - s;
        }
        report("verdict (gather facts, 11 rules, store)", times);

        // a procedure with two real runs, annotated and analysed
        DicomNode node = ctx.getBean(DicomNode.class);
        Procedure p = procedures.create(data("PDF1", "PDFACC1", LocalDateTime.of(2026, 11, 2, 9, 0)), "bench");
        String study = TestDicom.uid();
        Path dir = Files.createTempDirectory("fv-bench-runs");
        List<String> runs = new ArrayList<>();
        for (int angle : new int[] {0, 90}) {
            String iuid = TestDicom.uid();
            Attributes ds = TestDicom.xa("PDF1", study, TestDicom.uid(), iuid, 30, 512);
            ds.setString(Tags.AccessionNumber, VR.SH, "PDFACC1");
            ds.setString(Tags.PositionerPrimaryAngle, VR.DS, Integer.toString(angle));
            TestDicom.write(dir.resolve(iuid + ".dcm"), ds, TransferSyntax.EXPLICIT_VR_LE);
            runs.add(iuid);
        }
        Senders.send(node.port(), node.aeTitle(), dir);
        ctx.getBean(org.fluorovault.common.BackgroundWork.class).awaitIdle(60_000, LinkOnReceipt.QUEUE);
        AnnotationService annotations = ctx.getBean(AnnotationService.class);
        AnalysisService analysis = ctx.getBean(AnalysisService.class);
        String[] views = {"AP", "LATERAL"};
        for (int i = 0; i < runs.size(); i++) {
            analysis.analysis(runs.get(i));
            annotations.save(
                    runs.get(i),
                    new AnnotationRequest(
                            new NeedleTip(20, 250.0, 240.0),
                            "L5-S1",
                            "INTERLAMINAR_PARAMEDIAN",
                            "RIGHT",
                            views[i],
                            "EPIDURAL",
                            null,
                            true,
                            List.of(20)),
                    "benchtech",
                    "TECHNOLOGIST");
        }
        PacketService packets = ctx.getBean(PacketService.class);
        long[] pdf = new long[10];
        long size = 0;
        for (int r = -3; r < pdf.length; r++) {
            CountingStream out = new CountingStream();
            long s = System.nanoTime();
            packets.writePdf(p.id(), "bench", List.of(), out);
            if (r >= 0) pdf[r] = System.nanoTime() - s;
            size = out.count;
        }
        report("PDF packet, two 30-frame 512x512 runs (" + size / 1024 + " KiB)", pdf);

        // ZIP throughput against reading the same stored files, both to a null sink
        EvidenceZip zip = ctx.getBean(EvidenceZip.class);
        ArchiveStore store = ctx.getBean(ArchiveStore.class);
        InstanceIndex index = ctx.getBean(InstanceIndex.class);
        long bytes = 0;
        for (String uid : runs) bytes += index.find(uid).size();
        long[] zipT = new long[7], readT = new long[7];
        for (int r = 0; r < zipT.length; r++) {
            long s = System.nanoTime();
            zip.plan(p.id()).write(new CountingStream());
            zipT[r] = System.nanoTime() - s;
            s = System.nanoTime();
            for (String uid : runs) {
                StoredInstance si = index.find(uid);
                try (var in = Files.newInputStream(store.resolve(si.path()))) {
                    in.transferTo(new CountingStream());
                }
            }
            readT[r] = System.nanoTime() - s;
        }
        Arrays.sort(zipT);
        Arrays.sort(readT);
        double zipMb = bytes / 1e6 / (zipT[zipT.length / 2] / 1e9),
                readMb = bytes / 1e6 / (readT[readT.length / 2] / 1e9);
        System.out.printf(
                "ZIP packet %.1f MB: median %.0f MB/s; reading the same files %.0f MB/s; ratio %.2f%n",
                bytes / 1e6, zipMb, readMb, zipMb / readMb);
    }

    private static ProcedureData data(String patientId, String accession, LocalDateTime when) {
        return new ProcedureData(
                new Procedure.Patient(patientId, "Bench^Patient", LocalDate.of(1960, 5, 5), Procedure.Sex.F),
                accession,
                "RP1",
                null,
                when,
                when.plusMinutes(30),
                "62323",
                null,
                List.of("L5-S1"),
                Procedure.Approach.INTERLAMINAR,
                Procedure.Laterality.RIGHT,
                null,
                "Bench Clinic",
                List.of("M54.17"),
                null,
                new Procedure.Medications("triamcinolone", new BigDecimal("80"), "lidocaine"),
                List.of(
                        new Procedure.Score(
                                Procedure.Scale.NRS,
                                new BigDecimal("7"),
                                when.toLocalDate(),
                                Procedure.ScoreKind.BASELINE),
                        new Procedure.Score(
                                Procedure.Scale.NRS,
                                new BigDecimal("2"),
                                when.toLocalDate(),
                                Procedure.ScoreKind.POST)),
                "XA",
                "CARM1");
    }

    /** One study per procedure (patient, study, XA series, two instances at 0 and 90 degrees) and its link, by JDBC batches. */
    private static void fillStudies(JdbcTemplate jdbc, List<long[]> ids) {
        Timestamp now = Timestamp.from(Instant.now());
        java.util.Map<Long, Long> patientPk = new java.util.HashMap<>();
        String root = "1.2.826.0.1.3680043.10.1443.99.";
        for (int from = 0; from < ids.size(); from += 2000) {
            List<long[]> chunk = ids.subList(from, Math.min(ids.size(), from + 2000));
            for (long[] id : chunk) {
                patientPk.computeIfAbsent(id[1], p -> {
                    jdbc.update(
                            "INSERT INTO patient (patient_id, issuer, patient_name) VALUES (?, '', 'Bench^Patient')",
                            "B" + p);
                    return jdbc.queryForObject(
                            "SELECT id FROM patient WHERE patient_id = ? AND issuer = ''", Long.class, "B" + p);
                });
            }
            jdbc.batchUpdate(
                    "INSERT INTO study (study_instance_uid, patient_fk, study_date, accession_number, created_at) VALUES (?,?,?,?,?)",
                    chunk.stream()
                            .map(id -> new Object[] {
                                root + "1." + id[0], patientPk.get(id[1]), "20260101", "ACC" + id[0], now
                            })
                            .toList());
            jdbc.batchUpdate(
                    "INSERT INTO series (series_instance_uid, study_fk, modality, series_number, created_at) "
                            + "SELECT ?, id, 'XA', 1, ? FROM study WHERE study_instance_uid = ?",
                    chunk.stream()
                            .map(id -> new Object[] {root + "2." + id[0], now, root + "1." + id[0]})
                            .toList());
            List<Object[]> instances = new ArrayList<>();
            for (long[] id : chunk) {
                for (int k = 0; k < 2; k++) {
                    instances.add(new Object[] {root + "3." + id[0] + "." + k, k * 90.0, now, root + "2." + id[0]});
                }
            }
            jdbc.batchUpdate(
                    "INSERT INTO instance (sop_instance_uid, series_fk, sop_class_uid, transfer_syntax_uid, number_of_frames, "
                            + "rows_, columns_, positioner_primary_angle, calling_aet, received_at, path, size_bytes, sha256) "
                            + "SELECT ?, id, '1.2.840.10008.5.1.4.1.1.12.1', '1.2.840.10008.1.2.1', 30, 512, 512, ?, 'CARM1', ?, 'objects/none', 0, "
                            + "'0000000000000000000000000000000000000000000000000000000000000000' FROM series WHERE series_instance_uid = ?",
                    instances);
            jdbc.batchUpdate(
                    "INSERT INTO study_link (study_instance_uid, procedure_id, method, linked_by, linked_at) VALUES (?,?,'ACCESSION','linker',?)",
                    chunk.stream()
                            .map(id -> new Object[] {root + "1." + id[0], id[0], now})
                            .toList());
        }
    }

    private static void report(String name, long[] t) {
        Arrays.sort(t);
        System.out.printf(
                "%-55s median %.2f ms, p95 %.2f ms, max %.2f ms (%d runs)%n",
                name, t[t.length / 2] / 1e6, t[t.length * 95 / 100] / 1e6, t[t.length - 1] / 1e6, t.length);
    }

    private static final class CountingStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
