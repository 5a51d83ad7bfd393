package io.jenkins.plugins.externalbuild.provider.codeship;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.externalbuild.engine.Attempt;
import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.engine.BuildStatus;
import io.jenkins.plugins.externalbuild.engine.RestartMode;
import io.jenkins.plugins.externalbuild.provider.ProviderException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * Codeship API v2 and Basic API v1 against the documented answers in the fixture folder (see its README.md for
 * each source): docs.cloudbees.com/docs/cloudbees-codeship/latest/api-authentication/authenticate, …/api-builds/
 * get-build, list-builds, restart-build; …/api-projects/get-project; …/api-overview/rate-limiting and errors;
 * codeship-go's auth fixtures; codeship/documentation's v1 api.md and codeship/scripts' codeship_restart_build.
 */
class CodeshipProviderTest extends CodeshipProviderHarness {

    // ---- API v2: authentication (api-authentication/authenticate)

    @Test
    void authenticatesWithBasicAuthOnceAndSendsTheTokenAsBearer() throws Exception {
        authOk();
        answerFixture(200, "build-testing.json");
        answerFixture(200, "build-testing.json");
        answerFixture(200, "build-error.json");
        CodeshipProvider codeship = v2();

        assertThat(codeship.status(ref(ORG + "/" + BASIC, TESTING)).state()).isEqualTo(BuildStatus.State.RUNNING);
        assertThat(codeship.status(ref(ORG + "/" + BASIC, TESTING)).raw()).isEqualTo("testing");
        assertThat(codeship.status(ref(ORG + "/" + BASIC, ERROR)).state()).isEqualTo(BuildStatus.State.FAILED);

        RecordedRequest auth = take();
        assertThat(auth.getRequestLine()).isEqualTo("POST /v2/auth HTTP/1.1");
        assertThat(auth.getHeaders().get("Authorization")).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        assertThat(auth.getBody().utf8()).isEqualTo("{}");
        RecordedRequest get = take();
        assertThat(get.getRequestLine()).isEqualTo("GET " + buildPath(BASIC, TESTING) + " HTTP/1.1");
        assertThat(get.getHeaders().get("Authorization")).isEqualTo("Bearer " + ACCESS_TOKEN);
        assertThat(take().getTarget()).isEqualTo(buildPath(BASIC, TESTING));
        assertThat(take().getTarget()).isEqualTo(buildPath(BASIC, ERROR));
        assertThat(server.getRequestCount()).isEqualTo(4); // one /auth for three calls
    }

