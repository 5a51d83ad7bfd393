package io.jenkins.plugins.externalbuild.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A {@link RestartLedger} kept in a JSON file, so that it survives a restart of the host (Jenkins keeps it in
 * its home). Written whole, through a temporary file and an atomic move, after each recorded restart; a file
 * that cannot be read or written is logged and never stops a restart.
 */
public final class FileRestartLedger implements RestartLedger {

    private static final Logger LOGGER = Logger.getLogger(FileRestartLedger.class.getName());

    private final Path file;
    private final MemoryRestartLedger memory;

    private FileRestartLedger(Path file, MemoryRestartLedger memory) {
        this.file = file;
        this.memory = memory;
    }

    /** The ledger saved in {@code file}, or an empty one when there is none yet. */
    public static FileRestartLedger open(Path file) {
        MemoryRestartLedger memory = new MemoryRestartLedger();
        if (Files.isRegularFile(file)) {
            try {
                memory = MemoryRestartLedger.fromJson(Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                LOGGER.log(Level.WARNING, "cannot read the restart ledger " + file + "; starting an empty one", e);
            }
        }
        return new FileRestartLedger(file, memory);
    }

    @Override
    public Optional<Attempt> restartOf(Attempt from, Instant now) {
        return memory.restartOf(from, now);
    }

    @Override
    public synchronized void record(Attempt from, Attempt to, Instant at) {
        memory.record(from, to, at);
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            Files.writeString(tmp, memory.toJson(), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "cannot save the restart ledger " + file, e);
        }
    }
}
