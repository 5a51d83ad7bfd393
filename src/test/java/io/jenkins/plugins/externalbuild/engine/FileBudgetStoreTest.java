package io.jenkins.plugins.externalbuild.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Budgets shared through one file: independent stores over it act as one budget, concurrent writers in several
 * JVMs lose no update, a process killed while holding the lock blocks nobody, and stale entries go.
 */
public class FileBudgetStoreTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final String KEY = "github|https://api.github.com|0123456789ab";

    @TempDir
    Path dir;

    private RateBudget budget(Path file, double ceiling) {
        return new RateBudget(KEY, ceiling, new FileBudgetStore(file));
    }

    @Test
    void independentBudgetsOverOneFileShareTheirSlotsAndTheProvidersCount() {
        Path file = dir.resolve("rate-budgets");
        RateBudget a = budget(file, 1.0);
        RateBudget b = budget(file, 1.0);

        assertThat(a.acquire(T0)).isTrue();
        assertThat(b.acquire(T0)).as("the slot is taken by the other").isFalse();
        assertThat(b.nextSlot(T0)).isEqualTo(T0.plusMillis(1111));

        a.observe(T0, 2, T0.plusSeconds(40));
        assertThat(b.nextSlot(T0.plusSeconds(5))).as("the reserve is reached: until the reset").isEqualTo(T0.plusSeconds(40));
        b.pause(T0.plusSeconds(50));
        assertThat(a.nextSlot(T0.plusSeconds(5))).isEqualTo(T0.plusSeconds(50));
    }

    @Test
    void theFileHoldsNoSecretAndForgetsStaleEntries() throws IOException {
        Path file = dir.resolve("rate-budgets");
        new RateBudget("old|https://x|aaaaaaaaaaaa", 1.0, new FileBudgetStore(file)).acquire(T0);
        budget(file, 1.0).acquire(T0.plus(FileBudgetStore.STALE).plusSeconds(1));

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).singleElement().asString().startsWith(KEY + "\t");
    }

    @Test
    void theFolderIsCreatedForItsOwnerOnly() throws IOException {
        Path folder = dir.resolve("cache/extbuild");
        RateBudgets.sharedFile(folder.resolve("rate-budgets")).budget(KEY, 1.0).acquire(T0);
        assertThat(Files.readString(folder.resolve("rate-budgets"))).startsWith(KEY + "\t");
        if (folder.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)))
                    .isEqualTo("rwx------");
        }
    }

    @Test
    void aDamagedFileStartsAfresh() throws IOException {
        Path file = dir.resolve("rate-budgets");
        Files.writeString(file, KEY + "\tnot numbers\n\u0000\u0001garbage");
        RateBudget b = budget(file, 1.0);
        assertThat(b.acquire(T0)).isTrue();
        assertThat(b.nextSlot(T0)).isEqualTo(T0.plusMillis(1111));
    }

    @Test
    void writersInSeveralProcessesLoseNoUpdate() throws Exception {
        Path file = dir.resolve("rate-budgets");
        List<Process> writers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            writers.add(java(Writer.class, file.toString(), "250"));
        }
        for (Process p : writers) {
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
        }
        long count = new FileBudgetStore(file).update(KEY, 0, s -> s.sent);
        assertThat(count).as("4 processes x 250 increments").isEqualTo(1000);
    }

    @Test
    void aProcessKilledWhileHoldingTheLockBlocksNobody() throws Exception {
        Path file = dir.resolve("rate-budgets");
        Process holder = java(Holder.class, file.toString());
        assertThat(new String(holder.getInputStream().readNBytes(7), StandardCharsets.UTF_8)).isEqualTo("locked\n");
        holder.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

        RateBudget b = budget(file, 1.0);
        assertThat(b.acquire(T0)).isTrue();
        assertThat(b.nextSlot(T0)).isEqualTo(T0.plusMillis(1111));
    }

    private static Process java(Class<?> main, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).start();
    }

    /** Adds one to the shared state {@code n} times, each in its own locked update. */
    public static final class Writer {
        public static void main(String[] args) {
            FileBudgetStore store = new FileBudgetStore(Path.of(args[0]));
            for (int i = 0; i < Integer.parseInt(args[1]); i++) {
                store.update(KEY, 0, s -> s.sent++);
            }
        }
    }

    /** Takes the file's lock, says so, and holds it until killed. */
    public static final class Holder {
        public static void main(String[] args) throws Exception {
            try (FileChannel ch = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 var lock = ch.lock()) {
                System.out.print("locked\n");
                System.out.flush();
                Thread.sleep(Duration.ofMinutes(5).toMillis());
            }
        }
    }
}
