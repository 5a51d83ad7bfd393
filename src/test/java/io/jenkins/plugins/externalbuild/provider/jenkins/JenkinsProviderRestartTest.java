package io.jenkins.plugins.externalbuild.provider.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.externalbuild.engine.Attempt;
import io.jenkins.plugins.externalbuild.engine.RestartMode;
import io.jenkins.plugins.externalbuild.provider.ProviderException;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * Restarting Jenkins builds with the same parameters or as a Pipeline replay, and the restarts refused before
 * anything is sent.
 */
class JenkinsProviderRestartTest extends JenkinsProviderHarness {

    @Test
    void restartAllSendsTheSameParametersAndReturnsTheQueueItemToFollow() throws Exception {
        answer(200, "build-failed-params.json");
        answer(200, "job.json");
        answer(405, null); // GET buildWithParameters: permitted, refused as a GET
        server.enqueue(new MockResponse.Builder().code(201).addHeader("Location", base() + "/queue/item/57/").build());
        Attempt next = provider().restart(Attempt.first(build("team/app", 41)), null);

        assertThat(next.number()).isEqualTo(2);
        assertThat(next.ref().kind()).isEqualTo("queued");
        assertThat(next.ref().id()).isEqualTo("57");
        assertThat(next.ref().url()).isEqualTo(base() + "/queue/item/57/#job=team%2Fapp&from=41&next=43");
        assertThat(path(take())).isEqualTo("GET /jenkins/job/team/job/app/41/api/json");
        assertThat(path(take())).isEqualTo("GET /jenkins/job/team/job/app/api/json");
        assertThat(path(take())).isEqualTo("GET /jenkins/job/team/job/app/buildWithParameters");
        RecordedRequest post = take();
        assertThat(path(post)).isEqualTo("POST /jenkins/job/team/job/app/buildWithParameters");
        assertThat(post.getUrl().queryParameter("delay")).isEqualTo("0sec");
        assertThat(post.getBody().utf8()).isEqualTo("BRANCH=main&DEBUG=true");
        assertThat(post.getHeaders().get("Jenkins-Crumb")).as("no crumb with an API token").isNull();
    }

    @Test
    void aDisabledJobIsRefusedBeforeAnythingIsSent() throws Exception {
        answer(200, "build-failed-params.json");
        answer(200, "job-disabled.json");
        assertThatThrownBy(() -> provider().restart(Attempt.first(build("team/app", 41)), RestartMode.ALL))
                .isInstanceOf(ProviderException.NotRestartable.class).hasMessageContaining("is not buildable");
        take();
        take();
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aUserWithoutBuildPermissionIsRefusedBeforeAnythingIsSent() throws Exception {
        answer(200, "build-failed-params.json");
        answer(200, "job.json");
        answer(403, "error-403.html");
        ProviderException.AuthError e = catchThrowableOfType(ProviderException.AuthError.class,
                () -> provider().restart(Attempt.first(build("team/app", 41)), RestartMode.ALL));
        assertThat(e.getMessage()).contains("user api-bot").contains("Job/Build").contains("nothing was sent");
        assertThat(server.getRequestCount()).isEqualTo(3);
        take();
        take();
        assertThat(take().getMethod()).isEqualTo("GET");
    }

    @Test
    void modeFailedIsRefusedNamingTheModesJenkinsHas() {
        assertThatThrownBy(() -> provider().restart(Attempt.first(build("team/app", 41)), RestartMode.FAILED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Jenkins cannot restart a build with mode 'failed'; supported: all, replay");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void aPasswordParameterCannotBeCopiedSoTheRestartIsRefused() throws Exception {
        answer(200, "build-password-param.json");
        answer(200, "job.json");
        assertThatThrownBy(() -> provider().restart(Attempt.first(build("team/app", 41)), RestartMode.ALL))
                .isInstanceOf(ProviderException.NotRestartable.class)
                .hasMessageContaining("parameter DEPLOY_KEY (PasswordParameterValue)");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void replayPostsTheRebuildOfTheReplayActionAndFindsItsQueueItem() throws Exception {
        answer(200, "build-pipeline-failed.json");
        answer(200, "job-pipeline.json");
        answer(405, null);
        server.enqueue(new MockResponse.Builder().code(302).addHeader("Location", base() + "/job/pipe/").build());
        answer(200, "queue-list-replay.json");
        Attempt next = provider().restart(Attempt.first(build("pipe", 7)), RestartMode.REPLAY);

        assertThat(next.ref().id()).isEqualTo("13");
        assertThat(next.ref().url()).endsWith("/queue/item/13/#job=pipe&from=7&next=8");
        take();
        take();
        take();
        RecordedRequest post = take();
        assertThat(path(post)).isEqualTo("POST /jenkins/job/pipe/7/replay/rebuild");
        RecordedRequest queue = take();
        assertThat(path(queue)).isEqualTo("GET /jenkins/queue/api/json");
    }

    @Test
    void aReplayWhoseItemAlreadyLeftTheQueueIsFollowedByTheBuildsSearch() throws Exception {
        answer(200, "build-pipeline-failed.json");
        answer(200, "job-pipeline.json");
        answer(405, null);
        server.enqueue(new MockResponse.Builder().code(302).addHeader("Location", base() + "/job/pipe/").build());
        server.enqueue(new MockResponse.Builder().code(200).body("{\"_class\":\"hudson.model.Queue\",\"items\":[]}").build());
        Attempt next = provider().restart(Attempt.first(build("pipe", 7)), RestartMode.REPLAY);

        assertThat(next.ref().id()).isEqualTo("0");
        assertThat(PendingBuild.of(next.ref())).isEqualTo(new PendingBuild(base(), "pipe", 0, 7, 8));
    }

    @Test
    void aBuildJenkinsDidNotQueueIsRefusedNotFollowed() throws Exception {
        answer(200, "build-failed-params.json");
        answer(200, "job.json");
        answer(405, null);
        server.enqueue(new MockResponse.Builder().code(302).addHeader("Location", base() + "/job/team/job/app/").build());
        assertThatThrownBy(() -> provider().restart(Attempt.first(build("team/app", 41)), RestartMode.ALL))
                .isInstanceOf(ProviderException.NotRestartable.class).hasMessageContaining("Jenkins did not queue")
                .hasMessageContaining("answered 302");
        assertThat(server.getRequestCount()).isEqualTo(4);
    }

    @Test
    void replayOfAFreestyleBuildIsRefusedBeforeAnythingIsSent() throws Exception {
        answer(200, "build-failed-params.json");
        answer(200, "job.json");
        assertThatThrownBy(() -> provider().restart(Attempt.first(build("team/app", 41)), RestartMode.REPLAY))
                .isInstanceOf(ProviderException.NotRestartable.class).hasMessageContaining("not a Pipeline build")
                .hasMessageContaining("use mode 'all'");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }
}
