package io.jenkins.plugins.externalbuild.provider.gitlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.externalbuild.engine.Attempt;
import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.engine.BuildStatus;
import io.jenkins.plugins.externalbuild.engine.BuildStatus.State;
import io.jenkins.plugins.externalbuild.engine.RestartMode;
import io.jenkins.plugins.externalbuild.provider.ConnectionSettings;
import io.jenkins.plugins.externalbuild.provider.ProviderCredentials;
import io.jenkins.plugins.externalbuild.provider.Token;
import io.jenkins.plugins.externalbuild.provider.gitlab.GitLabProvider.CommitJob;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * The queries beyond the provider interface (the jobs of a commit or a project) in API v4 and v3, API v3's builds
 * endpoints (doc/api/builds.md), and the connection settings.
 */
class GitLabProviderV3Test extends GitLabProviderHarness {

    // ---- commits and project jobs

    @Test
    void commitJobsAreTheCommitStatusesInV4() throws Exception {
        // doc/api/commits.md, "List the statuses of a commit" (v4 has no jobs-of-a-commit endpoint)
        server.enqueue(answer(200, "commit-jobs.json"));
        List<CommitJob> jobs = provider().commitJobs(SERVER, PROJECT, SHA);
        assertThat(jobs).containsExactly(
                new CommitJob("123", "rspec", BuildStatus.of(State.FAILED, "failed")),
                new CommitJob("121", "build", BuildStatus.of(State.SUCCESS, "success")));
        expect("GET", "/api/v4/projects/group%2Fsub%2Fapp/repository/commits/" + SHA + "/statuses?per_page=100");
    }

    @Test
    void commitJobsAreTheCommitBuildsInV3() throws Exception {
        // v3 doc/api/builds.md, "List commit builds"
        server.enqueue(answer(200, "v3-builds.json"));
        List<CommitJob> jobs = v3().commitJobs(SERVER, PROJECT, SHA);
        assertThat(jobs).extracting(CommitJob::id, CommitJob::name).containsExactly(
                org.assertj.core.groups.Tuple.tuple("123", "rspec"), org.assertj.core.groups.Tuple.tuple("122", "lint"));
        assertThat(jobs).allSatisfy(j -> assertThat(j.status().state()).isEqualTo(State.FAILED));
        expect("GET", "/api/v3/projects/group%2Fsub%2Fapp/repository/commits/" + SHA + "/builds?per_page=100");
    }

    @Test
    void commitJobsRefuseSomethingThatIsNotASha() {
        assertThatThrownBy(() -> provider().commitJobs(SERVER, PROJECT, "main"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("'main' is not a commit SHA");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void projectJobsAskForTheScopes() throws Exception {
        // doc/api/jobs.md, "List project jobs" with scope[]
        server.enqueue(new MockResponse.Builder().code(200).body("[" + fixture("job-failed.json") + "]").build());
        List<CommitJob> jobs = provider().projectJobs(SERVER, PROJECT, List.of("failed", "canceled"));
        assertThat(jobs).containsExactly(new CommitJob("123", "rspec", BuildStatus.of(State.FAILED, "failed")));
        RecordedRequest request = expect("GET",
                "/api/v4/projects/group%2Fsub%2Fapp/jobs?scope%5B%5D=failed&scope%5B%5D=canceled&per_page=100");
        assertThat(request.getUrl().queryParameterValues("scope[]")).containsExactly("failed", "canceled");
    }

    @Test
    void projectJobsAreBuildsInV3() throws Exception {
        // v3 doc/api/builds.md, "List project builds" with scope
        server.enqueue(answer(200, "v3-builds.json"));
        assertThat(v3().projectJobs(SERVER, PROJECT, List.of("failed"))).extracting(CommitJob::name).containsExactly("rspec", "lint");
        expect("GET", "/api/v3/projects/group%2Fsub%2Fapp/builds?scope%5B%5D=failed&per_page=100");
    }

    // ---- API v3: doc/api/builds.md

    @Test
    void v3JobStatusUsesTheBuildsEndpoint() throws Exception {
        // v3 doc/api/builds.md, "Get a single build"
        server.enqueue(answer(200, "v3-build.json"));
        assertThat(v3().status(job("123"))).isEqualTo(BuildStatus.of(State.FAILED, "failed"));
        expect("GET", "/api/v3/projects/group%2Fsub%2Fapp/builds/123");
    }

    @Test
    void v3ApiBaseIsDerivedFromTheServerWhenNotConfigured() throws Exception {
        // v3 doc/api/builds.md, "Get a single build": SERVER/api/v3/…
        String serverBase = server.url("/").toString().replaceAll("/$", "");
        GitLabProvider p = provider(null, Map.of("apiVersion", "v3"));
        server.enqueue(answer(200, "v3-build.json"));
        p.status(type.fromCoordinates(serverBase, PROJECT, "job", "123"));
        expect("GET", "/api/v3/projects/group%2Fsub%2Fapp/builds/123");
    }

    @Test
    void v3RetryReturnsTheNewBuildWithALinkThatOldServersServe() throws Exception {
        // v3 doc/api/builds.md, "Retry a build"; v3 builds carry no web_url, and GitLab before 11 has no /-/jobs/ pages
        server.enqueue(answer(201, "v3-build-retried.json"));
        Attempt next = v3().restart(Attempt.first(job("123")), RestartMode.JOB);
        assertThat(next.number()).isEqualTo(2);
        assertThat(next.ref().id()).isEqualTo("124");
        assertThat(next.ref().url()).isEqualTo("https://gitlab.example.com/group/sub/app/builds/124");
        expect("POST", "/api/v3/projects/group%2Fsub%2Fapp/builds/123/retry");
    }

    @Test
    void v3CancelUsesTheBuildsEndpoint() throws Exception {
        // v3 doc/api/builds.md, "Cancel a build"
        server.enqueue(answer(201, "v3-build.json"));
        v3().cancel(job("123"));
        expect("POST", "/api/v3/projects/group%2Fsub%2Fapp/builds/123/cancel");
    }

    @Test
    void v3HasNoJobsOfAPipelineSoFailedJobsIsEmptyWithoutARequest() throws Exception {
        assertThat(v3().failedJobs(pipeline("456"))).isEmpty();
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void unknownApiVersionIsRefused() {
        assertThatThrownBy(() -> provider(null, Map.of("apiVersion", "5")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("GitLab apiVersion must be 4 or 3, got '5'");
    }

    @Test
    void userNameAndPasswordAreRefused() {
        ConnectionSettings settings = new ConnectionSettings(null,
                new ProviderCredentials.UsernamePassword("bob", Token.of(TOKEN)), Map.of());
        assertThatThrownBy(() -> type.connect(settings, context()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scope api")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void withoutCredentialsNoTokenHeaderIsSent() throws Exception {
        GitLabProvider p = (GitLabProvider) type.connect(new ConnectionSettings(server.url("/api/v4/").uri(),
                ProviderCredentials.none(), Map.of()), context());
        server.enqueue(answer(200, "job-running.json"));
        p.status(job("123"));
        assertThat(server.takeRequest().getHeaders().get("PRIVATE-TOKEN")).isNull();
    }

    @Test
    void refOfAnotherProviderIsRefused() {
        BuildRef other = new BuildRef("codeship", "build", "https://app.codeship.com", "org/p", "1", "https://x/1");
        assertThatThrownBy(() -> provider().status(other)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a GitLab build");
        assertThat(server.getRequestCount()).isZero();
    }
}
