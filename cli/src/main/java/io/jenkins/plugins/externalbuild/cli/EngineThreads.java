package io.jenkins.plugins.externalbuild.cli;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;

/**
 * The CLI engine's thread: one daemon thread serves both as the engine's {@code Scheduler} and as its io executor.
 * A scheduler task is short (it sends the due polls), so it can wait behind a call in flight; and one call at a time
 * is what a CLI process needs (one wait or restart loop, paced by its account's budget: a request every few seconds
 * at most). With the HTTP stack's own three — OkHttp's task runner (its coordinator, and the worker it hands over
 * to, which runs the connection pool's closer) and Okio's timeout watchdog — a wait, or ten thousand, runs on four
 * threads.
 */
public final class EngineThreads {

    /** The threads of the pool: one call in flight at a time. */
    public static final int THREADS = 1;

    private EngineThreads() {
    }

    /** A fresh pool of a daemon thread named {@code extbuild-engine}. */
    public static ScheduledExecutorService start() {
        return start(r -> {
            Thread t = new Thread(r, "extbuild-engine");
            t.setDaemon(true);
            return t;
        });
    }

    /** A fresh pool whose threads {@code factory} makes. */
    public static ScheduledExecutorService start(ThreadFactory factory) {
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(THREADS, factory);
        // The engine re-arms its pump often: a cancelled task leaves the queue at once, not at its time.
        pool.setRemoveOnCancelPolicy(true);
        return pool;
    }
}
