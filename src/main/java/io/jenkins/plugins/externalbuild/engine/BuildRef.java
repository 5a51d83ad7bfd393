package io.jenkins.plugins.externalbuild.engine;

import java.util.Objects;

/**
 * Identifies one build (or pipeline, workflow, batch…) on an external CI system.
 *
 * <p>The fields are deliberately generic so that every provider fits and a {@link WaitState} can be
 * stored as small JSON: {@code provider} is the provider id ({@code gitlab}), {@code kind} what the id
 * names ({@code job}, {@code pipeline}, {@code build}…), {@code server} the web base of the CI system
 * ({@code https://gitlab.example.com}, or a region for cloud services), {@code project} the project
 * path or identifier, {@code id} the provider's id of the build, and {@code url} its canonical web URL.
 * Providers parse and build refs; this record only carries them.
 */
public record BuildRef(String provider, String kind, String server, String project, String id, String url) {

    public BuildRef {
        requireText(provider, "provider");
        requireText(kind, "kind");
        requireText(server, "server");
        requireText(project, "project");
        requireText(id, "id");
        requireText(url, "url");
    }

    /** The same build coordinates with another id, as after a restart that created a new build. */
    public BuildRef withId(String newId, String newUrl) {
        return new BuildRef(provider, kind, server, project, newId, newUrl);
    }

    /** Short human form for log lines: {@code gitlab job 8 (group/app)}. */
    public String describe() {
        return provider + " " + kind + " " + id + " (" + project + ")";
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " is blank");
        }
    }
}
