package io.jenkins.plugins.externalbuild.provider.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.externalbuild.engine.Attempt;
import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.engine.BuildStatus;
import io.jenkins.plugins.externalbuild.engine.BuildStatus.State;
import io.jenkins.plugins.externalbuild.engine.RestartMode;
import io.jenkins.plugins.externalbuild.provider.ConnectionSettings;
import io.jenkins.plugins.externalbuild.provider.LogCapture;
import io.jenkins.plugins.externalbuild.provider.ProviderContext;
import io.jenkins.plugins.externalbuild.provider.ProviderCredentials;
import io.jenkins.plugins.externalbuild.provider.ProviderException;
import io.jenkins.plugins.externalbuild.provider.ProviderTestSupport;
import io.jenkins.plugins.externalbuild.provider.Token;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Jenkins' remote access API as core {@code jenkins-2.541.3} and workflow-cps answer it (fixtures next to this class;
 * their README names the source of each field). Every test asserts the requests sent, and that nothing is sent when a
 * restart must be refused.
 */
class JenkinsProviderTest {

    private static final String USER = "api-bot";
    private static final String TOKEN = "11a2b3c4d5e6f708192a3b4c5d6e7f8091";

    @StartStop
    final MockWebServer server = new MockWebServer();

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    private final List<Duration> pauses = new ArrayList<>();
    private final JenkinsProviderType type = new JenkinsProviderType();

    private JenkinsProvider provider() {
        ProviderContext context = ProviderTestSupport.context(pauses::add, Clock.systemUTC());
        return (JenkinsProvider) type.connect(ConnectionSettings.of(
                new ProviderCredentials.UsernamePassword(USER, Token.of(TOKEN))), context);
    }

    private String base() {
        String url = server.url("/jenkins").toString();
        return url.replaceAll("/+$", "");
    }

    private BuildRef build(String job, int number) {
        return type.fromCoordinates(base(), job, null, String.valueOf(number));
    }

    private String fixture(String name) {
        return ProviderTestSupport.fixture(JenkinsProviderTest.class, name).replace("http://JENKINS", base());
    }

    private void answer(int code, String fixture) {
        server.enqueue(new MockResponse.Builder().code(code).body(fixture == null ? "" : fixture(fixture)).build());
    }

    private RecordedRequest take() throws InterruptedException {
        RecordedRequest r = server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(r).as("a request was sent").isNotNull();
        assertThat(r.getHeaders().get("Authorization")).isEqualTo(okhttp3.Credentials.basic(USER, TOKEN));
        return r;
    }

    private static String path(RecordedRequest r) {
        return r.getMethod() + " " + r.getUrl().encodedPath();
    }

    private BuildRef pending(long queueId, int from, int next) {
        return new PendingBuild(base(), "team/app", queueId, from, next).toRef();
    }

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

    @Test
    void aCrumbIsFetchedOnlyWhenTheControllerAsksForOneAndSentWithItsSession() throws Exception {
        JenkinsProvider p = provider();
        answer(200, "build-running.json");
        answer(403, "error-no-crumb.html");
        server.enqueue(new MockResponse.Builder().code(200).body(fixture("crumb.json"))
                .addHeader("Set-Cookie", "JSESSIONID.1a2b3c4d=node0sessionabcdef0123456789.node0; Path=/; HttpOnly").build());
        answer(200, null);
        p.cancel(build("team/app", 43));

        take();
        assertThat(take().getHeaders().get("Jenkins-Crumb")).isNull();
        assertThat(path(take())).isEqualTo("GET /jenkins/crumbIssuer/api/json");
        RecordedRequest again = take();
        assertThat(path(again)).isEqualTo("POST /jenkins/job/team/job/app/43/stop");
        assertThat(again.getHeaders().get("Jenkins-Crumb")).isEqualTo(
                "3f6c1e0b6f0f4c1d9a8b7e6d5c4b3a29f8e7d6c5b4a39281706f5e4d3c2b1a0");
        assertThat(again.getHeaders().get("Cookie")).isEqualTo("JSESSIONID.1a2b3c4d=node0sessionabcdef0123456789.node0");
    }

