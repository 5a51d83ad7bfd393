package io.jenkins.plugins.externalbuild.provider.circleci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.provider.ProviderRegistry;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CircleCiProviderTypeTest {

    private static final String WF = "fda08377-fe7e-46b1-8992-3a7aaecac9c3";
    private final CircleCiProviderType type = new CircleCiProviderType();

    @Test
    void aWorkflowUrlNamesTheWorkflowOfItsProjectSlug() {
        BuildRef ref = ProviderRegistry.standard().parse(
                "https://app.circleci.com/pipelines/github/circleci/webhook-service/130/workflows/" + WF);

        assertThat(ref).isEqualTo(new BuildRef("circleci", "workflow", "https://app.circleci.com",
                "gh/circleci/webhook-service", WF,
                "https://app.circleci.com/pipelines/github/circleci/webhook-service/130/workflows/" + WF));
        assertThat(CircleCiProviderType.jobNumber(ref)).isEmpty();
    }

    @Test
    void aJobUrlNamesItsWorkflowAndKeepsTheJobInTheUrl() {
        BuildRef ref = type.parseUrl(URI.create("https://app.circleci.com/pipelines/github/CircleCI-Public/orb-tools-orb/947/"
                + "workflows/342ea92a-4c3d-485b-b89f-8511ebabd12f/jobs/5798/parallel-runs/0?filterBy=ALL")).orElseThrow();

        assertThat(ref.id()).isEqualTo("342ea92a-4c3d-485b-b89f-8511ebabd12f");
        assertThat(ref.project()).isEqualTo("gh/CircleCI-Public/orb-tools-orb");
        assertThat(ref.url()).endsWith("/947/workflows/342ea92a-4c3d-485b-b89f-8511ebabd12f/jobs/5798");
        assertThat(CircleCiProviderType.jobNumber(ref)).hasValue(5798);
    }

    @Test
    void gitHubAppProjectsKeepTheirOpaqueSlugAndBitbucketBecomesBb() {
        BuildRef app = type.parseUrl(URI.create("https://app.circleci.com/pipelines/circleci/DdaVtNusHqi24D4YT3X4eu/"
                + "6EkDPZoN4ZdMKKZtBkRodt/1/workflows/c2006ece-778d-49fc-9e6e-b9965f72bee9")).orElseThrow();
        BuildRef bb = type.parseUrl(URI.create("https://app.circleci.com/pipelines/bitbucket/team/app/7/workflows/" + WF + "/"))
                .orElseThrow();

        assertThat(app.project()).isEqualTo("circleci/DdaVtNusHqi24D4YT3X4eu/6EkDPZoN4ZdMKKZtBkRodt");
        assertThat(bb.project()).isEqualTo("bb/team/app");
        assertThat(bb.url()).isEqualTo("https://app.circleci.com/pipelines/bitbucket/team/app/7/workflows/" + WF);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://app.circleci.com/pipelines/github/o/r/12",
            "https://app.circleci.com/pipelines/github/o/r/12/workflows/not-a-uuid",
            "https://app.circleci.com/pipelines/github/o/r",
            "https://app.circleci.com/settings/project/github/o/r",
            "https://app.circleci.com/pipelines/svn/o/r/12/workflows/" + WF,
    })
    void circleCiUrlsThatNameNoWorkflowAreRefusedWithTheExpectedForm(String url) {
        assertThatThrownBy(() -> type.parseUrl(URI.create(url))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CircleCI");
    }

    @Test
    void theLegacyWorkflowRunLinkIsRefusedWithAHint() {
        assertThatThrownBy(() -> type.parseUrl(URI.create("https://circleci.com/workflow-run/" + WF)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("paste the address the browser shows");
    }

    @Test
    void otherHostsAreNotCircleCi() {
        assertThat(type.parseUrl(URI.create("https://gitlab.com/g/p/-/jobs/1"))).isEmpty();
        assertThat(type.parseUrl(URI.create("https://example.com/pipelines/github/o/r/1/workflows/" + WF))).isEmpty();
    }

    @Test
    void coordinatesNeedAProjectSlugAndAWorkflowUuid() {
        BuildRef ref = type.fromCoordinates(null, "github/o/r", null, WF.toUpperCase());

        assertThat(ref.project()).isEqualTo("gh/o/r");
        assertThat(ref.id()).isEqualTo(WF);
        assertThat(ref.kind()).isEqualTo("workflow");
        assertThatThrownBy(() -> type.fromCoordinates(null, "o/r", null, WF)).hasMessageContaining("project slug");
        assertThatThrownBy(() -> type.fromCoordinates(null, "gh/o/r", null, "42")).hasMessageContaining("UUID");
        assertThatThrownBy(() -> type.fromCoordinates(null, "gh/o/r", "job", WF)).hasMessageContaining("expected workflow");
        assertThatThrownBy(() -> type.fromCoordinates("https://ci.example.com", "gh/o/r", null, WF))
                .hasMessageContaining("--api-url");
    }
}
