package io.jenkins.plugins.externalbuild.provider;

import io.jenkins.plugins.externalbuild.engine.RestartMode;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a provider can do with one kind of build.
 *
 * @param restartModes the restart modes it supports; empty when the build cannot be restarted at all
 * @param defaultMode the mode used when the user names none
 * @param sameIdRestart whether a restart keeps the id and adds an attempt (GitLab pipeline retry) rather than
 *                      creating a new build
 */
public record Capabilities(Set<RestartMode> restartModes, RestartMode defaultMode, boolean cancel, boolean sameIdRestart) {

    public Capabilities {
        restartModes = restartModes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(restartModes));
        if (defaultMode != null && !restartModes.contains(defaultMode)) {
            throw new IllegalArgumentException("defaultMode " + defaultMode + " not in " + restartModes);
        }
    }

    /** The mode to use: {@code requested}, or the default; refuses a mode this kind of build lacks. */
    public RestartMode choose(RestartMode requested, String providerName, String kind) {
        if (restartModes.isEmpty()) {
            throw new IllegalArgumentException(providerName + " cannot restart a " + kind);
        }
        RestartMode mode = requested == null ? defaultMode : requested;
        Objects.requireNonNull(mode, "mode");
        if (!restartModes.contains(mode)) {
            throw new IllegalArgumentException(providerName + " cannot restart a " + kind + " with mode '" + mode.id()
                    + "'; supported: " + restartModes.stream().sorted().map(RestartMode::id).collect(Collectors.joining(", ")));
        }
        return mode;
    }
}
