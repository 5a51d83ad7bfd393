package io.jenkins.plugins.externalbuild.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A group's queued waits, indexed by build: one entry per build, holding its waits by due time, and the entries
 * ordered by their most urgent wait. So the head is the most urgent wait, every wait on a build is taken with it
 * (coalescing), and a batch of {@code n} builds is the first {@code n} entries — O(n log size) however many waits
 * share those builds. Not thread-safe: guarded by its {@link PollGroup}.
 */
final class PollQueue {

    private final Map<BuildRef, Entry> byRef = new HashMap<>();
    private final TreeSet<Entry> order = new TreeSet<>();
    private long visited;

    /** The queued waits on one build, most urgent first. */
    private static final class Entry implements Comparable<Entry> {
        final BuildRef ref;
        final TreeSet<WaitRun> runs = new TreeSet<>();

        Entry(BuildRef ref) {
            this.ref = ref;
        }

        @Override
        public int compareTo(Entry o) {
            return runs.first().compareTo(o.runs.first());
        }
    }

    boolean isEmpty() {
        return order.isEmpty();
    }

    /** The most urgent queued wait; call only when not empty. */
    WaitRun head() {
        return order.first().runs.first();
    }

    /** Queues {@code run}, whose due time and sequence are set and stay unchanged while it is queued. */
    void add(WaitRun run) {
        Entry e = byRef.computeIfAbsent(run.ref(), Entry::new);
        if (!e.runs.isEmpty()) {
            order.remove(e); // its position may change: re-insert below
        }
        e.runs.add(run);
        order.add(e);
    }

    /** Takes {@code run} out of the queue, if it is in it. */
    void remove(WaitRun run) {
        Entry e = byRef.get(run.ref());
        if (e == null || !e.runs.contains(run)) {
            return;
        }
        order.remove(e);
        e.runs.remove(run);
        if (e.runs.isEmpty()) {
            byRef.remove(e.ref);
        } else {
            order.add(e);
        }
    }

    /**
     * Takes the head's build and, up to {@code maxBatch} builds in all, the next most urgent builds whose waits
     * have not passed their deadline at {@code now}; each with every wait queued on it.
     */
    Map<BuildRef, List<WaitRun>> takeBatch(int maxBatch, Instant now) {
        List<Entry> chosen = new ArrayList<>();
        Iterator<Entry> it = order.iterator();
        while (it.hasNext() && chosen.size() < maxBatch) {
            Entry e = it.next();
            visited++;
            if (chosen.isEmpty() || e.runs.first().deadline().isAfter(now)) {
                chosen.add(e);
                it.remove();
            }
        }
        Map<BuildRef, List<WaitRun>> batch = new LinkedHashMap<>();
        for (Entry e : chosen) {
            byRef.remove(e.ref);
            batch.put(e.ref, new ArrayList<>(e.runs));
        }
        return batch;
    }

    /** Entries looked at to choose batches so far; for tests. */
    long visited() {
        return visited;
    }
}
