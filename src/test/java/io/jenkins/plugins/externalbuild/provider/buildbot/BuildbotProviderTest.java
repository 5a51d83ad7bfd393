package io.jenkins.plugins.externalbuild.provider.buildbot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.externalbuild.engine.Attempt;
import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.engine.BuildStatus;
import io.jenkins.plugins.externalbuild.engine.BuildStatus.State;
import io.jenkins.plugins.externalbuild.engine.RestartMode;
import io.jenkins.plugins.externalbuild.provider.ProviderException;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * Reading, rebuilding and stopping Buildbot builds and build requests against answers recorded on a real
 * Buildbot 3.7.0 master; each test asserts the requests sent.
 */
class BuildbotProviderTest extends BuildbotProviderHarness {

    @Test
    void runningBuildIsReadAsJsonAndIsRunning() throws Exception {
        answer(200, "build-running.json");

        BuildStatus status = provider().status(build("*", "3"));

        assertThat(status).isEqualTo(BuildStatus.of(State.RUNNING, "building").withTiming(1795512602000L, null));
        RecordedRequest r = nextRequest("GET", "/api/v2/builds/3");
        assertThat(r.getHeaders().get("Accept")).isEqualTo("application/json");
        assertThat(r.getHeaders().get("Cookie")).isNull();
    }

    @Test
    void failedBuildAddressedByBuilderAndNumberIsFailed() throws Exception {
        answer(200, "build-failed.json");

        // started_at 1795512599, complete_at 1795512600 (Unix seconds): the run page shows when and how long
        assertThat(provider().status(build("flaky", "1")))
                .isEqualTo(BuildStatus.of(State.FAILED, "failure").withTiming(1795512599000L, 1000L));
        nextRequest("GET", "/api/v2/builders/flaky/builds/1");
    }

    @Test
    void rebuildReadsTheBuildThenReturnsItsNewBuildRequestAsTheNextAttempt() throws Exception {
        answer(200, "build-failed.json");
        answer(200, "rebuild.json");

        Attempt next = provider().restart(Attempt.first(build("3", "1")), RestartMode.ALL);

        assertThat(next.number()).isEqualTo(2);
        assertThat(next.ref()).isEqualTo(new BuildRef("buildbot", "buildrequest", base(), "3", "2",
                base() + "/#/buildrequests/2"));
        nextRequest("GET", "/api/v2/builders/3/builds/1");
        JsonNode body = rpcBody(nextRequest("POST", "/api/v2/builds/1"));
        assertThat(body.get("jsonrpc").asText()).isEqualTo("2.0");
        assertThat(body.get("method").asText()).isEqualTo("rebuild");
        assertThat(body.get("id").isNumber()).isTrue();
        assertThat(body.get("params").isObject()).isTrue();
    }

    @Test
    void buildRequestWithoutABuildIsQueued() throws Exception {
        answer(200, "builds-empty.json");
        answer(200, "buildrequest-queued.json");

        assertThat(provider().status(request("2"))).isEqualTo(BuildStatus.of(State.QUEUED, "pending"));
        nextRequest("GET", "/api/v2/buildrequests/2/builds");
        nextRequest("GET", "/api/v2/buildrequests/2");
    }

