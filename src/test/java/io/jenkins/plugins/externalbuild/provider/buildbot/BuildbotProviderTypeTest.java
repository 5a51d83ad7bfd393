package io.jenkins.plugins.externalbuild.provider.buildbot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.provider.ProviderRegistry;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** Buildbot's URL forms: the UI keeps its path in the fragment ({@code /#/builders/3/builds/7}); the API does not. */
class BuildbotProviderTypeTest {

    private final BuildbotProviderType type = new BuildbotProviderType();
    private final ProviderRegistry registry = ProviderRegistry.standard();

    @Test
    void uiBuildUrlNamesTheBuilderAndTheBuildNumber() {
        BuildRef ref = registry.parse("http://127.0.0.1:8010/#/builders/3/builds/7");

        assertThat(ref).isEqualTo(new BuildRef("buildbot", "build", "http://127.0.0.1:8010", "3", "7",
                "http://127.0.0.1:8010/#/builders/3/builds/7"));
    }

    @Test
    void uiUrlUnderAPathPrefixAndWithStepsAfterTheNumberKeepsThePrefixInTheServer() {
        BuildRef ref = registry.parse("https://CI.example.com/buildbot/#/builders/12/builds/340/steps/2/logs/stdio");

        assertThat(ref.server()).isEqualTo("https://ci.example.com/buildbot");
        assertThat(ref.project()).isEqualTo("12");
        assertThat(ref.id()).isEqualTo("340");
        assertThat(ref.url()).isEqualTo("https://ci.example.com/buildbot/#/builders/12/builds/340");
    }

    @Test
    void uiBuildRequestUrlIsABuildRequestOfAnyBuilder() {
        BuildRef ref = registry.parse("http://bb.local:8010/#/buildrequests/24");

        assertThat(ref.kind()).isEqualTo("buildrequest");
        assertThat(ref.project()).isEqualTo("*");
        assertThat(ref.id()).isEqualTo("24");
        assertThat(ref.url()).isEqualTo("http://bb.local:8010/#/buildrequests/24");
    }

    @Test
    void apiUrlOfABuildByItsGlobalIdHasNoBuilder() {
        BuildRef ref = registry.parse("http://127.0.0.1:8010/api/v2/builds/23");

        assertThat(ref.kind()).isEqualTo("build");
        assertThat(ref.project()).isEqualTo("*");
        assertThat(ref.id()).isEqualTo("23");
        assertThat(ref.url()).isEqualTo("http://127.0.0.1:8010/api/v2/builds/23");
    }

    @Test
    void apiUrlByBuilderNameKeepsTheNameAndTheApiForm() {
        BuildRef ref = registry.parse("http://127.0.0.1:8010/api/v2/builders/flaky/builds/2?field=results");

        assertThat(ref.project()).isEqualTo("flaky");
        assertThat(ref.id()).isEqualTo("2");
        assertThat(ref.url()).isEqualTo("http://127.0.0.1:8010/api/v2/builders/flaky/builds/2");
    }

    @Test
    void apiUrlOfABuildRequestIsParsed() {
        BuildRef ref = registry.parse("http://127.0.0.1:8010/api/v2/buildrequests/5/builds");

        assertThat(ref.kind()).isEqualTo("buildrequest");
        assertThat(ref.id()).isEqualTo("5");
    }

    @Test
    void uiUrlNamingABuilderButNoBuildSaysWhatWasExpected() {
        assertThatThrownBy(() -> type.parseUrl(URI.create("http://127.0.0.1:8010/#/builders/3")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("names no build")
                .hasMessageContaining("http://127.0.0.1:8010/#/builders/BUILDERID/builds/NUMBER");
    }

    @Test
    void otherUrlsAreNotBuildbots() {
        assertThat(type.parseUrl(URI.create("https://gitlab.example.com/g/p/-/jobs/8"))).isEmpty();
        assertThat(type.parseUrl(URI.create("http://127.0.0.1:8010/#/about"))).isEmpty();
        assertThat(type.parseUrl(URI.create("http://127.0.0.1:8010/api/v2/workers"))).isEmpty();
    }

    @Test
    void coordinatesNeedTheServer() {
        assertThatThrownBy(() -> type.fromCoordinates(null, "flaky", "build", "1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--server");
    }

    @Test
    void coordinatesOfABuildNeedTheBuilderOrStar() {
        assertThatThrownBy(() -> type.fromCoordinates("http://bb:8010", null, null, "1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--project '*'");
        assertThat(type.fromCoordinates("http://bb:8010/", "*", null, "9").url()).isEqualTo("http://bb:8010/api/v2/builds/9");
        assertThat(type.fromCoordinates("http://bb:8010", "flaky", "BUILD", "2").describe()).isEqualTo("buildbot build 2 (flaky)");
    }

    @Test
    void builderNamesTheApiCannotAddressAreRefused() {
        assertThatThrownBy(() -> type.fromCoordinates("http://bb:8010", "my builder", "build", "1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("numeric builder id");
    }

    @Test
    void unknownKindAndNonNumericIdsAreRefused() {
        assertThatThrownBy(() -> type.fromCoordinates("http://bb:8010", "flaky", "buildset", "1"))
                .hasMessageContaining("build or buildrequest");
        assertThatThrownBy(() -> type.fromCoordinates("http://bb:8010", "flaky", "build", "latest"))
                .hasMessageContaining("must be a number");
    }
}
