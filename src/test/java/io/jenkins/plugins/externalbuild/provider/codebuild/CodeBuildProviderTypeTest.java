package io.jenkins.plugins.externalbuild.provider.codebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.provider.ProviderRegistry;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ARNs and console URLs as the fixture README documents them (IAM's ARN formats, the service model's build ids,
 * the console link of AWS's own Jenkins plugin, and the account-segment form seen in third-party scripts).
 */
class CodeBuildProviderTypeTest {

    private static final String UUID = "7c1f3a52-9b4e-4d2a-8f61-0a1b2c3d4e01";
    private static final String ID = "externalbuild-demo:" + UUID;
    private static final String CONSOLE = "https://us-east-1.console.aws.amazon.com/codesuite/codebuild/projects/"
            + "externalbuild-demo/build/" + ID + "/log?region=us-east-1";

    private final CodeBuildProviderType type = new CodeBuildProviderType();
    private final ProviderRegistry registry = ProviderRegistry.standard();

    @Test
    void buildArnGivesRegionProjectAndIdAndTheConsoleUrl() {
        BuildRef ref = registry.parse("arn:aws:codebuild:us-east-1:123456789012:build/" + ID);

        assertThat(ref).isEqualTo(new BuildRef("codebuild", "build", "us-east-1", "externalbuild-demo", ID, CONSOLE));
    }

    @Test
    void batchArnIsABatch() {
        BuildRef ref = registry.parse("arn:aws:codebuild:us-west-2:123456789012:build-batch/codebuild-demo-project:"
                + "e9c4f4df-3f43-41d2-ab3a-60fe2EXAMPLE");

        assertThat(ref.kind()).isEqualTo("batch");
        assertThat(ref.server()).isEqualTo("us-west-2");
        assertThat(ref.id()).isEqualTo("codebuild-demo-project:e9c4f4df-3f43-41d2-ab3a-60fe2EXAMPLE");
        assertThat(ref.url()).isEqualTo("https://us-west-2.console.aws.amazon.com/codesuite/codebuild/projects/"
                + "codebuild-demo-project/batch/codebuild-demo-project:e9c4f4df-3f43-41d2-ab3a-60fe2EXAMPLE?region=us-west-2");
    }

    @Test
    void chinaAndGovCloudArnsAreAccepted() {
        assertThat(registry.parse("arn:aws-cn:codebuild:cn-north-1:123456789012:build/" + ID).url())
                .startsWith("https://cn-north-1.console.amazonaws.cn/");
        assertThat(registry.parse("arn:aws-us-gov:codebuild:us-gov-west-1:123456789012:build/" + ID).server())
                .isEqualTo("us-gov-west-1");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        CONSOLE,
        "https://us-east-1.console.aws.amazon.com/codesuite/codebuild/projects/externalbuild-demo/build/externalbuild-demo%3A" + UUID + "/?region=us-east-1",
        "https://us-east-1.console.aws.amazon.com/codesuite/codebuild/123456789012/projects/externalbuild-demo/build/externalbuild-demo%3A" + UUID + "/?region=us-east-1",
        "https://console.aws.amazon.com/codesuite/codebuild/projects/externalbuild-demo/build/" + ID + "/log?region=us-east-1",
        "https://us-east-1.console.aws.amazon.com/codesuite/codebuild/projects/externalbuild-demo/build/" + UUID,
        "https://console.aws.amazon.com/codebuild/home?region=us-east-1#/builds/" + ID + "/view/new",
    })
    void consoleUrlsOfABuildAllNameTheSameBuild(String url) {
        assertThat(registry.parse(url)).isEqualTo(registry.parse("arn:aws:codebuild:us-east-1:123456789012:build/" + ID));
    }

    @Test
    void consoleUrlOfABatchIsABatch() {
        BuildRef ref = registry.parse("https://eu-central-1.console.aws.amazon.com/codesuite/codebuild/123456789012/projects/"
                + "externalbuild-demo/batch/externalbuild-demo%3A" + UUID + "?region=eu-central-1");

        assertThat(ref.kind()).isEqualTo("batch");
        assertThat(ref.server()).isEqualTo("eu-central-1");
        assertThat(ref.id()).isEqualTo(ID);
    }

    @Test
    void coordinatesTakeTheRegionAsServer() {
        assertThat(type.fromCoordinates("us-east-1", null, null, ID)).isEqualTo(registry.parse(CONSOLE));
        assertThat(type.fromCoordinates("us-east-1", "externalbuild-demo", "build", UUID).id()).isEqualTo(ID);
        assertThat(type.fromCoordinates("https://codebuild.us-east-1.amazonaws.com", null, "build", ID).server())
                .isEqualTo("us-east-1");
        assertThat(type.fromCoordinates(" us-east-1 ", null, "BATCH", ID).kind()).isEqualTo("batch");
    }

    @Test
    void coordinatesRefuseWhatCannotBeABuild() {
        assertThatThrownBy(() -> type.fromCoordinates(null, null, null, ID)).hasMessageContaining("region");
        assertThatThrownBy(() -> type.fromCoordinates("https://gitlab.example.com", null, null, ID)).hasMessageContaining("region");
        assertThatThrownBy(() -> type.fromCoordinates("mars-north-x", null, null, ID)).hasMessageContaining("region");
        assertThatThrownBy(() -> type.fromCoordinates("us-east-1", null, null, UUID)).hasMessageContaining("project");
        assertThatThrownBy(() -> type.fromCoordinates("us-east-1", "other", null, ID)).hasMessageContaining("belongs to project");
        assertThatThrownBy(() -> type.fromCoordinates("us-east-1", null, "pipeline", ID)).hasMessageContaining("build or batch");
        assertThatThrownBy(() -> type.fromCoordinates("us-east-1", null, null, " ")).hasMessageContaining("id");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "arn:aws:codebuild:us-east-1:123456789012:project/externalbuild-demo",
        "arn:aws:codebuild:us-east-1:123456789012:report-group/demo-reports",
        "arn:aws:codebuild::123456789012:build/" + ID,
        "arn:aws:codebuild:us-east-1:123456789012:build/externalbuild-demo",
        "https://us-east-1.console.aws.amazon.com/codesuite/codebuild/projects/externalbuild-demo/history?region=us-east-1",
        "https://console.aws.amazon.com/codesuite/codebuild/projects/externalbuild-demo/build/" + ID,
        "https://us-east-1.console.aws.amazon.com/codesuite/codebuild/projects/externalbuild-demo/build/" + ID + "?region=eu-west-1",
    })
    void codeBuildInputThatNamesNoBuildIsRefusedWithTheExpectedForm(String input) {
        assertThatThrownBy(() -> registry.parse(input)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(input.startsWith("arn") ? "arn" : "https://");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "arn:aws:s3:::my-bucket",
        "https://us-east-1.console.aws.amazon.com/s3/buckets/my-bucket",
        "https://gitlab.example.com/g/p/-/jobs/8",
        "https://example.com/codesuite/codebuild/projects/p/build/p:1",
    })
    void otherUrlsAreNotCodeBuilds(String input) {
        assertThat(type.parseUrl(URI.create(input))).isEmpty();
    }
}
