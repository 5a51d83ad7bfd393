package io.jenkins.plugins.externalbuild.provider.buildkite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.engine.BuildStatus;
import io.jenkins.plugins.externalbuild.engine.BuildStatus.State;
import io.jenkins.plugins.externalbuild.engine.PollSource;
import io.jenkins.plugins.externalbuild.provider.ConnectionSettings;
import io.jenkins.plugins.externalbuild.provider.Provider;
import io.jenkins.plugins.externalbuild.provider.ProviderContext;
import io.jenkins.plugins.externalbuild.provider.ProviderCredentials;
import io.jenkins.plugins.externalbuild.provider.ProviderException;
import io.jenkins.plugins.externalbuild.provider.Token;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * Buildkite's documented answers replayed from the fixtures next to this class (their README lists the sources):
 * buildkite/docs pages/apis/rest_api/builds.md, jobs.md and rate_limits.md.
 */
class BuildkiteProviderTest extends BuildkiteProviderHarness {

    // ---- status: builds.md, "Get a build"

    @Test
    void runningBuildIsRunningWithItsStartAsTimingHint() throws Exception {
        server.enqueue(answer(200, "build-running.json"));
        BuildStatus status = provider().status(build("42"));
        assertThat(status.state()).isEqualTo(State.RUNNING);
        assertThat(status.raw()).isEqualTo("running");
        assertThat(status.startedAt()).isEqualTo(Instant.parse("2024-05-14T09:50:05Z").toEpochMilli());
        assertThat(status.durationMillis()).isNull();
        expect("GET", BUILDS + "/42");
    }

    @Test
    void failedBuildIsFailedWithItsDuration() throws Exception {
        server.enqueue(answer(200, "build-failed.json"));
        BuildStatus status = provider().status(build("42"));
        assertThat(status.state()).isEqualTo(State.FAILED);
        assertThat(status.terminal()).isTrue();
        assertThat(status.durationMillis()).isEqualTo(Duration.ofMinutes(11).plusSeconds(35).toMillis());
        expect("GET", BUILDS + "/42");
    }

    @Test
    void passedBuildSucceeded() throws Exception {
        server.enqueue(answer(200, "build-passed.json"));
        assertThat(provider().status(build("42")).succeeded()).isTrue();
        expect("GET", BUILDS + "/42");
    }

    @Test
    void aJobUrlReadsTheStatusOfItsBuild() throws Exception {
        server.enqueue(answer(200, "build-running.json"));
        assertThat(provider().status(jobUrl(FAILED_JOB)).state()).isEqualTo(State.RUNNING);
        expect("GET", BUILDS + "/42");
    }

    @Test
    void failedJobsLeaveOutPassedAndSoftFailedJobs() throws Exception {
        server.enqueue(answer(200, "build-failed.json"));
        assertThat(provider().failedJobs(build("42"))).containsExactly(":rspec: Test");
    }

    @Test
    void pollSourceReadsOneBuildPerRequestOnTheAccountBudget() throws Exception {
        server.enqueue(answer(200, "build-running.json"));
        PollSource source = provider().pollSource();
        assertThat(source.maxBatch()).isEqualTo(1);
        assertThat(source.budget().limited()).isFalse();
        Map<BuildRef, Object> read = source.reader().read(List.of(build("42")));
        assertThat(((BuildStatus) read.get(build("42"))).state()).isEqualTo(State.RUNNING);
        expect("GET", BUILDS + "/42");
    }

    @Test
    void rateLimitHeadersPaceTheAccountBudgetByTheLowerOfOrganizationAndUser() throws Exception {
        // rate_limits.md: both header sets on every answer, resets in seconds from now
        server.enqueue(new MockResponse.Builder().code(200).body(fixture("build-running.json"))
                .setHeader("RateLimit-Remaining", "80").setHeader("RateLimit-Limit", "200").setHeader("RateLimit-Reset", "42")
                .setHeader("RateLimit-User-Remaining", "12").setHeader("RateLimit-User-Limit", "50")
                .setHeader("RateLimit-User-Reset", "42").build());
        Provider p = provider();
        p.status(build("42"));
        // (12 - 2 reserve) * 0.9 / 42 s: the user's count, not the organization's 80
        assertThat(p.pollSource().budget().rate()).isCloseTo(10 * 0.9 / 42, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void connectionsWithTheSameTokenShareOneBudget() {
        ProviderContext shared = context();
        assertThat(provider(shared).pollSource().budget()).isSameAs(provider(shared).pollSource().budget());
    }

    // ---- cancel: builds.md, "Cancel a build"

    @Test
    void cancelPutsCancel() throws Exception {
        server.enqueue(answer(200, "build-canceled.json"));
        provider().cancel(build("42"));
        RecordedRequest put = expect("PUT", BUILDS + "/42/cancel");
        assertThat(put.getBodySize()).isZero();
    }

    @Test
    void cancelOfAFinishedBuildSaysItHasFinished() {
        server.enqueue(answer(422, "error-422-cancel.json"));
        ProviderException.NotRestartable e = fails(ProviderException.NotRestartable.class, () -> provider().cancel(build("42")));
        assertThat(e.httpStatus()).isEqualTo(422);
        assertThat(e.getMessage()).contains("cancel of build 42 of acme/web-app", "could not be canceled",
                "only a scheduled, running or failing build");
    }

    // ---- latest: builds.md, "List builds for a pipeline"

    @Test
    void latestBuildOfABranchIsTheNewest() throws Exception {
        server.enqueue(answer(200, "builds-latest.json"));
        BuildRef ref = provider().latest(null, PROJECT, "feature/x");
        assertThat(ref).isEqualTo(build("57"));
        expect("GET", BUILDS + "?branch=feature%2Fx&per_page=1");
    }

    @Test
    void latestBuildOfABranchWithoutBuildsIsNotFound() {
        server.enqueue(new MockResponse.Builder().code(200).body("[]").build());
        ProviderException.NotFound e = fails(ProviderException.NotFound.class, () -> provider().latest(null, PROJECT, "gone"));
        assertThat(e.getMessage()).contains("acme/web-app has no build of branch 'gone'");
    }

    // ---- credentials

    @Test
    void userNameAndPasswordAreRefused() {
        ConnectionSettings settings = ConnectionSettings.of(new ProviderCredentials.UsernamePassword("bot", Token.of(TOKEN)));
        assertThatThrownBy(() -> type.connect(settings, context())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("API access token").hasMessageNotContaining(TOKEN);
    }

    @Test
    void withoutCredentialsNoAuthorizationHeaderIsSent() throws Exception {
        server.enqueue(answer(200, "build-running.json"));
        ConnectionSettings settings = new ConnectionSettings(server.url("/v2").uri(), ProviderCredentials.none(), Map.of());
        type.connect(settings, context()).status(build("42"));
        assertThat(server.takeRequest().getHeaders().get("Authorization")).isNull();
    }

    @Test
    void refOfAnotherProviderIsRefused() {
        BuildRef gitlab = new BuildRef("gitlab", "job", "https://gitlab.com", "g/p", "1", "https://gitlab.com/g/p/-/jobs/1");
        assertThatThrownBy(() -> provider().status(gitlab)).isInstanceOf(IllegalArgumentException.class);
    }
}