    @Test
    void aCrumbWhoseSessionExpiredIsFetchedAgainOnce() throws Exception {
        JenkinsProvider p = provider();
        answer(200, "build-running.json");
        answer(403, "error-no-crumb.html");
        answer(200, "crumb.json");
        answer(200, null);
        p.cancel(build("team/app", 43));
        answer(200, "build-running.json");
        answer(403, "error-no-crumb.html"); // the session of that crumb is gone
        answer(200, "crumb.json");
        answer(403, "error-no-crumb.html");
        assertThatThrownBy(() -> p.cancel(build("team/app", 43))).isInstanceOf(ProviderException.AuthError.class)
                .hasMessageContaining("No valid crumb");
        assertThat(server.getRequestCount()).isEqualTo(8);
    }

    @Test
    void withoutACrumbIssuerTheRefusalStands() throws Exception {
        answer(200, "build-running.json");
        answer(403, "error-no-crumb.html");
        answer(404, "error-404.html");
        ProviderException.AuthError e = catchThrowableOfType(ProviderException.AuthError.class,
                () -> provider().cancel(build("team/app", 43)));
        assertThat(e.getMessage()).contains("No valid crumb");
        assertThat(server.getRequestCount()).isEqualTo(3);
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

    @Test
    void errorsAreClassifiedWithoutTheToken() throws Exception {
        answer(404, "error-404.html");
        assertThatThrownBy(() -> provider().status(build("team/app", 99))).isInstanceOf(ProviderException.NotFound.class);
        server.enqueue(new MockResponse.Builder().code(401).body("Invalid password/token for user: " + USER).build());
        ProviderException.AuthError auth = catchThrowableOfType(ProviderException.AuthError.class,
                () -> provider().status(build("team/app", 41)));
        assertThat(auth.getMessage()).contains("JENKINS_API_TOKEN");
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "30").build());
        ProviderException.RateLimited limited = catchThrowableOfType(ProviderException.RateLimited.class,
                () -> provider().status(build("team/app", 41)));
        assertThat(limited.retryAfter()).contains(Duration.ofSeconds(30));
        for (int i = 0; i < 3; i++) { // a GET is retried on 503
            server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "120")
                    .body("<title>Jenkins is getting ready to work</title>").build());
        }
        ProviderException.RateLimited starting = catchThrowableOfType(ProviderException.RateLimited.class,
                () -> provider().status(build("team/app", 41)));
        assertThat(starting.retryAfter()).contains(Duration.ofSeconds(120));
        for (ProviderException e : List.of(auth, limited, starting)) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            assertThat(trace.toString()).doesNotContain(TOKEN);
        }
        assertThat(logs.text()).doesNotContain(TOKEN);
    }

    @Test
    void aTokenAloneIsRefusedAsCredentials() {
        ProviderContext context = ProviderTestSupport.context(pauses::add, Clock.systemUTC());
        assertThatThrownBy(() -> type.connect(ConnectionSettings.of(ProviderCredentials.token(Token.of(TOKEN))), context))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JENKINS_USER")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void theRequestCeilingIsAnOptionPerConnectionAndRefusedWhenNotANumber() {
        ProviderContext context = ProviderTestSupport.context(pauses::add, Clock.systemUTC());
        ProviderCredentials c = new ProviderCredentials.UsernamePassword("ceiling-user", Token.of("ceiling-token-0123456789"));
        JenkinsProvider slow = (JenkinsProvider) type.connect(new ConnectionSettings(null, c,
                Map.of(JenkinsProvider.REQUESTS_PER_SECOND, "2")), context);
        assertThat(slow.pollSource().budget().rate()).isLessThanOrEqualTo(2.0).isGreaterThan(1.0);
        assertThat(provider().pollSource().budget().rate()).isGreaterThan(5.0).isLessThanOrEqualTo(10.0);
        assertThatThrownBy(() -> type.connect(new ConnectionSettings(null, c, Map.of(JenkinsProvider.REQUESTS_PER_SECOND,
                "lots")), context)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Jenkins requests per second must be a number from 0.01 to 1000, got 'lots'");
    }
}
