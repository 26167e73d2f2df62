package org.fluorovault.procedure;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Random;
import java.util.function.IntFunction;
import javax.sql.DataSource;
import org.fluorovault.procedure.internal.ProcedureRepository;
import org.fluorovault.procedure.internal.WorklistFacts;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Times the procedure lookups with N records (default 100,000) in a fresh database: by patient,
 * by accession, by id, and a page of a one-week date range. Not a test: run it by hand, record
 * the result in docs/benchmarks.md.
 *
 * <pre>java -cp target/classes:target/test-classes:$(cat cp.txt) org.fluorovault.procedure.ProcedureBenchmark [N] [jdbc-url user password]</pre>
 * Without a URL it uses an H2 file database (PostgreSQL mode, as the application) in a temporary folder.
 */
public final class ProcedureBenchmark {
    private ProcedureBenchmark() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        String url = args.length > 1
                ? args[1]
                : "jdbc:h2:file:" + java.nio.file.Files.createTempDirectory("fv-proc-bench")
                        + "/db;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        DataSource ds =
                new DriverManagerDataSource(url, args.length > 2 ? args[2] : "sa", args.length > 3 ? args[3] : "");
        Flyway.configure().dataSource(ds).cleanDisabled(false).load().clean();
        Flyway.configure().dataSource(ds).load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
        ProcedureService service = new ProcedureService(
                new ProcedureRepository(jdbc, JsonMapper.builder().build()),
                tx,
                e -> {},
                new WorklistStatuses(
                        new WorklistFacts(ids -> java.util.Map.of(), new org.fluorovault.archive.StudyQueries(jdbc)),
                        studies -> java.util.Set.of())); // no linked studies here
        System.out.printf(
                "java %s, %d processors, %s%n",
                System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(),
                url.replaceFirst(";.*", ""));
        Random rnd = new Random(42);
        int patients = n / 4;
        long t0 = System.nanoTime();
        for (int batch = 0; batch < n; batch += 1000) { // creates join one transaction per 1000 (loading, not measured)
            int from = batch;
            tx.executeWithoutResult(s -> {
                for (int i = from; i < Math.min(n, from + 1000); i++) {
                    String pid = "B" + rnd.nextInt(patients);
                    LocalDateTime when = LocalDateTime.of(2020, 1, 1, 8, 0)
                            .plusDays(rnd.nextInt(6 * 365))
                            .plusMinutes(rnd.nextInt(600));
                    service.create(ProcedureServiceTest.data(pid, "ACC" + i, when), "bench");
                }
            });
        }
        long loadMs = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("created %d procedures in %d s (%.0f/s)%n", n, loadMs / 1000, n * 1000.0 / loadMs);
        time("forPatient", i -> service.forPatient("B" + rnd.nextInt(patients)).size());
        time(
                "findByAccession",
                i -> service.findByAccession("ACC" + rnd.nextInt(n)).size());
        time("find(id)", i -> service.find(1 + rnd.nextInt(n)).isPresent() ? 1 : 0);
        time("search one week, page of 50", i -> {
            LocalDate from = LocalDate.of(2020, 1, 1).plusDays(rnd.nextInt(6 * 365 - 7));
            return service.search(null, null, from, from.plusDays(6), 0, 50)
                    .items()
                    .size();
        });
        time(
                "search patient + year",
                i -> service.search(
                                "B" + rnd.nextInt(patients),
                                null,
                                LocalDate.of(2023, 1, 1),
                                LocalDate.of(2023, 12, 31),
                                0,
                                50)
                        .items()
                        .size());
    }

    private static void time(String name, IntFunction<Integer> op) {
        int rounds = 1000;
        long[] t = new long[rounds];
        long results = 0;
        for (int r = -200; r < rounds; r++) { // warm-up first
            long s = System.nanoTime();
            results += op.apply(r);
            if (r >= 0) t[r] = System.nanoTime() - s;
        }
        Arrays.sort(t);
        System.out.printf(
                "%-30s median %.2f ms, p95 %.2f ms, max %.2f ms (%d results)%n",
                name, t[rounds / 2] / 1e6, t[rounds * 95 / 100] / 1e6, t[rounds - 1] / 1e6, results);
    }
}
