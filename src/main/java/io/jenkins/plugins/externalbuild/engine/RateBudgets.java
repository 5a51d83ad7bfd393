package io.jenkins.plugins.externalbuild.engine;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JVM's budgets by key (provider, API base, credential fingerprint). One instance is owned by the host —
 * the Jenkins service extension, or the CLI's main — and passed in; tests make their own.
 */
public final class RateBudgets {

    private final Map<String, RateBudget> budgets = new ConcurrentHashMap<>();

    /** The budget for {@code key}, created with {@code ceilingPerSecond} on first use. */
    public RateBudget budget(String key, double ceilingPerSecond) {
        return budgets.computeIfAbsent(key, k -> new RateBudget(k, ceilingPerSecond));
    }

    public int size() {
        return budgets.size();
    }
}
