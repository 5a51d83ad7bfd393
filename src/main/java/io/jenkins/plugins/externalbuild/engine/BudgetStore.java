package io.jenkins.plugins.externalbuild.engine;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Where {@link RateBudget}s keep their {@link BudgetState}: in this JVM's memory ({@link #memory()}), or in a file
 * that processes on one machine share ({@link FileBudgetStore}).
 */
interface BudgetStore {

    /**
     * Runs {@code change} on the state of {@code key} atomically — with respect to every thread, and for a shared
     * store every process, using the same store — and returns its result.
     */
    <T> T update(String key, long now, Function<BudgetState, T> change);

    /** States in this JVM's memory; never forgotten (a JVM holds only the budgets of the accounts it uses). */
    static BudgetStore memory() {
        Map<String, BudgetState> states = new HashMap<>();
        return new BudgetStore() {
            @Override
            public synchronized <T> T update(String key, long now, Function<BudgetState, T> change) {
                return change.apply(states.computeIfAbsent(key, k -> new BudgetState()));
            }
        };
    }
}
