package io.jenkins.plugins.externalbuild.provider.codeship;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.engine.BuildStatus;
import io.jenkins.plugins.externalbuild.provider.ProviderRegistry;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Codeship build URLs as users copy them, explicit coordinates, and the status table. */
class CodeshipProviderTypeTest {

    private static final String ORG = "0c1e6f2a-5b7d-4e1f-9a3c-2d4e6f8a0b1c";
    private static final String PROJECT = "1a2b3c4d-0000-4000-8000-00000000b001";
    private static final String BUILD = "2b3c4d5e-1111-4111-8111-000000000001";

    private final CodeshipProviderType type = new CodeshipProviderType();

    private BuildRef parse(String url) {
        return type.parseUrl(URI.create(url)).orElseThrow();
    }

    @Test
    void numericWebUrlNamesAV1Build() {
        BuildRef ref = parse("https://app.codeship.com/projects/100001/builds/9000001");

        assertThat(ref).isEqualTo(new BuildRef("codeship", "build", "https://app.codeship.com", "100001", "9000001",
                "https://app.codeship.com/projects/100001/builds/9000001"));
    }

    @Test
    void uuidWebUrlNamesAV2BuildWhoseOrganizationIsLookedUp() {
        BuildRef ref = parse("https://app.codeship.com/projects/" + PROJECT + "/builds/" + BUILD.toUpperCase() + "/steps?x=1#log");

        assertThat(ref.project()).isEqualTo(PROJECT);
        assertThat(ref.id()).isEqualTo(BUILD);
        assertThat(ref.url()).isEqualTo("https://app.codeship.com/projects/" + PROJECT + "/builds/" + BUILD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://codeship.com/projects/100001/builds/9000001",
        "http://www.codeship.com/projects/100001/builds/9000001/", "https://APP.codeship.com/projects/100001/builds/9000001"})
    void olderHostsAndTrailingPartsAreAccepted(String url) {
        assertThat(parse(url).url()).isEqualTo("https://app.codeship.com/projects/100001/builds/9000001");
    }

    @Test
    void apiUrlOfABuildCarriesTheOrganization() {
        BuildRef ref = parse("https://api.codeship.com/v2/organizations/" + ORG + "/projects/" + PROJECT + "/builds/" + BUILD);

        assertThat(ref.project()).isEqualTo(ORG + "/" + PROJECT);
        assertThat(ref.url()).isEqualTo("https://app.codeship.com/projects/" + PROJECT + "/builds/" + BUILD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://app.codeship.com/projects/297007", "https://app.codeship.com/projects/297007/builds",
        "https://app.codeship.com/projects/297007/builds/latest", "https://codeship.com/projects/abc/builds/1",
        "https://app.codeship.com/", "https://api.codeship.com/v2/auth"})
    void codeshipUrlsNamingNoBuildAreRefusedWithTheExpectedForm(String url) {
        assertThatThrownBy(() -> type.parseUrl(URI.create(url))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("names no build").hasMessageContaining("/builds/");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://gitlab.com/g/p/-/jobs/1", "https://example.com/projects/1/builds/2",
        "https://codeship.com.evil.example/projects/1/builds/2"})
    void otherHostsAreNotCodeship(String url) {
        assertThat(type.parseUrl(URI.create(url))).isEmpty();
    }

    @Test
    void registryRecognizesCodeshipUrls() {
        assertThat(ProviderRegistry.standard().parse("https://app.codeship.com/projects/100001/builds/9000001").provider())
                .isEqualTo("codeship");
        assertThat(ProviderRegistry.standard().type("codeship")).isInstanceOf(CodeshipProviderType.class);
    }

    @Test
    void coordinatesTakeOrgAndProjectUuidsOrANumericProject() {
        BuildRef v2 = type.fromCoordinates(null, ORG + "/" + PROJECT, null, BUILD);
        assertThat(v2.project()).isEqualTo(ORG + "/" + PROJECT);
        assertThat(v2.kind()).isEqualTo("build");
        assertThat(v2.server()).isEqualTo("https://app.codeship.com");

        BuildRef v1 = type.fromCoordinates("", "100001", "build", "9000001");
        assertThat(v1.url()).isEqualTo("https://app.codeship.com/projects/100001/builds/9000001");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "group/app | build | 1 | not a Codeship project",
        "100001 | job | 1 | no build kind 'job'",
        "100001 | build | latest | not a Codeship build",
        "'' | build | 1 | needs a project",
        "100001 | build | '' | needs a build"})
    void badCoordinatesAreRefusedSayingWhatIsExpected(String project, String kind, String id, String message) {
        assertThatThrownBy(() -> type.fromCoordinates(null, project, kind, id))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @ParameterizedTest
    @CsvSource({"waiting,QUEUED", "initiated,RUNNING", "testing,RUNNING", "success,SUCCESS", "error,FAILED",
        "failed,FAILED", "infrastructure_failure,FAILED", "stopped,CANCELED", "ignored,SKIPPED", "blocked,SKIPPED",
        "skipped,SKIPPED", "SUCCESS,SUCCESS", "brand_new,UNKNOWN"})
    void everyKnownStatusIsMapped(String raw, BuildStatus.State state) {
        assertThat(CodeshipStatusMapping.map(raw)).isEqualTo(BuildStatus.of(state, raw));
    }
}
