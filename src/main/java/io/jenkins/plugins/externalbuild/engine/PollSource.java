package io.jenkins.plugins.externalbuild.engine;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where a wait's polls go. Waits with the same {@code key} (provider, API base, credential) form one group:
 * they share the {@link RateBudget}, waits on the same build share one read (coalescing), and when the
 * provider can read many builds in one call ({@code maxBatch > 1}: CodeBuild {@code BatchGetBuilds}, list
 * endpoints) one request serves up to {@code maxBatch} builds of the group.
 */
public record PollSource(String key, BatchReader reader, int maxBatch, RateBudget budget) {

    /** Reads the status of several builds in one request; runs on the io executor and may block. */
    @FunctionalInterface
    public interface BatchReader {
        /**
         * @return a status, or the exception that reading that build gave, for each ref asked; a ref missing from
         *         the map counts as not found. An exception thrown applies to every ref.
         */
        Map<BuildRef, Object> read(List<BuildRef> refs) throws Exception;
    }

    public PollSource {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(budget, "budget");
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch < 1: " + maxBatch);
        }
    }

    /** One build per request through a single-build reader. */
    public static PollSource single(String key, WaitEngine.StatusReader reader, RateBudget budget) {
        return new PollSource(key, refs -> {
            BuildRef ref = refs.get(0);
            return Map.of(ref, reader.read(ref));
        }, 1, budget);
    }
}