    @Test
    void buildRequestSpeaksWithItsNewestBuild() throws Exception {
        // request 7: build 5 ended with RETRY, then build 6 of the same request ran (listed in any order)
        server.enqueue(new MockResponse.Builder().code(200).body("{\"builds\":[{\"builderid\":4,\"buildid\":6,"
                + "\"buildrequestid\":7,\"complete\":true,\"number\":4,\"results\":0,\"state_string\":\"build successful\"},"
                + "{\"builderid\":4,\"buildid\":5,\"buildrequestid\":7,\"complete\":true,\"number\":3,\"results\":5,"
                + "\"state_string\":\"retry lost connection slow (retry)\"}],\"meta\":{\"total\":2}}").build());

        assertThat(provider().status(request("7"))).isEqualTo(BuildStatus.of(State.SUCCESS, "success"));
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void buildRequestWhoseOnlyBuildRetriedWaitsForTheNextBuild() throws Exception {
        answer(200, "build-retry.json");
        answer(200, "buildrequest-queued.json");

        BuildStatus status = provider().status(request("7"));

        assertThat(status).isEqualTo(BuildStatus.of(State.QUEUED, "retry"));
        assertThat(status.terminal()).isFalse();
    }

    @Test
    void buildThatEndedWithRetryIsFollowedThroughItsBuildRequest() throws Exception {
        answer(200, "build-retry.json");
        answer(200, "build-success.json");

        assertThat(provider().status(build("*", "5")))
                .isEqualTo(BuildStatus.of(State.SUCCESS, "success").withTiming(1795512601000L, 0L));
        nextRequest("GET", "/api/v2/builds/5");
        nextRequest("GET", "/api/v2/buildrequests/7/builds");
    }

    @Test
    void queuedRequestCancelledBeforeItGotABuildIsCanceled() throws Exception {
        answer(200, "builds-empty.json");
        answer(200, "buildrequest-cancelled.json");

        assertThat(provider().status(request("3"))).isEqualTo(BuildStatus.of(State.CANCELED, "cancelled"));
    }

    @Test
    void cancelOfARunningBuildChecksItExistsThenStopsItWithAReason() throws Exception {
        answer(200, "build-running.json");
        answer(200, "stop.json");

        provider().cancel(build("4", "1"));

        nextRequest("GET", "/api/v2/builders/4/builds/1");
        JsonNode body = rpcBody(nextRequest("POST", "/api/v2/builds/3"));
        assertThat(body.get("method").asText()).isEqualTo("stop");
        assertThat(body.at("/params/reason").asText()).isEqualTo(BuildbotProvider.STOP_REASON);
    }

    @Test
    void cancelOfAnUnknownBuildIsNotFoundAndSendsNoStop() throws Exception {
        // stop itself would answer 200 null for a build that does not exist
        server.enqueue(new MockResponse.Builder().code(404).setHeader("Content-Type", "text/plain; charset=utf-8")
                .body(fixture("error-not-found.json")).build());

        ProviderException.NotFound e = catchThrowableOfType(ProviderException.NotFound.class,
                () -> provider().cancel(build("*", "999")));

        assertThat(e.httpStatus()).isEqualTo(404);
        assertThat(e.getMessage()).contains("build 999").contains("not found while getting");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void cancelOfAQueuedBuildRequestCancelsTheRequest() throws Exception {
        answer(200, "buildrequest-queued.json");
        answer(200, "stop.json");

        provider().cancel(request("2"));

        nextRequest("GET", "/api/v2/buildrequests/2");
        JsonNode body = rpcBody(nextRequest("POST", "/api/v2/buildrequests/2"));
        assertThat(body.get("method").asText()).isEqualTo("cancel");
        assertThat(body.at("/params/reason").asText()).isEqualTo(BuildbotProvider.STOP_REASON);
    }

    @Test
    void cancelOfAFinishedBuildSendsNoControlCall() throws Exception {
        answer(200, "build-failed.json");

        provider().cancel(build("*", "1"));

        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void rebuildOfARequestThatHasNoBuildYetIsRefused() {
        answer(200, "builds-empty.json");

        assertThatThrownBy(() -> provider().restart(Attempt.first(request("2")), null))
                .isInstanceOf(ProviderException.NotRestartable.class)
                .hasMessageContaining("build request 2 has no build yet");
    }

    @Test
    void rebuildOfAFinishedRequestRebuildsItsNewestBuild() throws Exception {
        answer(200, "build-success.json");
        answer(200, "rebuild.json");

        Attempt next = provider().restart(new Attempt(request("2"), 2), RestartMode.ALL);

        assertThat(next.number()).isEqualTo(3);
        nextRequest("GET", "/api/v2/buildrequests/2/builds");
        nextRequest("POST", "/api/v2/builds/2");
    }

    @Test
    void onlyTheRebuildModeIsOffered() {
        assertThatThrownBy(() -> provider().restart(Attempt.first(build("*", "1")), RestartMode.FAILED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("supported: all");
    }
}
