package io.jenkins.plugins.externalbuild.provider.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.engine.BuildStatus;
import io.jenkins.plugins.externalbuild.engine.BuildStatus.State;
import io.jenkins.plugins.externalbuild.provider.ProviderException;
import java.util.List;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * Reading Jenkins builds, following a queued restart to its build, and stopping builds; every test asserts the
 * requests sent.
 */
class JenkinsProviderTest extends JenkinsProviderHarness {

    @Test
    void runningBuildIsReadWithItsEstimatedDurationAsTheExpectedEnd() throws Exception {
        answer(200, "build-running.json");
        BuildStatus s = provider().status(build("team/app", 43));
        assertThat(s.state()).isEqualTo(State.RUNNING);
        assertThat(s.startedAt()).isEqualTo(1764990300000L);
        assertThat(s.expectedMillis()).isEqualTo(120000L);
        RecordedRequest r = take();
        assertThat(path(r)).isEqualTo("GET /jenkins/job/team/job/app/43/api/json");
        assertThat(r.getUrl().queryParameter("tree")).isEqualTo(JenkinsDtos.BUILD_FIELDS);
    }

    @Test
    void aQueuedRestartIsFollowedUntilItsBuildAndThenIsThatBuild() throws Exception {
        JenkinsProvider p = provider();
        answer(200, "queue-waiting.json");
        assertThat(p.status(pending(57, 41, 43))).isEqualTo(BuildStatus.of(State.QUEUED, "queued"));
        answer(200, "queue-buildable.json");
        assertThat(p.status(pending(57, 41, 43)).raw()).isEqualTo("buildable");
        answer(200, "queue-left.json");
        answer(200, "build-running.json");
        BuildStatus s = p.status(pending(57, 41, 43));

        assertThat(s.state()).isEqualTo(State.RUNNING);
        assertThat(s.movedTo()).isEqualTo(build("team/app", 43));
        assertThat(s.movedTo().url()).isEqualTo(base() + "/job/team/job/app/43/");
        for (int i = 0; i < 3; i++) {
            assertThat(path(take())).isEqualTo("GET /jenkins/queue/item/57/api/json");
        }
        assertThat(path(take())).isEqualTo("GET /jenkins/job/team/job/app/43/api/json");
    }

    @Test
    void aCancelledQueueItemEndsCanceled() throws Exception {
        answer(200, "queue-cancelled.json");
        BuildStatus s = provider().status(pending(57, 41, 43));
        assertThat(s.state()).isEqualTo(State.CANCELED);
        assertThat(s.movedTo()).isNull();
    }

    @Test
    void aPurgedQueueItemIsFoundByItsQueueIdAmongBuildsOfTheApiUserNeverAnotherOne() throws Exception {
        answer(404, "error-404.html");          // queue item 57 purged
        answer(200, "job-builds.json");         // 45 bob, 44 api-bot queueId 57, 43 api-bot other params
        answer(200, "build-failed-params.json"); // the parameters to match
        answer(200, "build-running.json");       // then the build found
        BuildStatus s = provider().status(pending(57, 41, 43));

        assertThat(s.movedTo().id()).isEqualTo("44");
        assertThat(path(take())).isEqualTo("GET /jenkins/queue/item/57/api/json");
        RecordedRequest list = take();
        assertThat(path(list)).isEqualTo("GET /jenkins/job/team/job/app/api/json");
        assertThat(list.getUrl().queryParameter("tree")).contains("builds[").endsWith("]{0,50}");
        assertThat(path(take())).isEqualTo("GET /jenkins/job/team/job/app/41/api/json");
        assertThat(path(take())).isEqualTo("GET /jenkins/job/team/job/app/44/api/json");
    }

    @Test
    void withoutAQueueIdTheOnlyBuildByTheApiUserWithTheSameParametersIsOurs() throws Exception {
        answer(200, "job-builds.json");
        answer(200, "build-failed-params.json");
        answer(200, "build-running.json");
        assertThat(provider().status(pending(0, 41, 43)).movedTo().id()).isEqualTo("44");
    }

    @Test
    void aPurgedQueueItemWithoutABuildIsNotFoundNotGuessed() throws Exception {
        answer(404, "error-404.html");
        answer(200, "job-builds.json");
        answer(200, "build-failed-params.json");
        ProviderException.NotFound e = catchThrowableOfType(ProviderException.NotFound.class,
                () -> provider().status(pending(58, 41, 43)));
        assertThat(e.getMessage()).contains("not in the queue any more (item 58)").contains("user api-bot")
                .contains("cancelled, or its build deleted");
    }

    @Test
    void cancelStopsARunningBuildAndCancelsAQueuedRestart() throws Exception {
        JenkinsProvider p = provider();
        answer(200, "build-running.json");
        answer(200, null);
        p.cancel(build("team/app", 43));
        take();
        assertThat(path(take())).isEqualTo("POST /jenkins/job/team/job/app/43/stop");

        answer(200, "queue-waiting.json");
        answer(204, null);
        p.cancel(pending(57, 41, 43));
        take();
        RecordedRequest cancel = take();
        assertThat(path(cancel)).isEqualTo("POST /jenkins/queue/cancelItem");
        assertThat(cancel.getUrl().queryParameter("id")).isEqualTo("57");
    }

    @Test
    void anEndedBuildIsNotStopped() throws Exception {
        answer(200, "build-success.json");
        provider().cancel(build("team/app", 43));
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void waitsOnBuildsOfOneJobShareOneReadOfItsNewestBuilds() throws Exception {
        answer(200, "job-builds.json");
        BuildRef b44 = build("team/app", 44);
        BuildRef b43 = build("team/app", 43);
        Map<BuildRef, Object> out = provider().statuses(List.of(b44, b43));

        assertThat(((BuildStatus) out.get(b44)).state()).isEqualTo(State.RUNNING);
        assertThat(((BuildStatus) out.get(b43)).state()).isEqualTo(State.SUCCESS);
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(path(take())).isEqualTo("GET /jenkins/job/team/job/app/api/json");
        assertThat(provider().pollSource().maxBatch()).isEqualTo(JenkinsProvider.MAX_BATCH);
    }
}
