package io.jenkins.plugins.externalbuild.cli.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code extbuild bench}: our whole stack (provider adapter, transport, header parsing, budget, engine, restart
 * loop) against simulated providers in virtual time, beside the documented polling loops of today's tools and
 * the even-spreading references; then the real engine's threads and heap per wait; or, with {@code --real-http},
 * a few minutes of real HTTP over loopback.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Run N waits per scenario (GitHub, GitLab, Codeship, CodeBuild simulated with their documented "
                + "headers and errors; builds log-normal, median 8 min, p95 40 min) through the real provider adapters "
                + "and engine in virtual time, beside today's tools' polling loops and the even-spreading references: "
                + "requests, rejections, detection latency. Markdown to stdout, CSV to --csv.",
            "With --real-http: 200 waits on one account limited to 60/min on a loopback HTTP server, ours beside "
                + "fixed 10 s and 30 s pollers."})
public final class BenchCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--n", split = ",", paramLabel = "N", description = "Numbers of waits. Default: 10,100,1000,10000.")
    List<Integer> sizes = List.of(10, 100, 1_000, 10_000);

    @Option(names = "--scenario", split = ",", paramLabel = "I",
            description = "Scenarios by number (1-10, see the README). Default: all.")
    List<Integer> scenarios;

    @Option(names = "--seed", description = "Workload seed. Default: ${DEFAULT-VALUE}.")
    long seed = 42;

    @Option(names = "--threads", description = "Cells run in parallel. Default: ${DEFAULT-VALUE}.")
    int threads = 2;

    @Option(names = "--csv", paramLabel = "FILE", description = "CSV output. Default: ${DEFAULT-VALUE}.")
    Path csv = Path.of("bench-results.csv");

    @Option(names = "--footprint", paramLabel = "WAITS",
            description = "Waits for the real engine's steady-state threads and heap (0: skip). Default: ${DEFAULT-VALUE}.")
    int footprint = 10_000;

    @Option(names = "--real-http", description = "Run only the real-HTTP run over loopback (a few minutes).")
    boolean realHttp;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Logger.getLogger("io.jenkins.plugins.externalbuild").setLevel(Level.WARNING);
        if (realHttp) {
            RealHttpRun.run(out);
            return 0;
        }
        long started = System.nanoTime();
        List<Scenario> all = Scenario.all();
        List<Scenario> chosen = new ArrayList<>();
        if (scenarios == null) {
            chosen.addAll(all);
        } else {
            for (int i : scenarios) {
                if (i < 1 || i > all.size()) {
                    throw new IllegalArgumentException("--scenario must be 1-" + all.size() + ", got " + i);
                }
                chosen.add(all.get(i - 1));
            }
        }
        for (int n : sizes) {
            if (n < 1) {
                throw new IllegalArgumentException("--n must be positive, got " + n);
            }
        }
        out.printf(Locale.ROOT, "extbuild bench: seed %d, horizon %d h, %d scenarios x N %s%n%n", seed,
                Simulation.HORIZON_MILLIS / 3_600_000, chosen.size(), sizes);
        out.println(Result.tableHeader());
        out.flush();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        List<Result> results = new ArrayList<>();
        try {
            List<Future<List<Result>>> cells = new ArrayList<>();
            for (Scenario s : chosen) {
                for (int n : sizes) {
                    cells.add(pool.submit(() -> cell(s, n)));
                }
            }
            for (Future<List<Result>> f : cells) {
                for (Result r : f.get()) {
                    out.println(r.row());
                    results.add(r);
                }
                out.flush();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("a bench cell failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        List<String> lines = new ArrayList<>();
        lines.add(Result.csvHeader());
        results.forEach(r -> lines.add(r.csv()));
        Files.write(csv, lines, StandardCharsets.UTF_8);
        out.println();
        out.printf(Locale.ROOT, "CSV: %s; virtual-time cells took %.0f s of wall time%n", csv.toAbsolutePath(),
                (System.nanoTime() - started) / 1e9);
        if (footprint > 0) {
            EngineFootprint.Figures f = EngineFootprint.measure(footprint);
            out.println(f.describe());
        }
        out.flush();
        return 0;
    }

    private List<Result> cell(Scenario s, int n) throws IOException {
        Workload w = Workload.generate(n, seed, s.behaviour());
        Simulation sim = new Simulation(s, w);
        List<Result> rows = new ArrayList<>();
        for (AnchorPolicy p : AnchorPolicy.values()) {
            rows.add(sim.anchor(p));
        }
        rows.add(sim.reference(false));
        if (s.behaviour().hinted) {
            rows.add(sim.reference(true));
        }
        rows.add(WholeStack.run(s, w));
        return Targets.mark(s, rows);
    }
}
