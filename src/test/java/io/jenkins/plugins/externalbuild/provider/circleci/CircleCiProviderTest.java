package io.jenkins.plugins.externalbuild.provider.circleci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.engine.BuildStatus;
import io.jenkins.plugins.externalbuild.engine.BuildStatus.State;
import io.jenkins.plugins.externalbuild.provider.ProviderCredentials;
import io.jenkins.plugins.externalbuild.provider.ProviderException;
import io.jenkins.plugins.externalbuild.provider.Token;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * Reading, cancelling and finding CircleCI workflows through API v2; each test asserts the request line, the
 * {@code Circle-Token} header, the JSON body and the result.
 */
class CircleCiProviderTest extends CircleCiProviderHarness {

    @Test
    void failedWorkflowIsFailedWithItsTiming() throws Exception {
        answer(200, "workflow-failed.json");

        BuildStatus status = provider().status(workflow());

        assertThat(status.state()).isEqualTo(State.FAILED);
        assertThat(status.raw()).isEqualTo("failed");
        assertThat(status.startedAt()).isEqualTo(Instant.parse("2024-05-02T10:00:00Z").toEpochMilli());
        assertThat(status.durationMillis()).isEqualTo(Duration.ofSeconds(270).toMillis());
        expect("GET", "/api/v2/workflow/" + WF);
        assertThat(logs.text()).doesNotContain(TOKEN);
    }

    @Test
    void runningWorkflowIsRunningWithAStartAndNoDurationYet() throws Exception {
        answer(200, "workflow-running.json");

        BuildStatus status = provider().status(workflow());

        assertThat(status.state()).isEqualTo(State.RUNNING);
        assertThat(status.startedAt()).isNotNull();
        assertThat(status.durationMillis()).isNull();
    }

    @Test
    void workflowOnHoldWaitsForAnApprovalAndIsNotTerminal() throws Exception {
        answer(200, "workflow-on-hold.json");

        BuildStatus status = provider().status(workflow());

        assertThat(status.state()).isEqualTo(State.MANUAL);
        assertThat(status.terminal()).isFalse();
    }

    @Test
    void cancelPostsToTheCancelEndpoint() throws Exception {
        answer(202, "cancel.json");

        provider().cancel(workflow());

        RecordedRequest r = expect("POST", "/api/v2/workflow/" + WF + "/cancel");
        assertThat(body(r).isObject()).isTrue();
    }

    @Test
    void failedJobsAreTheJobsThatFailedOrFailedOnInfrastructure() throws Exception {
        answer(200, "workflow-jobs.json");

        assertThat(provider().failedJobs(workflow())).containsExactly("test", "lint");
        expect("GET", "/api/v2/workflow/" + WF + "/job");
    }

    @Test
    void jobsArePagedWithThePageToken() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body("{\"items\":[{\"id\":\"c65b68ef-e73b-4bf2-be9a-7a322a9df150\","
                + "\"job_number\":1,\"name\":\"a\",\"status\":\"failed\",\"type\":\"build\"}],\"next_page_token\":\"tok 2\"}").build());
        answer(200, "workflow-jobs.json");

        assertThat(provider().failedJobs(workflow())).containsExactly("a", "test", "lint");
        expect("GET", "/api/v2/workflow/" + WF + "/job");
        expect("GET", "/api/v2/workflow/" + WF + "/job?page-token=tok%202");
    }

    @Test
    void latestIsTheNewestWorkflowOfTheNewestPipelineOfTheBranch() throws Exception {
        answer(200, "pipelines-branch.json");
        answer(200, "pipeline-workflows.json");

        BuildRef ref = provider().latest(null, SLUG, "main");

        assertThat(ref).isEqualTo(new BuildRef("circleci", "workflow", "https://app.circleci.com", SLUG, NEW_WF, WEB + NEW_WF));
        expect("GET", "/api/v2/project/" + SLUG + "/pipeline?branch=main");
        expect("GET", "/api/v2/pipeline/5034460f-c7c4-4c43-9457-de07e2029e7b/workflow");
    }

    @Test
    void latestOfABranchWithoutPipelinesIsNotFound() {
        server.enqueue(new MockResponse.Builder().code(200).body("{\"items\":[],\"next_page_token\":null}").build());

        assertThatThrownBy(() -> provider().latest(null, SLUG, "nope"))
                .isInstanceOf(ProviderException.NotFound.class).hasMessageContaining("no pipeline for branch 'nope'");
    }

    @Test
    void withoutCredentialsNoCircleTokenHeaderIsSent() throws Exception {
        answer(200, "workflow-success.json");

        provider(ProviderCredentials.none()).status(workflow());

        assertThat(server.takeRequest().getHeaders().get("Circle-Token")).isNull();
    }

    @Test
    void aUserNameAndPasswordAreRefused() {
        assertThatThrownBy(() -> provider(new ProviderCredentials.UsernamePassword("me", Token.of(TOKEN))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("personal API token")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void pollSourceReadsOneWorkflowPerRequestOnTheAccountsBudget() throws Exception {
        answer(200, "workflow-failed.json");
        CircleCiProvider p = provider();

        var source = p.pollSource();
        var result = source.reader().read(List.of(workflow()));

        assertThat(source.maxBatch()).isEqualTo(1);
        assertThat(source.key()).startsWith("circleci|").doesNotContain(TOKEN);
        assertThat(((BuildStatus) result.get(workflow())).state()).isEqualTo(State.FAILED);
    }
}
