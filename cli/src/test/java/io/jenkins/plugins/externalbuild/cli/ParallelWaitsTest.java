package io.jenkins.plugins.externalbuild.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several {@code extbuild wait} processes on one machine and one token share the token's budget through the state
 * file under the cache folder: against a loopback GitHub whose token allows 60 requests a minute (documented
 * {@code x-ratelimit-*} headers, 403 when used up), none is refused and every wait ends with its build. Real
 * processes, real time: {@code -Dextbuild.parallelWaits=50} runs the 50 (a few minutes), and
 * {@code -Dextbuild.jar=offline/cli/target/extbuild.jar} runs the packaged jar instead of the class path.
 */
class ParallelWaitsTest {

    private static final int PROCESSES = Integer.getInteger("extbuild.parallelWaits", 20);
    /** Builds end this long after the start and over the next 30 s: after every JVM has started and polled. */
    private static final long END_AFTER = Math.max(40, 3L * PROCESSES - 20);
    private static final String TOKEN = "ghp_ParallelWaits0123456789abcdefABCDEF";

    @StartStop
    final MockWebServer server = new MockWebServer();

    @TempDir
    Path dir;

    @Test
    void parallelWaitProcessesOnOneTokenShareItsBudget() throws Exception {
        GitHubToken account = new GitHubToken(60);
        server.setDispatcher(account);
        Instant start = Instant.now();
        List<Process> processes = new ArrayList<>();
        Map<Integer, Instant> exited = new ConcurrentHashMap<>();
        List<java.util.concurrent.CompletableFuture<Void>> recorded = new ArrayList<>();
        for (int i = 0; i < PROCESSES; i++) {
            String id = String.valueOf(5000 + i);
            account.build(id, start.plusSeconds(END_AFTER + 30L * i / PROCESSES));
            Process p = extbuild(i, "wait", "https://github.com/o/r/actions/runs/" + id, "--api-url",
                    server.url("/").toString(), "--timeout", "10m");
            int n = i;
            recorded.add(p.onExit().thenRun(() -> exited.put(n, Instant.now())));
            processes.add(p);
        }
        List<Integer> codes = new ArrayList<>();
        for (Process p : processes) {
            assertThat(p.waitFor(11, TimeUnit.MINUTES)).isTrue();
            codes.add(p.exitValue());
        }
        recorded.forEach(java.util.concurrent.CompletableFuture::join);
        Duration slowest = Duration.ZERO;
        for (int i = 0; i < PROCESSES; i++) {
            Duration late = Duration.between(start.plusSeconds(END_AFTER + 30L * i / PROCESSES), exited.get(i));
            slowest = late.compareTo(slowest) > 0 ? late : slowest;
        }
        System.out.printf("%d parallel waits, one token at 60/min: %d requests, %d refused, exits %s, slowest exit %d s "
                + "after its build ended, %d s in all%n", PROCESSES, account.requests.size(), account.rejected.size(),
                codes, slowest.toSeconds(), Duration.between(start, Instant.now()).toSeconds());

        for (int i = 0; i < PROCESSES; i++) {
            assertThat(codes.get(i)).as("wait %d: %s", i, Files.readString(dir.resolve("err-" + i))).isZero();
        }
        assertThat(account.rejected).as("requests refused by the provider").isEmpty();
        assertThat(dir.resolve("cache/extbuild/rate-budgets")).content().doesNotContain(TOKEN).contains("github|");
    }

    /**
     * A GitHub token allowing {@code limit} requests a minute, counted in fixed minutes from the first request, with
     * the documented headers ({@code x-ratelimit-limit/-remaining/-used/-reset/-resource}) on every answer and 403
     * "API rate limit exceeded" beyond; workflow runs in progress until their end, then completed/success.
     * (The plugin's tests have the same account for every provider style, {@code LimitedAccount}.)
     */
    private static final class GitHubToken extends Dispatcher {
        final int limit;
        final Map<String, Instant> endAt = new ConcurrentHashMap<>();
        final List<Instant> requests = new java.util.concurrent.CopyOnWriteArrayList<>();
        final List<Instant> rejected = new java.util.concurrent.CopyOnWriteArrayList<>();
        private long minute = Long.MIN_VALUE;
        private int used;

        GitHubToken(int limit) {
            this.limit = limit;
        }

        void build(String id, Instant end) {
            endAt.put(id, end);
        }

        @Override
        public synchronized MockResponse dispatch(RecordedRequest request) {
            Instant now = Instant.now();
            requests.add(now);
            if (now.toEpochMilli() >= minute + 60_000) {
                minute = now.toEpochMilli();
                used = 0;
            }
            boolean refused = used >= limit;
            used += refused ? 0 : 1;
            MockResponse.Builder b = new MockResponse.Builder().setHeader("Content-Type", "application/json")
                    .setHeader("x-ratelimit-limit", limit).setHeader("x-ratelimit-remaining", limit - used)
                    .setHeader("x-ratelimit-used", used).setHeader("x-ratelimit-resource", "core")
                    .setHeader("x-ratelimit-reset", (minute + 60_000 + 999) / 1000);
            if (refused) {
                rejected.add(now);
                return b.code(403).body("{\"message\":\"API rate limit exceeded for user ID 1.\"}").build();
            }
            String path = request.getUrl().encodedPath();
            String id = path.substring(path.lastIndexOf('/') + 1);
            boolean done = endAt.containsKey(id) && !now.isBefore(endAt.get(id));
            return b.code(200).body("{\"id\":" + id + ",\"status\":\"" + (done ? "completed" : "in_progress")
                    + "\",\"conclusion\":" + (done ? "\"success\"" : "null") + ",\"run_attempt\":1,"
                    + "\"html_url\":\"https://github.com/o/r/actions/runs/" + id + "\"}").build();
        }
    }

    private Process extbuild(int n, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto"));
        String jar = System.getProperty("extbuild.jar");
        if (jar != null) {
            command.addAll(List.of("-jar", jar));
        } else {
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        }
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(dir.resolve("out-" + n).toFile())
                .redirectError(dir.resolve("err-" + n).toFile());
        pb.environment().clear();
        pb.environment().put("GITHUB_TOKEN", TOKEN);
        pb.environment().put("XDG_CACHE_HOME", dir.resolve("cache").toString());
        pb.environment().put("HOME", dir.toString());
        return pb.start();
    }
}
