package io.jenkins.plugins.externalbuild.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuildTargetTest {

    private static final ProviderRegistry REGISTRY = ProviderRegistry.standard();
    private static final Endpoint INTERNAL = new Endpoint("internal", "gitlab", "https://gitlab.internal.example/",
            URI.create("https://gitlab.internal.example/api/v4"), "gitlab-bot");

    private static BuildTarget.Input coordinates(String endpoint, String provider, String server, String project,
                                                 String kind, String id, String credentialsId) {
        return new BuildTarget.Input(null, endpoint, provider, server, project, kind, id, credentialsId);
    }

    @Test
    void aUrlOnAnEndpointsServerUsesItsApiAndDefaultCredentials() {
        BuildTarget t = BuildTarget.resolve(BuildTarget.Input.ofUrl("https://gitlab.internal.example/g/app/-/pipelines/12", null),
                REGISTRY, List.of(INTERNAL));
        assertThat(t.ref().id()).isEqualTo("12");
        assertThat(t.ref().kind()).isEqualTo("pipeline");
        assertThat(t.apiBase()).isEqualTo(URI.create("https://gitlab.internal.example/api/v4"));
        assertThat(t.credentialsId()).isEqualTo("gitlab-bot");
    }

    @Test
    void onlyAnEndpointThatAllowsPlainHttpLetsItsBuildsSendCredentialsOverIt() {
        Endpoint lab = new Endpoint("lab", "buildbot", "http://buildbot.lab:8010", null, "bb", true);
        BuildTarget allowed = BuildTarget.resolve(BuildTarget.Input.ofUrl("http://buildbot.lab:8010/#/builders/1/builds/5",
                null), REGISTRY, List.of(lab));
        BuildTarget elsewhere = BuildTarget.resolve(BuildTarget.Input.ofUrl("http://buildbot.other:8010/#/builders/1/builds/5",
                null), REGISTRY, List.of(lab));

        assertThat(allowed.allowHttp()).isTrue();
        assertThat(allowed.credentialsId()).isEqualTo("bb");
        assertThat(elsewhere.allowHttp()).isFalse();
        assertThat(INTERNAL.allowHttp()).isFalse();
    }

    @Test
    void theStepsCredentialsWinOverTheEndpointDefault() {
        BuildTarget t = BuildTarget.resolve(BuildTarget.Input.ofUrl("https://gitlab.internal.example/g/app/-/jobs/8", " mine "),
                REGISTRY, List.of(INTERNAL));
        assertThat(t.credentialsId()).isEqualTo("mine");
    }

    @Test
    void aUrlElsewhereUsesNoEndpoint() {
        BuildTarget t = BuildTarget.resolve(BuildTarget.Input.ofUrl("https://gitlab.com/g/app/-/jobs/8", null),
                REGISTRY, List.of(INTERNAL));
        assertThat(t.apiBase()).isNull();
        assertThat(t.credentialsId()).isNull();
    }

    @Test
    void coordinatesTakeTheServerFromANamedEndpoint() {
        BuildTarget t = BuildTarget.resolve(coordinates("internal", null, null, "g/app", "pipeline", "4711", null),
                REGISTRY, List.of(INTERNAL));
        assertThat(t.ref().url()).isEqualTo("https://gitlab.internal.example/g/app/-/pipelines/4711");
        assertThat(t.credentialsId()).isEqualTo("gitlab-bot");
    }

    @Test
    void refusalsSayWhatIsWrong() {
        assertThatThrownBy(() -> BuildTarget.resolve(coordinates(null, null, null, null, null, null, null), REGISTRY, List.of()))
                .hasMessageStartingWith("No build given");
        assertThatThrownBy(() -> BuildTarget.resolve(new BuildTarget.Input("https://gitlab.com/g/a/-/jobs/1", null, null,
                null, "g/a", null, null, null), REGISTRY, List.of()))
                .hasMessage("Give either url or project/kind/id/server, not both");
        assertThatThrownBy(() -> BuildTarget.resolve(coordinates("nope", null, null, "g/a", null, "1", null), REGISTRY,
                List.of(INTERNAL)))
                .hasMessageStartingWith("No endpoint named 'nope' is configured");
    }

    @Test
    void formChecksExplainBadUrlsAndAcceptGoodOnes() {
        assertThat(BuildTarget.checkUrl("https://gitlab.com/g/app/-/jobs/8", REGISTRY)).isEmpty();
        assertThat(BuildTarget.checkUrl("", REGISTRY)).isEmpty();
        assertThat(BuildTarget.checkUrl("ftp://x/y", REGISTRY)).get().asString().contains("not an http(s) URL");
        assertThat(BuildTarget.checkUrl("https://user:secret@gitlab.com/g/app/-/jobs/8", REGISTRY)).get().asString()
                .contains("must not contain credentials").doesNotContain("secret@");
        assertThat(BuildTarget.checkHttpUrl("gitlab.example.com", "The server URL")).get().asString()
                .isEqualTo("The server URL must be an http(s) URL such as https://gitlab.example.com");
        assertThat(BuildTarget.checkHttpUrl("https://gitlab.example.com", "The server URL")).isEmpty();
    }
}
