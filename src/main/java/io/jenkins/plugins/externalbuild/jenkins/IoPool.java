package io.jenkins.plugins.externalbuild.jenkins;

import hudson.util.DaemonThreadFactory;
import hudson.util.NamingThreadFactory;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The bounded pool that runs every provider call of the controller, on core's daemon, named threads
 * ({@code external-build io [#n]}). A full queue rejects (the loop reports it); after {@link #close()} — Jenkins is
 * shutting down — tasks are dropped instead, so that no step ends with an error because of the shutdown: each
 * durable step resumes from its last saved phase after the restart.
 */
final class IoPool implements Executor {

    private final ThreadPoolExecutor pool;
    private volatile boolean closed;

    IoPool(int threads, int queue) {
        pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(queue),
                new NamingThreadFactory(new DaemonThreadFactory(), "external-build io"));
        pool.allowCoreThreadTimeOut(true);
    }

    @Override
    public void execute(Runnable task) {
        if (closed) {
            return;
        }
        try {
            pool.execute(task);
        } catch (RejectedExecutionException e) {
            if (!closed) {
                throw e;
            }
        }
    }

    /** Drops queued and later tasks and interrupts the running ones. */
    void close() {
        closed = true;
        pool.shutdownNow();
    }

    boolean isClosed() {
        return closed;
    }
}
