package io.jenkins.plugins.externalbuild.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.provider.gitlab.GitLabProviderType;
import org.junit.jupiter.api.Test;

class ProviderRegistryTest {

    private final ProviderRegistry registry = ProviderRegistry.standard();

    @Test
    void standardRegistryKnowsGitLab() {
        assertThat(registry.types()).extracting(ProviderType::id).contains("gitlab");
        assertThat(registry.type(" GitLab ")).isInstanceOf(GitLabProviderType.class);
    }

    @Test
    void unknownProviderIdListsTheKnownOnes() {
        assertThatThrownBy(() -> registry.type("hudson"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Unknown provider 'hudson': expected one of ").hasMessageContaining("gitlab")
                .hasMessageContaining("jenkins");
    }

    @Test
    void pastedGitLabJobUrlIsParsed() {
        BuildRef ref = registry.parse("  https://gitlab.example.com/group/sub/app/-/jobs/123/raw?x=1#L3 \n");
        assertThat(ref).isEqualTo(new BuildRef("gitlab", "job", "https://gitlab.example.com", "group/sub/app", "123",
                "https://gitlab.example.com/group/sub/app/-/jobs/123"));
    }

    @Test
    void pastedSelfHostedPipelineUrlWithPortIsParsed() {
        BuildRef ref = registry.parse("http://ci.internal:8929/a/b/c/-/pipelines/9/failures");
        assertThat(ref.server()).isEqualTo("http://ci.internal:8929");
        assertThat(ref.kind()).isEqualTo("pipeline");
        assertThat(ref.project()).isEqualTo("a/b/c");
        assertThat(ref.id()).isEqualTo("9");
    }

    @Test
    void urlOfNoKnownProviderIsRefusedWithTheAcceptedForms() {
        assertThatThrownBy(() -> registry.parse("https://ci.example.com/owner/repo/builds/1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a build URL of a known provider")
                .hasMessageContaining("https://HOST/GROUP/PROJECT/-/jobs/ID")
                .hasMessageContaining("https://github.com/OWNER/REPO/actions/runs/RUN_ID")
                .hasMessageContaining("--provider");
    }

    @Test
    void gitLabUrlNamingNoJobSaysWhatWasExpected() {
        assertThatThrownBy(() -> registry.parse("https://gitlab.com/group/app/-/issues/4"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("names no job or pipeline")
                .hasMessageContaining("https://gitlab.com/group/app/-/jobs/ID");
    }

    @Test
    void aGitLabUrlNamingNoJobIsQuotedWithoutItsQueryToken() {
        assertThatThrownBy(() -> registry.parse("https://gitlab.com/g/p/-/jobs/nope?private_token=glpat-secret-0123"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("names no job or pipeline")
                .hasMessageNotContaining("glpat-secret-0123");
    }

    @Test
    void textThatIsNotAUrlIsRefused() {
        assertThatThrownBy(() -> registry.parse("job 8 please"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'job 8 please' is not a URL: expected ");
        assertThatThrownBy(() -> registry.parse("gitlab.com/group/app/-/jobs/8"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'gitlab.com/group/app/-/jobs/8' is not an http(s) URL: expected ");
    }

    @Test
    void credentialsInTheUrlAreRefusedWithoutEchoingThem() {
        assertThatThrownBy(() -> registry.parse("https://bob:hunter2secret@gitlab.example.com/group/app/-/jobs/8"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not contain credentials (user:password@)")
                .hasMessageNotContaining("hunter2secret");
    }

    @Test
    void emptyInputIsRefused() {
        for (String input : new String[] {null, "", "   "}) {
            assertThatThrownBy(() -> registry.parse(input))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("No build given: expected a GitLab job or pipeline URL");
        }
    }

    @Test
    void aMalformedUrlWithCredentialsIsNotEchoedBack() {
        ProviderRegistry registry = ProviderRegistry.standard();
        assertThatThrownBy(() -> registry.parse("https://bot:s3cr3t-pw@gitlab.example.com/g p/-/jobs/1"))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t-pw"));
    }
}
