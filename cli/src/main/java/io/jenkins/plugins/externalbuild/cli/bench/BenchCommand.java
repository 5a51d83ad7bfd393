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
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code extbuild bench}: our wait engine against the polling policies of today's tools, side by side on the
 * same simulated workload and rate limit, in virtual time; plus the real engine's threads and heap per wait.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Simulate N concurrent restarted builds (log-normal durations: median 8 min, p95 40 min; "
                + "queued time; flaky failures) on one credential with a rate limit, and compare our engine with "
                + "the anchors' documented polling policies: requests, rejected requests, detection latency.",
            "Writes a Markdown table to stdout and CSV to --csv."})
public final class BenchCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--n", split = ",", paramLabel = "N", description = "Numbers of concurrent builds. Default: 10,100,1000,10000.")
    List<Integer> sizes = List.of(10, 100, 1_000, 10_000);

    @Option(names = "--budget", split = ",", paramLabel = "NAME",
            description = "Rate limits: github (5,000 an hour, announced) and/or codeship (60 a minute, silent). Default: both.")
    List<String> budgets = List.of("github", "codeship");

    @Option(names = "--seed", description = "Workload seed. Default: ${DEFAULT-VALUE}.")
    long seed = 42;

    @Option(names = "--run-to-run", paramLabel = "SIGMA",
            description = "Log-normal sigma of an attempt's duration around the previous attempt's. Default: ${DEFAULT-VALUE}.")
    double runToRunSigma = 0.05;

    @Option(names = "--flaky", paramLabel = "SHARE", description = "Share of builds that fail. Default: ${DEFAULT-VALUE}.")
    double flaky = 0.1;

    @Option(names = "--csv", paramLabel = "FILE", description = "CSV output. Default: ${DEFAULT-VALUE}.")
    Path csv = Path.of("bench-results.csv");

    @Option(names = "--footprint", paramLabel = "WAITS",
            description = "Waits for the real engine's thread and heap measurement (0: skip). Default: ${DEFAULT-VALUE}.")
    int footprint = 10_000;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        List<Result> results = new ArrayList<>();
        out.printf(Locale.ROOT, "extbuild bench: seed %d, run-to-run sigma %.2f, flaky %.0f%%, horizon %d h%n%n", seed,
                runToRunSigma, flaky * 100, Simulation.HORIZON_MILLIS / 3_600_000);
        out.println("| budget | N | policy | batch | requests | req/build | rejected | detected | p50 s | p95 s | max s |");
        out.println("|---|---:|---|---:|---:|---:|---:|---|---:|---:|---:|");
        out.flush();
        for (String name : budgets) {
            RateLimit limit = switch (name.trim().toLowerCase(Locale.ROOT)) {
                case "github" -> RateLimit.github();
                case "codeship" -> RateLimit.codeship();
                default -> throw new IllegalArgumentException("Unknown budget '" + name + "': expected github or codeship");
            };
            for (int n : sizes) {
                if (n < 1) {
                    throw new IllegalArgumentException("--n must be positive, got " + n);
                }
                Simulation sim = new Simulation(Workload.generate(n, seed, runToRunSigma, flaky), limit);
                List<Result> rows = new ArrayList<>();
                for (AnchorPolicy p : AnchorPolicy.values()) {
                    rows.add(sim.anchor(p));
                }
                rows.add(sim.evenSpread(1));
                rows.add(sim.evenSpread(100));
                rows.add(sim.ours(1, false));
                rows.add(sim.ours(1, true));
                rows.add(sim.ours(100, true));
                for (Result r : rows) {
                    out.println(r.row());
                }
                out.flush();
                results.addAll(rows);
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add(Result.csvHeader());
        results.forEach(r -> lines.add(r.csv()));
        Files.write(csv, lines, StandardCharsets.UTF_8);
        out.println();
        out.println("CSV: " + csv.toAbsolutePath());
        if (footprint > 0) {
            EngineFootprint.Figures f = EngineFootprint.measure(footprint);
            out.printf(Locale.ROOT, "Real engine, %,d waits: %d threads, %,d bytes of heap per wait%n", f.waits(),
                    f.threads(), f.bytesPerWait());
        }
        return 0;
    }
}
