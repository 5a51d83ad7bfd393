package io.jenkins.plugins.externalbuild.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Budget states in one small text file that the processes of a machine share, so that several {@code extbuild}
 * processes with the same credentials pace themselves as one client. Each update locks the whole file
 * ({@link FileChannel#lock()}: the operating system drops the lock of a process that dies, so a process killed
 * mid-request blocks nobody; what it booked stays booked), reads it, changes one entry and writes it back. One line
 * per budget, {@code <key> TAB <state>}; the key is the budget's name (provider, API base, a fingerprint of the
 * credentials — never a secret). Entries untouched for {@link #STALE} are dropped; a damaged line is ignored (that
 * budget starts afresh). If the file cannot be used, the store keeps going in memory for this process.
 */
final class FileBudgetStore implements BudgetStore {

    private static final Logger LOGGER = Logger.getLogger(FileBudgetStore.class.getName());
    /** Longer than any provider's window (GitHub's is an hour). */
    static final Duration STALE = Duration.ofHours(2);
    /** A file lock belongs to the JVM, not a thread: threads of one JVM take turns on this monitor first. */
    private static final Map<Path, Object> IN_JVM = new ConcurrentHashMap<>();

    private final Path file;
    private final Object monitor;
    private final BudgetStore fallback = BudgetStore.memory();
    private volatile boolean failed;

    FileBudgetStore(Path file) {
        this.file = file.toAbsolutePath().normalize();
        this.monitor = IN_JVM.computeIfAbsent(this.file, f -> new Object());
    }

    @Override
    public <T> T update(String key, long now, Function<BudgetState, T> change) {
        if (failed || key.indexOf('\t') >= 0 || key.indexOf('\n') >= 0) {
            return fallback.update(key, now, change);
        }
        synchronized (monitor) {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE); FileLock lock = ch.lock()) {
                Map<String, BudgetState> states = read(ch);
                BudgetState s = states.computeIfAbsent(key, k -> new BudgetState());
                String before = s.toLine();
                T result = change.apply(s);
                boolean dropped = now > 0 && states.values().removeIf(
                        o -> o != s && o.touched + STALE.toMillis() < now && o.pausedUntil < now && o.resetAt < now);
                if (dropped || !s.toLine().equals(before)) {
                    write(ch, states);
                }
                return result;
            } catch (IOException | RuntimeException e) {
                failed = true;
                LOGGER.log(Level.WARNING, "cannot share rate budgets through " + file + "; this process keeps its own", e);
                return fallback.update(key, now, change);
            }
        }
    }

    private static Map<String, BudgetState> read(FileChannel ch) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(ch.size(), 1 << 20));
        while (buf.hasRemaining() && ch.read(buf, buf.position()) > 0) {
            // read it all
        }
        Map<String, BudgetState> states = new LinkedHashMap<>();
        for (String line : new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).split("\n")) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                BudgetState.parse(line.substring(tab + 1)).ifPresent(s -> states.put(line.substring(0, tab), s));
            }
        }
        return states;
    }

    private static void write(FileChannel ch, Map<String, BudgetState> states) throws IOException {
        StringBuilder text = new StringBuilder();
        states.forEach((k, s) -> text.append(k).append('\t').append(s.toLine()).append('\n'));
        ByteBuffer buf = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
        long at = 0;
        while (buf.hasRemaining()) {
            at += ch.write(buf, at);
        }
        ch.truncate(at);
    }

    /** Whether {@code dir} can hold the shared file (creating it if needed, for its owner only where POSIX). */
    static boolean usable(Path dir) {
        try {
            if (!Files.isDirectory(dir) && dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            Files.createDirectories(dir);
            return Files.isDirectory(dir) && Files.isWritable(dir);
        } catch (IOException | SecurityException e) {
            return false;
        }
    }
}