    @Test
    void authenticatesAgainAMinuteBeforeTheTokenExpires() throws Exception {
        authOk();
        answerFixture(200, "build-success.json");
        answerFixture(200, "build-success.json");
        authOk();
        answerFixture(200, "build-success.json");
        CodeshipProvider codeship = v2();
        BuildRef ref = ref(ORG + "/" + PRO, SUCCESS);

        codeship.status(ref);
        clock.set(EXPIRES.minusSeconds(61));
        codeship.status(ref);
        clock.set(EXPIRES.minusSeconds(60));
        assertThat(codeship.status(ref).state()).isEqualTo(BuildStatus.State.SUCCESS);

        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            lines.add(take().getRequestLine());
        }
        assertThat(lines).containsExactly("POST /v2/auth HTTP/1.1", "GET " + buildPath(PRO, SUCCESS) + " HTTP/1.1",
                "GET " + buildPath(PRO, SUCCESS) + " HTTP/1.1", "POST /v2/auth HTTP/1.1",
                "GET " + buildPath(PRO, SUCCESS) + " HTTP/1.1");
    }

    @Test
    void aProjectUuidAloneIsFoundInTheUsersOrganization() throws Exception {
        authOk(); // two organizations: the project is looked up in each
        server.enqueue(new MockResponse.Builder().code(200).body(fixture("project-basic.json")).build());
        answerFixture(200, "build-testing.json");

        BuildStatus status = v2().status(new CodeshipProviderType()
                .parseUrl(java.net.URI.create("https://app.codeship.com/projects/" + BASIC + "/builds/" + TESTING)).orElseThrow());

        assertThat(status.state()).isEqualTo(BuildStatus.State.RUNNING);
        take();
        assertThat(take().getTarget()).isEqualTo("/v2/organizations/" + ORG + "/projects/" + BASIC);
        assertThat(take().getTarget()).isEqualTo(buildPath(BASIC, TESTING));
    }

    @Test
    void numericIdsAreRefusedByApiV2BeforeAnyRequest() {
        assertThatThrownBy(() -> v2().status(ref("100001", "9000001")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("UUID");
        assertThat(server.getRequestCount()).isZero();
    }

    // ---- API v2: restart (api-builds/restart-build)

    @Test
    void restartOfABasicBuildKeepsTheIdAsAttemptTwo() throws Exception {
        authOk();
        answerFixture(200, "build-error.json");
        answerFixture(200, "project-basic.json");
        accepted();
        answerFixture(200, "build-error.json"); // the new build run is not visible yet
        answer(200, fixture("build-error.json").replace("\"error\"", "\"waiting\""));
        CodeshipProvider codeship = v2();
        BuildRef ref = ref(ORG + "/" + BASIC, ERROR);

        Attempt next = codeship.restart(Attempt.first(ref), null);

        assertThat(next.number()).isEqualTo(2);
        assertThat(next.ref()).isEqualTo(ref);
        assertThat(codeship.capabilities(ref).sameIdRestart()).isTrue();
        take();
        assertThat(take().getRequestLine()).isEqualTo("GET " + buildPath(BASIC, ERROR) + " HTTP/1.1");
        assertThat(take().getRequestLine()).isEqualTo("GET /v2/organizations/" + ORG + "/projects/" + BASIC + " HTTP/1.1");
        RecordedRequest restart = take();
        assertThat(restart.getRequestLine()).isEqualTo("POST " + buildPath(BASIC, ERROR) + "/restart HTTP/1.1");
        assertThat(restart.getHeaders().get("Authorization")).isEqualTo("Bearer " + ACCESS_TOKEN);
        // The old, failed run must not end the wait on the restarted build.
        assertThat(codeship.status(ref)).isEqualTo(BuildStatus.of(BuildStatus.State.QUEUED, "restart requested"));
        assertThat(codeship.status(ref).raw()).isEqualTo("waiting");
    }

    @Test
    void theOldRunShowsAgainWhenTheRestartNeverAppears() throws Exception {
        authOk();
        answerFixture(200, "build-error.json");
        answerFixture(200, "project-basic.json");
        accepted();
        answerFixture(200, "build-error.json");
        CodeshipProvider codeship = v2();
        BuildRef ref = ref(ORG + "/" + BASIC, ERROR);

        codeship.restart(Attempt.first(ref), RestartMode.ALL);
        clock.set(clock.instant().plus(RestartGrace.GRACE));

        assertThat(codeship.status(ref).state()).isEqualTo(BuildStatus.State.FAILED);
    }

    @Test
    void restartOfAProBuildFollowsTheNewBuildFromTheList() throws Exception {
        String newBuild = "2b3c4d5e-1111-4111-8111-000000000005";
        String success = fixture("build-success.json");
        String listedBefore = "{\"builds\":[" + build(success) + "],\"total\":1,\"per_page\":50,\"page\":1}";
        String created = build(success).replace(SUCCESS, newBuild).replace("\"success\"", "\"waiting\"")
                .replace("2023-11-14T22:13:21.734+00:00", "2023-11-15T08:00:00.000+00:00");
        authOk();
        answer(200, success);
        answerFixture(200, "project-pro.json");
        answer(200, listedBefore);
        accepted();
        answer(200, listedBefore); // not listed yet
        answer(200, "{\"builds\":[" + created + "," + build(success) + "],\"total\":2,\"per_page\":50,\"page\":1}");
        CodeshipProvider codeship = v2();

        Attempt next = codeship.restart(Attempt.first(ref(ORG + "/" + PRO, SUCCESS)), RestartMode.ALL);

        assertThat(next.number()).isEqualTo(2);
        assertThat(next.ref().id()).isEqualTo(newBuild);
        assertThat(next.ref().project()).isEqualTo(ORG + "/" + PRO);
        assertThat(next.ref().url()).isEqualTo("https://app.codeship.com/projects/" + PRO + "/builds/" + newBuild);
        assertThat(pauses).containsExactly(CodeshipV2Api.LOOKUP_PAUSE);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            lines.add(take().getRequestLine());
        }
        String list = "GET /v2/organizations/" + ORG + "/projects/" + PRO + "/builds?per_page=50 HTTP/1.1";
        assertThat(lines).containsExactly("POST /v2/auth HTTP/1.1", "GET " + buildPath(PRO, SUCCESS) + " HTTP/1.1",
                "GET /v2/organizations/" + ORG + "/projects/" + PRO + " HTTP/1.1", list,
                "POST " + buildPath(PRO, SUCCESS) + "/restart HTTP/1.1", list, list);
    }

    @Test
    void aProRestartWhoseBuildNeverShowsIsReportedNotGuessed() throws Exception {
        String success = fixture("build-success.json");
        String listed = "{\"builds\":[" + build(success) + "]}";
        authOk();
        answer(200, success);
        answerFixture(200, "project-pro.json");
        answer(200, listed);
        accepted();
        for (int i = 0; i < CodeshipV2Api.LOOKUPS; i++) {
            answer(200, listed);
        }

        ProviderException e = failure(() -> v2().restart(Attempt.first(ref(ORG + "/" + PRO, SUCCESS)), null));

        assertThat(e).isInstanceOf(ProviderException.NotFound.class).hasMessageContaining("accepted the restart")
                .hasMessageContaining("heads/release/1.2");
        assertThat(pauses).hasSize(CodeshipV2Api.LOOKUPS - 1);
    }

    @Test
    void restartOfARunningBuildIsRefusedWithoutPosting() throws Exception {
        authOk();
        answerFixture(200, "build-testing.json");

        ProviderException e = failure(() -> v2().restart(Attempt.first(ref(ORG + "/" + BASIC, TESTING)), null));

        assertThat(e).isInstanceOf(ProviderException.NotRestartable.class)
                .hasMessageContaining("is still running").hasMessageContaining("Codeship ignores restarts of running builds");
        assertThat(server.getRequestCount()).isEqualTo(2);
        take();
        assertThat(take().getMethod()).isEqualTo("GET");
    }

    @Test
    void onlyModeAllIsOffered() {
        CodeshipProvider codeship = v2();
        assertThatThrownBy(() -> codeship.restart(Attempt.first(ref(ORG + "/" + BASIC, ERROR)), RestartMode.FAILED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("supported: all");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void cancelStopsTheBuild() throws Exception {
        authOk();
        accepted();

        v2().cancel(ref(ORG + "/" + BASIC, TESTING));

        take();
        assertThat(take().getRequestLine()).isEqualTo("POST " + buildPath(BASIC, TESTING) + "/stop HTTP/1.1");
    }

    @Test
    void latestBuildOfABranchIsTheNewestListedForIt() throws Exception {
        authOk();
        answerFixture(200, "builds-list.json");

        BuildRef latest = v2().latestBuild(ORG + "/" + BASIC, "master");

        assertThat(latest.id()).isEqualTo(TESTING);
        take();
        assertThat(take().getTarget()).isEqualTo("/v2/organizations/" + ORG + "/projects/" + BASIC + "/builds?per_page=50");
    }
}
