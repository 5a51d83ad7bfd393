package io.jenkins.plugins.externalbuild.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.externalbuild.engine.WaitPolicy;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The CLI's engine runs its waits on at most four threads, the HTTP stack's (OkHttp, Okio) included (issue 11).
 * Measured in a JVM of its own, as {@code extbuild} runs: the HTTP stack's threads are shared by a JVM, and those
 * that other tests of this JVM left idling (OkHttp's task runner keeps a thread 60 s) are not the engine's.
 */
class EngineFootprintTest {

    @Test
    void manyWaitsRunOnAtMostFourThreadsTheHttpStacksIncluded() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), EngineFootprintTest.class.getName())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).as("the measuring JVM ends: %s", out).isTrue();
        assertThat(p.exitValue()).as("the measuring JVM's exit: %s", out).isZero();

        long polls = Long.parseLong(line(out, "polls="));
        List<String> threads = Arrays.asList(line(out, "threads=").split("\\|"));
        assertThat(polls).as("steady state: every wait polled several times").isGreaterThanOrEqualTo(4L * 50);
        assertThat(threads).as("threads: %s", threads).hasSizeLessThanOrEqualTo(4);
    }

    /** The measurement, run by the test in a fresh JVM: 50 waits on the CLI's executor over loopback HTTP. */
    public static void main(String[] args) throws Exception {
        WaitPolicy fast = new WaitPolicy(Duration.ofMillis(100), Duration.ofMillis(200), 1.5, 0.0, Duration.ofMinutes(2),
                3, 5, true);
        EngineFootprint.Figures f = EngineFootprint.measure(50, fast);
        System.out.println("polls=" + f.polls());
        System.out.println("threads=" + String.join("|", f.threads()));
        System.exit(0);
    }

    private static String line(String out, String prefix) {
        return out.lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).findFirst()
                .orElseThrow(() -> new AssertionError("no '" + prefix + "' line in: " + out));
    }
}
