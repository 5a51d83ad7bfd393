package io.jenkins.plugins.externalbuild.provider.buildkite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.provider.ProviderRegistry;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Buildkite build URLs as the browser shows them (builds.md: a build's and a job's web_url) and coordinates. */
class BuildkiteProviderTypeTest {

    private static final String JOB = "0190f1a2-2222-4aaa-8bbb-000000000002";

    private final BuildkiteProviderType type = new BuildkiteProviderType();
    private final ProviderRegistry registry = ProviderRegistry.standard();

    @Test
    void buildUrlIsTheBuildOfOrgAndPipeline() {
        BuildRef ref = registry.parse("https://buildkite.com/acme/web-app/builds/42");
        assertThat(ref).isEqualTo(new BuildRef("buildkite", "build", "https://buildkite.com", "acme/web-app", "42",
                "https://buildkite.com/acme/web-app/builds/42"));
    }

    @Test
    void jobFragmentStaysInTheUrlAndNamesTheJob() {
        BuildRef ref = registry.parse("https://buildkite.com/acme/web-app/builds/42#" + JOB);
        assertThat(ref.id()).isEqualTo("42");
        assertThat(ref.url()).isEqualTo("https://buildkite.com/acme/web-app/builds/42#" + JOB);
        assertThat(BuildkiteProviderType.jobId(ref)).contains(JOB);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://buildkite.com/acme/web-app/builds/42/",
            "https://www.buildkite.com/acme/web-app/builds/42",
            "https://BUILDKITE.com/acme/web-app/builds/42?foo=bar",
            "https://buildkite.com/acme/web-app/builds/42/steps/canvas",
            "https://buildkite.com/acme/web-app/builds/42#annotations",
    })
    void trailingPartsQueriesAndOtherFragmentsAreIgnored(String url) {
        BuildRef ref = registry.parse(url);
        assertThat(ref.url()).isEqualTo("https://buildkite.com/acme/web-app/builds/42");
        assertThat(BuildkiteProviderType.jobId(ref)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://buildkite.com/acme/web-app",
            "https://buildkite.com/acme/web-app/builds",
            "https://buildkite.com/acme/web-app/builds/latest",
            "https://buildkite.com/organizations/acme/agents",
            "https://buildkite.com/acme",
    })
    void buildkiteUrlsThatNameNoBuildAreRefusedSayingWhatIsExpected(String url) {
        assertThatThrownBy(() -> registry.parse(url)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is a Buildkite URL but names no build")
                .hasMessageContaining("https://buildkite.com/ORG/PIPELINE/builds/NUMBER");
    }

    @Test
    void otherHostsAreNotBuildkites() {
        assertThat(type.parseUrl(URI.create("https://buildkite.example.com/acme/web-app/builds/42"))).isEmpty();
        assertThat(type.parseUrl(URI.create("https://api.buildkite.com/v2/organizations/acme/pipelines/web-app/builds/42")))
                .isEmpty();
    }

    @Test
    void unknownUrlsListTheBuildkiteForm() {
        assertThatThrownBy(() -> registry.parse("https://ci.example.com/nothing"))
                .hasMessageContaining("a Buildkite build URL (https://buildkite.com/ORG/PIPELINE/builds/NUMBER");
    }

    @Test
    void coordinatesAreOrgSlashPipelineAndTheBuildNumber() {
        assertThat(type.fromCoordinates(null, "acme/web-app", null, "42"))
                .isEqualTo(registry.parse("https://buildkite.com/acme/web-app/builds/42"));
        assertThat(type.fromCoordinates("https://buildkite.com/", " /acme/web-app/ ", "build", " 42 ").url())
                .isEqualTo("https://buildkite.com/acme/web-app/builds/42");
    }

    @Test
    void badCoordinatesAreRefusedSayingWhatIsExpected() {
        assertThatThrownBy(() -> type.fromCoordinates(null, "web-app", null, "42")).hasMessageContaining("ORG/PIPELINE");
        assertThatThrownBy(() -> type.fromCoordinates(null, "acme/web/app", null, "42")).hasMessageContaining("ORG/PIPELINE");
        assertThatThrownBy(() -> type.fromCoordinates(null, "acme/web-app", "job", "42")).hasMessageContaining("expected build");
        assertThatThrownBy(() -> type.fromCoordinates(null, "acme/web-app", null, JOB)).hasMessageContaining("build number");
        assertThatThrownBy(() -> type.fromCoordinates("https://ci.example.com", "acme/web-app", null, "42"))
                .hasMessageContaining("--api-url");
    }
}
