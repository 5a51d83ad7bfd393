package io.jenkins.plugins.externalbuild.provider.circleci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.externalbuild.engine.Attempt;
import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.engine.RestartMode;
import io.jenkins.plugins.externalbuild.provider.ProviderException;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;

/**
 * Re-running CircleCI workflows, from failed, entirely or one job, and the reruns refused before or by CircleCI.
 */
class CircleCiProviderRerunTest extends CircleCiProviderHarness {

    @Test
    void rerunFromFailedIsTheDefaultAndReturnsTheNewWorkflowAsTheNextAttempt() throws Exception {
        answer(200, "workflow-failed.json");
        answer(202, "rerun.json");

        Attempt next = provider().restart(Attempt.first(workflow()), null);

        assertThat(next.number()).isEqualTo(2);
        assertThat(next.ref()).isEqualTo(new BuildRef("circleci", "workflow", "https://app.circleci.com", SLUG, NEW_WF,
                WEB + NEW_WF));
        expect("GET", "/api/v2/workflow/" + WF);
        JsonNode body = body(expect("POST", "/api/v2/workflow/" + WF + "/rerun"));
        assertThat(body.toString()).isEqualTo("{\"from_failed\":true}");
    }

    @Test
    void rerunOfEverythingSendsFromFailedFalse() throws Exception {
        answer(200, "workflow-success.json");
        answer(202, "rerun.json");

        Attempt next = provider().restart(Attempt.first(workflow()), RestartMode.ALL);

        assertThat(next.ref().id()).isEqualTo(NEW_WF);
        expect("GET", "/api/v2/workflow/" + WF);
        assertThat(body(expect("POST", "/api/v2/workflow/" + WF + "/rerun")).toString()).isEqualTo("{\"from_failed\":false}");
    }

    @Test
    void rerunOfTheJobOfAJobUrlSendsThatJobsId() throws Exception {
        answer(200, "workflow-failed.json");
        answer(200, "workflow-jobs.json");
        answer(202, "rerun.json");

        Attempt next = provider().restart(Attempt.first(job(5798)), RestartMode.JOB);

        assertThat(next.ref().url()).isEqualTo(WEB + NEW_WF);
        expect("GET", "/api/v2/workflow/" + WF);
        expect("GET", "/api/v2/workflow/" + WF + "/job");
        assertThat(body(expect("POST", "/api/v2/workflow/" + WF + "/rerun")).toString())
                .isEqualTo("{\"jobs\":[\"5e957edd-5e8c-4985-9178-5d0d69561822\"]}");
    }

    @Test
    void jobModeNeedsAJobUrlAndIsRefusedBeforeAnyRequest() {
        assertThatThrownBy(() -> provider().restart(Attempt.first(workflow()), RestartMode.JOB))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mode 'job'");
        assertThat(provider().capabilities(job(5798)).restartModes()).contains(RestartMode.JOB);
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void aJobNumberTheWorkflowLacksIsNotFoundAndNothingIsRerun() throws Exception {
        answer(200, "workflow-failed.json");
        answer(200, "workflow-jobs.json");

        ProviderException.NotFound e = catchThrowableOfType(ProviderException.NotFound.class,
                () -> provider().restart(Attempt.first(job(1)), RestartMode.JOB));

        assertThat(e.getMessage()).contains("has no job 1");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void runningWorkflowIsNotRestartableAndNoRerunIsSent() throws Exception {
        answer(200, "workflow-running.json");

        ProviderException.NotRestartable e = catchThrowableOfType(ProviderException.NotRestartable.class,
                () -> provider().restart(Attempt.first(workflow()), RestartMode.FAILED));

        assertThat(e.getMessage()).contains("is running").contains("only once it has ended");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void rerunFromFailedOfASuccessfulWorkflowIsRefusedWithTheModeToUse() throws Exception {
        answer(200, "workflow-success.json");

        assertThatThrownBy(() -> provider().restart(Attempt.first(workflow()), RestartMode.FAILED))
                .isInstanceOf(ProviderException.NotRestartable.class).hasMessageContaining("use mode 'all'");
    }

    @Test
    void rerunRefusedWith400IsNotRestartableAndQuotesCircleCi() throws Exception {
        answer(200, "workflow-failed.json");
        answer(400, "error-400-not-terminal.json");

        ProviderException.NotRestartable e = catchThrowableOfType(ProviderException.NotRestartable.class,
                () -> provider().restart(Attempt.first(workflow()), RestartMode.FAILED));

        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.getMessage()).contains("Workflow must be in a terminal state to be rerun");
        assertTokenAbsent(e);
    }

    @Test
    void rerunAnswerWithoutAWorkflowIdIsABadResponse() throws Exception {
        answer(200, "workflow-failed.json");
        server.enqueue(new MockResponse.Builder().code(202).body("{\"message\":\"Accepted.\"}").build());

        assertThatThrownBy(() -> provider().restart(Attempt.first(workflow()), RestartMode.FAILED))
                .isInstanceOf(ProviderException.BadResponse.class).hasMessageContaining("without the id of the new workflow");
    }
}
