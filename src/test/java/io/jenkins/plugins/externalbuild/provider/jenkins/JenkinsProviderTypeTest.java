package io.jenkins.plugins.externalbuild.provider.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.engine.BuildStatus.State;
import io.jenkins.plugins.externalbuild.provider.ProviderRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Build URLs of another Jenkins as people copy them, through the registry that parses every pasted URL. */
class JenkinsProviderTypeTest {

    private final ProviderRegistry registry = ProviderRegistry.standard();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "https://ci.example.com/job/app/42/                                   | https://ci.example.com         | app                   | 42",
        "https://ci.example.com/job/team/job/app/job/main/42/                 | https://ci.example.com         | team/app/main         | 42",
        "https://ci.example.com/job/team/job/app/job/main/42/console          | https://ci.example.com         | team/app/main         | 42",
        "https://ci.example.com/job/team/job/app/42/consoleFull               | https://ci.example.com         | team/app              | 42",
        "https://ci.example.com/job/team/job/app/42/testReport/junit/a/b/     | https://ci.example.com         | team/app              | 42",
        "https://ci.example.com/job/team/job/app/42/api/json?pretty=true      | https://ci.example.com         | team/app              | 42",
        "https://ci.example.com/jenkins/job/app/7/                            | https://ci.example.com/jenkins | app                   | 7",
        "https://ci.example.com/view/All/job/app/7/                           | https://ci.example.com         | app                   | 7",
        "https://ci.example.com/job/team/view/Nightly/job/app/7/              | https://ci.example.com         | team/app              | 7",
        "https://ci.example.com/job/team/job/app/job/feature%252Fx/3/         | https://ci.example.com         | team/app/feature%2Fx  | 3",
        "https://ci.example.com/job/team/job/app/job/feature%2Fx/3/           | https://ci.example.com         | team/app/feature%2Fx  | 3",
        "https://ci.example.com/job/my%20app/3/                               | https://ci.example.com         | my app                | 3",
        "http://127.0.0.1:8080/job/app/2147483647/                            | http://127.0.0.1:8080          | app                   | 2147483647",
    })
    void buildUrlsAsCopiedFromTheBrowser(String url, String server, String job, String number) {
        BuildRef ref = registry.parse(url);
        assertThat(ref.provider()).isEqualTo("jenkins");
        assertThat(ref.kind()).isEqualTo("build");
        assertThat(ref.server()).isEqualTo(server);
        assertThat(ref.project()).isEqualTo(job);
        assertThat(ref.id()).isEqualTo(number);
    }

    @Test
    void canonicalUrlEncodesNamesAsJenkinsDoes() {
        assertThat(registry.parse("https://ci.example.com/job/team/job/app/job/feature%252Fx/3/console").url())
                .isEqualTo("https://ci.example.com/job/team/job/app/job/feature%252Fx/3/");
        assertThat(registry.parse("https://ci.example.com/view/All/job/my%20app/3/").url())
                .isEqualTo("https://ci.example.com/job/my%20app/3/");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "https://ci.example.com/job/app/                     | is a Jenkins job, not a build",
        "https://ci.example.com/job/app/lastBuild/           | not a permalink such as lastBuild",
        "https://ci.example.com/job/app/0/                   | Jenkins build number must be a whole number from 1 to 2147483647, got '0'",
        "https://ci.example.com/job/app/-1/                  | Jenkins build number must be a whole number from 1 to",
        "https://ci.example.com/job/app/042/                 | Jenkins build number must be a whole number from 1 to",
        "https://ci.example.com/job/app/2147483648/          | Jenkins build number must be a whole number from 1 to",
        "https://ci.example.com/job/app/99999999999999999999/ | Jenkins build number must be a whole number from 1 to",
        "https://ci.example.com/job/../job/app/4/            | has a '.' or '..' path segment",
        "https://ci.example.com/job/app/%2e%2e/4/            | has a '.' or '..' path segment",
        "https://ci.example.com/queue/item/57/               | is a Jenkins queue item, not a build",
    })
    void badUrlsAreRefusedWithOneLine(String url, String message) {
        assertThatThrownBy(() -> registry.parse(url)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message).satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void credentialsInTheUrlAreRefused() {
        assertThatThrownBy(() -> registry.parse("https://bot:11a2b3c4d5e6f7@ci.example.com/job/app/4/"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not contain credentials")
                .hasMessageNotContaining("11a2b3c4d5e6f7");
    }

    @Test
    void aQueuedRestartRoundTripsThroughItsUrl() {
        BuildRef ref = new PendingBuild("https://ci.example.com/jenkins", "team/app/feature%2Fx", 57, 41, 43).toRef();
        BuildRef parsed = registry.parse(ref.url());
        assertThat(parsed).isEqualTo(ref);
        assertThat(PendingBuild.of(parsed)).isEqualTo(new PendingBuild("https://ci.example.com/jenkins", "team/app/feature%2Fx",
                57, 41, 43));
    }

    @Test
    void otherProvidersUrlsAreNotTakenForJenkins() {
        assertThat(registry.parse("https://gitlab.example.com/job/app/-/jobs/8").provider()).isEqualTo("gitlab");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "x", "0", "-3", "1.5"})
    void coordinatesNeedAPositiveBuildNumber(String id) {
        assertThatThrownBy(() -> new JenkinsProviderType().fromCoordinates("https://ci.example.com", "app", null, id))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Jenkins build number must be a whole number");
    }

    @Test
    void coordinatesNameTheJobByItsFullName() {
        BuildRef ref = new JenkinsProviderType().fromCoordinates("https://ci.example.com/jenkins/", "/team/app/", null, "5");
        assertThat(ref.url()).isEqualTo("https://ci.example.com/jenkins/job/team/job/app/5/");
        assertThatThrownBy(() -> new JenkinsProviderType().fromCoordinates("https://ci.example.com", "team/../app", null, "5"))
                .hasMessageContaining("has a '.' or '..' path segment");
    }

    @ParameterizedTest
    @CsvSource({"SUCCESS,SUCCESS", "UNSTABLE,FAILED", "FAILURE,FAILED", "NOT_BUILT,SKIPPED", "ABORTED,CANCELED",
        "building,RUNNING", "paused for input,MANUAL", "queued,QUEUED", "blocked,QUEUED", "buildable,QUEUED",
        "cancelled,CANCELED", "SOMETHING_NEW,UNKNOWN"})
    void statusTable(String raw, State state) {
        assertThat(JenkinsStatusMapping.map(raw).state()).isEqualTo(state);
        assertThat(JenkinsStatusMapping.map(raw).raw()).isEqualTo(raw);
    }
}
