package io.jenkins.plugins.externalbuild.jenkins;

import io.jenkins.plugins.externalbuild.engine.RestartPolicy;
import io.jenkins.plugins.externalbuild.engine.RestartState;
import io.jenkins.plugins.externalbuild.provider.BuildTarget;
import java.net.URI;

/**
 * What a Pipeline step's remote build needs to have {@code onAbort} applied without the step: a run aborted right
 * after a restart of Jenkins, before Pipeline resumed its steps, ends without calling the step's {@code stop()}
 * ({@link AbortedRunListener} then applies it). Kept in the run's {@code build.xml} by {@link ExternalBuildAction}
 * while the step runs: the API base, the credentials id (never a secret), {@code onAbort} and the loop's last
 * recorded state as JSON. A plain class with string fields because XStream stores it.
 */
final class InFlightBuild {

    private final String key;
    private final String apiBase;
    private final String credentialsId;
    private final String onAbort;
    private String state;

    InFlightBuild(String key, BuildTarget target, RestartPolicy.OnAbort onAbort, RestartState state) {
        this.key = key;
        this.apiBase = target.apiBase() == null ? null : target.apiBase().toString();
        this.credentialsId = target.credentialsId();
        this.onAbort = onAbort.name();
        this.state = state.toJson();
    }

    String key() {
        return key;
    }

    void update(RestartState next) {
        state = next.toJson();
    }

    RestartState state() {
        return RestartState.fromJson(state);
    }

    boolean leave() {
        return RestartPolicy.OnAbort.LEAVE.name().equals(onAbort);
    }

    /** The build the state waits on, reached as the step reached it. */
    BuildTarget target() {
        return new BuildTarget(state().waitState().ref(), apiBase == null ? null : URI.create(apiBase), credentialsId);
    }
}
