package io.jenkins.plugins.externalbuild.provider.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.provider.ProviderRegistry;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Web URLs as the browser shows them on github.com and GitHub Enterprise Server, and explicit coordinates. */
class GitHubActionsProviderTypeTest {

    private final GitHubActionsProviderType type = new GitHubActionsProviderType();

    private Optional<BuildRef> parse(String url) {
        return type.parseUrl(URI.create(url));
    }

    @Test
    void runUrlOfGitHubComIsARun() {
        BuildRef ref = parse("https://github.com/octo-org/octo-repo/actions/runs/30433642").orElseThrow();
        assertThat(ref).isEqualTo(new BuildRef("github", "run", "https://github.com", "octo-org/octo-repo", "30433642",
                "https://github.com/octo-org/octo-repo/actions/runs/30433642"));
        assertThat(GitHubActionsProviderType.pinnedAttempt(ref)).isZero();
    }

    @Test
    void queryTrailingSlashAndWwwAreIgnored() {
        assertThat(parse("https://www.github.com/octo-org/octo-repo/actions/runs/30433642/?pr=12").orElseThrow().url())
                .isEqualTo("https://github.com/octo-org/octo-repo/actions/runs/30433642");
    }

    @Test
    void attemptUrlPinsTheAttempt() {
        BuildRef ref = parse("https://github.com/octo-org/octo-repo/actions/runs/30433642/attempts/3").orElseThrow();
        assertThat(ref.id()).isEqualTo("30433642");
        assertThat(ref.url()).endsWith("/actions/runs/30433642/attempts/3");
        assertThat(GitHubActionsProviderType.pinnedAttempt(ref)).isEqualTo(3);
    }

    @Test
    void jobUrlIsAJobThatRemembersItsRun() {
        BuildRef ref = parse("https://github.com/octo-org/octo-repo/actions/runs/30433642/job/399444496#step:4:12").orElseThrow();
        assertThat(ref.kind()).isEqualTo("job");
        assertThat(ref.id()).isEqualTo("399444496");
        assertThat(ref.url()).isEqualTo("https://github.com/octo-org/octo-repo/actions/runs/30433642/job/399444496");
        assertThat(GitHubActionsProviderType.runIdOf(ref)).isEqualTo("30433642");
    }

    @Test
    void enterpriseServerRunUrlKeepsItsHostAndPort() {
        BuildRef ref = parse("https://GHE.example.com:8443/platform/api/actions/runs/77").orElseThrow();
        assertThat(ref.server()).isEqualTo("https://ghe.example.com:8443");
        assertThat(ref.project()).isEqualTo("platform/api");
        assertThat(GitHubActionsProviderType.apiBase(ref.server())).isEqualTo("https://ghe.example.com:8443/api/v3");
        assertThat(GitHubActionsProviderType.apiBase("https://github.com")).isEqualTo("https://api.github.com");
    }

    @Test
    void otherHostsWithoutTheRunsPathAreNotGitHubs() {
        assertThat(parse("https://ghe.example.com/platform/api/pull/4")).isEmpty();
        assertThat(parse("https://ci.example.com/a/b/-/jobs/8")).isEmpty();
    }

    @Test
    void gitHubComUrlNamingNoRunSaysWhatWasExpected() {
        assertThatThrownBy(() -> parse("https://github.com/octo-org/octo-repo/actions/workflows/build.yml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("names no workflow run")
                .hasMessageContaining("https://github.com/OWNER/REPO/actions/runs/RUN_ID");
        assertThatThrownBy(() -> parse("https://github.com/octo-org/octo-repo/pull/12")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void registryFindsGitHubRunsAmongTheProviders() {
        BuildRef ref = ProviderRegistry.standard().parse("https://github.com/octo-org/octo-repo/actions/runs/30433642");
        assertThat(ref.provider()).isEqualTo("github");
        assertThat(ProviderRegistry.standard().type("github").displayName()).isEqualTo("GitHub Actions");
    }

    @Test
    void coordinatesOfARunAJobAndAnAttempt() {
        assertThat(type.fromCoordinates(null, "octo-org/octo-repo", null, "30433642"))
                .isEqualTo(parse("https://github.com/octo-org/octo-repo/actions/runs/30433642").orElseThrow());
        assertThat(type.fromCoordinates("https://ghe.example.com/", "/platform/api/", "job", "77/88").url())
                .isEqualTo("https://ghe.example.com/platform/api/actions/runs/77/job/88");
        assertThat(type.fromCoordinates(null, "o/r", "RUN", "5/attempts/2").url()).isEqualTo("https://github.com/o/r/actions/runs/5/attempts/2");
    }

    @Test
    void badCoordinatesSayWhatIsExpected() {
        assertThatThrownBy(() -> type.fromCoordinates(null, "octo-repo", "run", "1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("OWNER/REPO");
        assertThatThrownBy(() -> type.fromCoordinates(null, "o/r", "run", "abc"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be a number");
        assertThatThrownBy(() -> type.fromCoordinates(null, "o/r", "job", "88"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--id RUN_ID/JOB_ID");
        assertThatThrownBy(() -> type.fromCoordinates(null, "o/r", "workflow", "1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected run or job");
        assertThatThrownBy(() -> type.fromCoordinates("ftp://x", "o/r", "run", "1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a URL like");
    }
}
