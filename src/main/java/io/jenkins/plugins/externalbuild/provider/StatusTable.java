package io.jenkins.plugins.externalbuild.provider;

import io.jenkins.plugins.externalbuild.engine.BuildStatus;
import io.jenkins.plugins.externalbuild.engine.BuildStatus.State;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;

/**
 * A provider's documented status table: raw values, compared case-insensitively after trimming, to
 * normalized states. Unknown values map to {@link State#UNKNOWN} (logged at FINE) and keep their raw text,
 * so a status a provider adds later is shown, counted by the wait's unknown-status rule, never guessed.
 */
public final class StatusTable {

    private static final Logger LOGGER = Logger.getLogger(StatusTable.class.getName());

    private final String provider;
    private final Map<String, State> table;

    private StatusTable(String provider, Map<String, State> table) {
        this.provider = provider;
        this.table = table;
    }

    public static StatusTable of(String provider, Map<String, State> entries) {
        Map<String, State> normalized = new HashMap<>();
        entries.forEach((raw, state) -> normalized.put(key(raw), state));
        return new StatusTable(provider, Map.copyOf(normalized));
    }

    /** The normalized state of {@code raw}; {@link State#UNKNOWN} for values not in the table. */
    public State state(String raw) {
        State state = table.get(key(raw));
        if (state == null) {
            LOGGER.fine(() -> "unknown " + provider + " status '" + raw + "'");
            return State.UNKNOWN;
        }
        return state;
    }

    public BuildStatus map(String raw) {
        return BuildStatus.of(state(raw), raw == null ? "" : raw);
    }

    private static String key(String raw) {
        return raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT);
    }
}
