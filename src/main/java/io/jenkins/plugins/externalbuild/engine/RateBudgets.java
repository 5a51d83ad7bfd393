package io.jenkins.plugins.externalbuild.engine;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The budgets by key (provider, API base, credential fingerprint). One instance is owned by the host — the Jenkins
 * service extension (this JVM's budgets), or the CLI's main ({@link #sharedFile}: every process of the machine) —
 * and passed in; tests make their own.
 */
public final class RateBudgets {

    private final Map<String, RateBudget> budgets = new ConcurrentHashMap<>();
    private final BudgetStore store;

    /** Budgets of this JVM alone. */
    public RateBudgets() {
        this(BudgetStore.memory());
    }

    private RateBudgets(BudgetStore store) {
        this.store = store;
    }

    /**
     * Budgets that every process using {@code file} shares (see {@link FileBudgetStore}); budgets of this JVM
     * alone when its folder cannot be created or written.
     */
    public static RateBudgets sharedFile(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        return dir != null && FileBudgetStore.usable(dir) ? new RateBudgets(new FileBudgetStore(file)) : new RateBudgets();
    }

    /** The budget for {@code key}, created with {@code ceilingPerSecond} on first use. */
    public RateBudget budget(String key, double ceilingPerSecond) {
        return budgets.computeIfAbsent(key, k -> new RateBudget(k, ceilingPerSecond, store));
    }

    public int size() {
        return budgets.size();
    }
}
