package io.jenkins.plugins.externalbuild.provider.gitlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.externalbuild.engine.BuildRef;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** URL forms from the fixture README, "Web URLs" (doc/development/routing.md, config/routes/legacy_builds.rb). */
class GitLabProviderTypeTest {

    private final GitLabProviderType type = new GitLabProviderType();

    private BuildRef parse(String url) {
        return type.parseUrl(URI.create(url)).orElseThrow();
    }

    @Test
    void jobUrlWithNestedGroupsNamesTheJob() {
        BuildRef ref = parse("https://gitlab.example.com/group/sub/app/-/jobs/123");
        assertThat(ref).isEqualTo(new BuildRef("gitlab", "job", "https://gitlab.example.com", "group/sub/app", "123",
                "https://gitlab.example.com/group/sub/app/-/jobs/123"));
    }

    @Test
    void pipelineUrlNamesThePipeline() {
        BuildRef ref = parse("https://gitlab.com/a/b/c/d/app/-/pipelines/456");
        assertThat(ref.kind()).isEqualTo("pipeline");
        assertThat(ref.project()).isEqualTo("a/b/c/d/app");
        assertThat(ref.id()).isEqualTo("456");
        assertThat(ref.url()).isEqualTo("https://gitlab.com/a/b/c/d/app/-/pipelines/456");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "https://ci.example.org:8443/group/app/-/jobs/8/raw, https://ci.example.org:8443, group/app, job, 8",
            "http://ci.example.org:8080/group/app/-/pipelines/9/failures, http://ci.example.org:8080, group/app, pipeline, 9",
            "https://gitlab.example.com/group/sub/app/-/jobs/123?foo=bar#L12, https://gitlab.example.com, group/sub/app, job, 123",
            "https://GitLab.Example.com/Group/App/-/pipelines/7/, https://gitlab.example.com, Group/App, pipeline, 7",
            "https://gitlab.example.com/group/app/jobs/8, https://gitlab.example.com, group/app, job, 8",
            "https://gitlab.example.com/group/app/builds/8, https://gitlab.example.com, group/app, job, 8",
            "https://gitlab.example.com/group/sub/app/pipelines/9, https://gitlab.example.com, group/sub/app, pipeline, 9",
            "https://my-gitlab.corp:444/group/app/builds/8/artifacts, https://my-gitlab.corp:444, group/app, job, 8",
    })
    void acceptedUrlFormsGiveTheCanonicalRef(String url, String server, String project, String kind, String id) {
        BuildRef ref = parse(url);
        assertThat(ref.server()).isEqualTo(server);
        assertThat(ref.project()).isEqualTo(project);
        assertThat(ref.kind()).isEqualTo(kind);
        assertThat(ref.id()).isEqualTo(id);
        assertThat(ref.url()).isEqualTo(server + "/" + project + "/-/" + ("job".equals(kind) ? "jobs" : "pipelines") + "/" + id);
    }

    @Test
    void legacyFormsOnHostsNotNamedGitLabAreNotClaimed() {
        assertThat(type.parseUrl(URI.create("https://ci.example.org/group/app/builds/8"))).isEmpty();
        assertThat(type.parseUrl(URI.create("https://github.com/owner/repo/actions/runs/1"))).isEmpty();
    }

    @Test
    void dashUrlOfAnotherProviderIsNotClaimedWhenItNamesNoBuild() {
        assertThat(type.parseUrl(URI.create("https://ci.example.org/group/app/-/merge_requests/5"))).isEqualTo(Optional.empty());
    }

    @Test
    void gitLabUrlNamingNoJobSaysWhatWasExpected() {
        assertThatThrownBy(() -> type.parseUrl(URI.create("https://gitlab.example.com/group/app/-/merge_requests/5")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is a GitLab URL but names no job or pipeline")
                .hasMessageContaining("https://gitlab.example.com/group/app/-/jobs/ID");
        assertThatThrownBy(() -> type.parseUrl(URI.create("https://gitlab.example.com/group/app")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("names no job or pipeline")
                .hasMessageContaining("https://gitlab.example.com/GROUP/PROJECT/-/jobs/ID");
        assertThatThrownBy(() -> type.parseUrl(URI.create("https://gitlab.example.com/group/app/-/jobs/latest")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("names no job or pipeline");
    }

    @Test
    void projectWithoutAGroupIsRefused() {
        assertThatThrownBy(() -> type.parseUrl(URI.create("https://gitlab.example.com/app/-/jobs/8")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'app' is not a GitLab project path: expected GROUP/PROJECT");
    }

    @Test
    void fromCoordinatesDefaultsToGitLabDotComAndAJob() {
        BuildRef ref = type.fromCoordinates(null, "group/app", null, "8");
        assertThat(ref).isEqualTo(new BuildRef("gitlab", "job", "https://gitlab.com", "group/app", "8",
                "https://gitlab.com/group/app/-/jobs/8"));
    }

    @Test
    void fromCoordinatesTrimsSlashesAndWhitespace() {
        BuildRef ref = type.fromCoordinates(" https://gitlab.example.com:8443/ ", "/group/sub/app/", "Pipeline", " 9 ");
        assertThat(ref).isEqualTo(new BuildRef("gitlab", "pipeline", "https://gitlab.example.com:8443", "group/sub/app", "9",
                "https://gitlab.example.com:8443/group/sub/app/-/pipelines/9"));
    }

    @Test
    void fromCoordinatesAcceptsANumericProjectId() {
        assertThat(type.fromCoordinates("https://gitlab.example.com", "42", "job", "8").project()).isEqualTo("42");
    }

    @Test
    void fromCoordinatesRefusesMissingOrMalformedParts() {
        assertThatThrownBy(() -> type.fromCoordinates("gitlab.example.com", "g/p", "job", "8"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("GitLab server 'gitlab.example.com' is not a URL like https://gitlab.example.com");
        assertThatThrownBy(() -> type.fromCoordinates("https://gitlab example.com", "g/p", "job", "8"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("GitLab server 'https://gitlab example.com' is not a URL like https://gitlab.example.com");
        assertThatThrownBy(() -> type.fromCoordinates("ftp://gitlab.example.com", "g/p", "job", "8"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a URL like https://gitlab.example.com");
        assertThatThrownBy(() -> type.fromCoordinates(null, " ", "job", "8"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("GitLab needs a project: its path (GROUP/PROJECT) or numeric id");
        assertThatThrownBy(() -> type.fromCoordinates(null, "g/p", "build", "8"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("GitLab has no build kind 'build': expected job or pipeline");
        assertThatThrownBy(() -> type.fromCoordinates(null, "g/p", "job", "8a"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("GitLab job id must be a whole number from 1 to 9223372036854775807, got '8a'");
        assertThatThrownBy(() -> type.fromCoordinates(null, "g/p", "pipeline", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("GitLab pipeline id must be a whole number from 1 to 9223372036854775807, got ''");
    }

    @Test
    void describesItself() {
        assertThat(type.id()).isEqualTo("gitlab");
        assertThat(type.displayName()).isEqualTo("GitLab");
        assertThat(type.kinds()).containsExactly("job", "pipeline");
        assertThat(type.urlForms()).singleElement().asString().contains("/-/jobs/ID", "/-/pipelines/ID");
    }
}
