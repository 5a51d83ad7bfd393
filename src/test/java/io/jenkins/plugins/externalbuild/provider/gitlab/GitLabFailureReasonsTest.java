package io.jenkins.plugins.externalbuild.provider.gitlab;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.externalbuild.engine.FailureCause;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class GitLabFailureReasonsTest {

    @Test
    void infrastructureFailuresAreTransient() {
        for (String reason : List.of("runner_system_failure", "stuck_or_timeout_failure", "api_failure",
                "scheduler_failure", "DATA_INTEGRITY_FAILURE")) {
            assertThat(GitLabFailureReasons.classify(reason)).as(reason).isEqualTo(FailureCause.TRANSIENT);
        }
    }

    @Test
    void scriptAndConfigurationFailuresArePermanentAndSilenceIsUnclassified() {
        assertThat(GitLabFailureReasons.classify("script_failure")).isEqualTo(FailureCause.PERMANENT);
        assertThat(GitLabFailureReasons.classify("missing_dependency_failure")).isEqualTo(FailureCause.PERMANENT);
        assertThat(GitLabFailureReasons.classify("unknown_failure")).isEqualTo(FailureCause.UNCLASSIFIED);
        assertThat(GitLabFailureReasons.classify(null)).isEqualTo(FailureCause.UNCLASSIFIED);
    }

    @Test
    void aPipelineIsTransientOnlyWhenEveryFailedJobIs() {
        assertThat(GitLabFailureReasons.classifyAll(List.of("api_failure", "runner_system_failure")))
                .isEqualTo(FailureCause.TRANSIENT);
        assertThat(GitLabFailureReasons.classifyAll(List.of("api_failure", "script_failure")))
                .isEqualTo(FailureCause.PERMANENT);
        assertThat(GitLabFailureReasons.classifyAll(Arrays.asList("api_failure", null)))
                .isEqualTo(FailureCause.UNCLASSIFIED);
        assertThat(GitLabFailureReasons.classifyAll(List.of())).isEqualTo(FailureCause.UNCLASSIFIED);
    }
}
