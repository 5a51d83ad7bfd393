package io.jenkins.plugins.externalbuild.provider.circleci;

import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.provider.ConnectionSettings;
import io.jenkins.plugins.externalbuild.provider.Inputs;
import io.jenkins.plugins.externalbuild.provider.Provider;
import io.jenkins.plugins.externalbuild.provider.ProviderContext;
import io.jenkins.plugins.externalbuild.provider.ProviderType;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CircleCI (circleci.com, API v2), workflows.
 *
 * <p>Refs: kind {@code workflow}; server {@code https://app.circleci.com}; project the project slug as the API writes
 * it ({@code gh/ORG/REPO}, {@code bb/ORG/REPO}, or {@code circleci/ORG_ID/PROJECT_ID} for GitHub App, GitLab and
 * Bitbucket Data Center projects); id the workflow UUID.
 *
 * <p>URLs accepted, as the web app shows them (circleci-docs, outbound-webhooks-reference.adoc):
 * <ul>
 *   <li>{@code https://app.circleci.com/pipelines/VCS/ORG/REPO/PIPELINE_NUMBER/workflows/WORKFLOW_ID}, VCS being
 *       {@code github}, {@code bitbucket} or {@code circleci} (the slug's {@code gh}/{@code bb} are accepted too);</li>
 *   <li>the same followed by {@code /jobs/JOB_NUMBER} (and anything after it): the workflow, with that job kept in
 *       the ref's URL for restart mode {@code job}.</li>
 * </ul>
 * The older {@code https://circleci.com/workflow-run/ID} links are not documented by CircleCI and carry no project;
 * they are refused with a hint to paste the URL the browser ends up on.
 */
public final class CircleCiProviderType implements ProviderType {

    public static final String ID = "circleci";
    static final String WORKFLOW = "workflow";
    static final String DEFAULT_SERVER = "https://app.circleci.com";
    static final String DEFAULT_API = "https://circleci.com/api/v2";

    static final String UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    private static final Pattern WORKFLOW_PATH = Pattern.compile("^/pipelines/(?<vcs>[^/]+)/(?<org>[^/]+)/(?<repo>[^/]+)/"
            + "(?<number>\\d+)/workflows/(?<id>" + UUID + ")(?:/jobs/(?<job>\\d+)(?<tail>/.*)?|/)?$");
    /** The tabs of a job's page ({@code …/jobs/12/parallel-runs/0/steps/0-102}, {@code …/jobs/12/tests}). */
    private static final Set<String> JOB_TABS = Set.of("parallel-runs", "tests", "artifacts", "resources", "steps");
    private static final Pattern JOB_IN_URL = Pattern.compile("/workflows/" + UUID + "/jobs/(\\d{1,18})$");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "CircleCI";
    }

    @Override
    public List<String> kinds() {
        return List.of(WORKFLOW);
    }

    @Override
    public List<String> urlForms() {
        return List.of("a CircleCI workflow or job URL (https://app.circleci.com/pipelines/VCS/ORG/REPO/NUMBER/workflows/ID"
                + "[/jobs/NUMBER])");
    }

    @Override
    public Optional<BuildRef> parseUrl(URI url) {
        if (url.getHost() == null || url.getPath() == null) {
            return Optional.empty();
        }
        String host = url.getHost().toLowerCase(Locale.ROOT);
        String path = url.getPath();
        if (host.equals("circleci.com") && path.startsWith("/workflow-run/")) {
            throw new IllegalArgumentException("'" + url + "' is a CircleCI workflow link without its project: open it and "
                    + "paste the address the browser shows (" + DEFAULT_SERVER + "/pipelines/VCS/ORG/REPO/NUMBER/workflows/ID)");
        }
        if (!host.equals("app.circleci.com")) {
            return Optional.empty();
        }
        Matcher m = WORKFLOW_PATH.matcher(path);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + url + "' is a CircleCI URL but names no workflow: expected "
                    + DEFAULT_SERVER + "/pipelines/VCS/ORG/REPO/NUMBER/workflows/ID or …/workflows/ID/jobs/NUMBER");
        }
        String slug = slugVcs(m.group("vcs")) + "/" + m.group("org") + "/" + m.group("repo");
        String id = m.group("id").toLowerCase(Locale.ROOT);
        long number = Inputs.positiveId(m.group("number"), "CircleCI pipeline number");
        String job = m.group("job") == null ? null : String.valueOf(Inputs.positiveId(m.group("job"), "CircleCI job number"));
        Inputs.requireTail(m.group("tail"), Set.of(), JOB_TABS, url.toString(),
                "…/workflows/ID/jobs/NUMBER, optionally a tab such as /tests or /parallel-runs/…");
        String web = webUrl(slug, number, id) + (job == null ? "" : "/jobs/" + job);
        return Optional.of(new BuildRef(ID, WORKFLOW, DEFAULT_SERVER, slug, id, web));
    }

    @Override
    public BuildRef fromCoordinates(String server, String project, String kind, String id) {
        if (server != null && !server.isBlank() && !server.trim().replaceAll("/+$", "").equalsIgnoreCase(DEFAULT_SERVER)) {
            throw new IllegalArgumentException("CircleCI is reached at " + DEFAULT_SERVER + "; for another API base use "
                    + "--api-url (the endpoint's API URL), not a server");
        }
        String k = kind == null || kind.isBlank() ? WORKFLOW : kind.trim().toLowerCase(Locale.ROOT);
        if (!WORKFLOW.equals(k)) {
            throw new IllegalArgumentException("CircleCI has no build kind '" + kind + "': expected workflow");
        }
        if (project == null || !project.trim().matches("[^/\\s]+/[^/\\s]+/[^/\\s]+")) {
            throw new IllegalArgumentException("CircleCI needs the project slug VCS/ORG/REPO (such as gh/my-org/my-repo, "
                    + "or circleci/ORG_ID/PROJECT_ID), got '" + project + "'");
        }
        if (id == null || !id.trim().matches(UUID)) {
            throw new IllegalArgumentException("CircleCI workflow id must be a UUID, got '" + id + "'");
        }
        String slug = project.trim();
        String[] parts = slug.split("/");
        slug = slugVcs(parts[0]) + "/" + parts[1] + "/" + parts[2];
        String wf = id.trim().toLowerCase(Locale.ROOT);
        return new BuildRef(ID, WORKFLOW, DEFAULT_SERVER, slug, wf, DEFAULT_SERVER + "/pipelines/workflows/" + wf);
    }

    /** The workflow's page: {@code https://app.circleci.com/pipelines/github/ORG/REPO/NUMBER/workflows/ID}. */
    static String webUrl(String slug, long pipelineNumber, String workflowId) {
        String[] parts = slug.split("/", 3);
        String vcs = switch (parts[0].toLowerCase(Locale.ROOT)) {
            case "gh" -> "github";
            case "bb" -> "bitbucket";
            default -> parts[0];
        };
        return DEFAULT_SERVER + "/pipelines/" + vcs + "/" + parts[1] + "/" + parts[2] + "/" + pipelineNumber + "/workflows/"
                + workflowId;
    }

    /** The job number the ref's URL names ({@code …/workflows/ID/jobs/N}), if any. */
    static OptionalLong jobNumber(BuildRef ref) {
        Matcher m = JOB_IN_URL.matcher(ref.url());
        return m.find() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }

    /** The VCS part of a slug as the API writes it: {@code github} → {@code gh}, {@code bitbucket} → {@code bb}. */
    private static String slugVcs(String vcs) {
        String v = vcs.toLowerCase(Locale.ROOT);
        return switch (v) {
            case "github", "gh" -> "gh";
            case "bitbucket", "bb" -> "bb";
            case "circleci" -> "circleci";
            default -> throw new IllegalArgumentException("'" + vcs + "' is not a CircleCI VCS: expected github, bitbucket "
                    + "or circleci (gh, bb)");
        };
    }

    @Override
    public Provider connect(ConnectionSettings settings, ProviderContext context) {
        return new CircleCiProvider(this, settings, context);
    }
}
