package io.jenkins.plugins.externalbuild.engine;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link RestartLedger} in memory, which a host may save as JSON ({@link #toJson()}) and load again
 * ({@link #fromJson(String)}). Keys are the restarted attempt: its canonical URL and attempt number, so that a
 * same-id restart (GitLab pipeline retry, GitHub re-run) is told apart from the next one. Entries past
 * {@link RestartLedger#MAX_AGE} are dropped when new ones are recorded.
 */
public final class MemoryRestartLedger implements RestartLedger {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    /** One recorded restart. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Entry(BuildRef to, int number, long at) {
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();

    private static String key(Attempt a) {
        return a.ref().url() + "#" + a.number();
    }

    @Override
    public synchronized Optional<Attempt> restartOf(Attempt from, Instant now) {
        Entry e = entries.get(key(from));
        if (e == null || now.toEpochMilli() - e.at() > MAX_AGE.toMillis()) {
            return Optional.empty();
        }
        return Optional.of(new Attempt(e.to(), e.number()));
    }

    @Override
    public synchronized void record(Attempt from, Attempt to, Instant at) {
        long oldest = at.toEpochMilli() - MAX_AGE.toMillis();
        entries.values().removeIf(e -> e.at() < oldest);
        entries.put(key(from), new Entry(to.ref(), to.number(), at.toEpochMilli()));
    }

    public synchronized int size() {
        return entries.size();
    }

    public synchronized String toJson() {
        try {
            return JSON.writeValueAsString(entries);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the restart ledger", e);
        }
    }

    /** A ledger from saved JSON; unreadable JSON gives an empty ledger rather than blocking every restart. */
    public static MemoryRestartLedger fromJson(String json) {
        MemoryRestartLedger ledger = new MemoryRestartLedger();
        try {
            Map<String, Entry> read = JSON.readValue(json, new TypeReference<LinkedHashMap<String, Entry>>() { });
            if (read != null) {
                ledger.entries.putAll(read);
            }
        } catch (JsonProcessingException e) {
            // a damaged file must not stop restarts; the loops' own resume guard still holds
        }
        return ledger;
    }
}
