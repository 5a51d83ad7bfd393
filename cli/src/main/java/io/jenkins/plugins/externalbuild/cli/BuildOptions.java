package io.jenkins.plugins.externalbuild.cli;

import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.provider.BuildTarget;
import io.jenkins.plugins.externalbuild.provider.ConnectionSettings;
import io.jenkins.plugins.externalbuild.provider.Inputs;
import io.jenkins.plugins.externalbuild.provider.Provider;
import io.jenkins.plugins.externalbuild.provider.ProviderCredentials;
import io.jenkins.plugins.externalbuild.provider.ProviderException;
import io.jenkins.plugins.externalbuild.provider.ProviderRegistry;
import io.jenkins.plugins.externalbuild.provider.ProviderType;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** How every command names its build and reaches the provider. */
final class BuildOptions {

    @Parameters(index = "0", arity = "0..1", paramLabel = "BUILD",
            description = "The build's web URL as copied from the browser, e.g. "
                    + "https://gitlab.example.com/group/app/-/pipelines/4711. Or use --provider and coordinates.")
    String build;

    @Option(names = "--provider", paramLabel = "ID", description = "Provider id, for explicit coordinates or to force "
            + "one for a URL: gitlab, github, codeship, codebuild, buildkite, circleci, azure, buildbot.")
    String provider;

    @Option(names = "--server", paramLabel = "URL", description = "Web base of a self-hosted server (coordinates only), "
            + "e.g. https://gitlab.example.com. Default: the provider's public service.")
    String server;

    @Option(names = "--project", paramLabel = "PROJECT", description = "Project path or id (coordinates), e.g. group/app; "
            + "Codeship: ORG_UUID/PROJECT_UUID (API v2) or the numeric project id (API v1); "
            + "Buildbot: the builder (name or id; --id is then the build number), or '*' with the global build id; "
            + "Azure DevOps: ORG/PROJECT (COLLECTION/PROJECT on a server); Buildkite: ORG/PIPELINE (--id is the build "
            + "number); CircleCI: the project slug, e.g. gh/ORG/REPO (--id is then the workflow UUID).")
    String project;

    @Option(names = "--kind", paramLabel = "KIND", description = "What --id names (coordinates): GitLab job or pipeline; "
            + "Codeship build; Buildbot build (default) or buildrequest; Buildkite build; CircleCI workflow; "
            + "GitHub Actions run or job; Azure DevOps build.")
    String kind;

    @Option(names = "--id", paramLabel = "ID", description = "Build id (coordinates).")
    String id;

    @Option(names = "--branch", paramLabel = "REF", description = "Instead of --id: the latest pipeline of this branch "
            + "or tag (GitLab), the latest build of this branch (Codeship, Azure DevOps, Buildkite, GitHub Actions), "
            + "the newest workflow of the branch's newest pipeline (CircleCI).")
    String branch;

    @Option(names = "--api-url", paramLabel = "URL", description = "API base overriding the one derived from the build "
            + "URL (self-hosted servers under a path, proxies, tests), e.g. https://host/gitlab/api/v4.")
    String apiUrl;

    @Option(names = "--allow-http", description = "Send credentials over plain http:// to a host other than this "
            + "machine (by default refused). Anyone on the network path can read and reuse them: only for a network you "
            + "trust, such as a test server without TLS.")
    boolean allowHttp;

    @Option(names = "--api-version", paramLabel = "N", description = "Provider API version: GitLab 4 (default) or 3 "
            + "(the builds endpoints of very old servers); Codeship 2 or 1 (default: as the credentials say).")
    String apiVersion;

    @Option(names = "--token-file", paramLabel = "FILE", description = "Read the token from this file instead of the "
            + "environment (GITLAB_TOKEN; GITHUB_TOKEN or GH_TOKEN; BUILDKITE_TOKEN; CIRCLECI_TOKEN or CIRCLE_TOKEN; "
            + "the Codeship API v1 key, CODESHIP_API_KEY; Azure DevOps AZURE_DEVOPS_TOKEN or AZURE_DEVOPS_EXT_PAT).")
    Path tokenFile;

    @Option(names = "--role-arn", paramLabel = "ARN", description = "AWS CodeBuild: an IAM role to assume with the "
            + "credentials from the environment, e.g. arn:aws:iam::123456789012:role/ci.")
    String roleArn;

    /** The resolved build and a connection to its provider. */
    record Target(BuildRef ref, Provider provider) {
    }

    Target resolve(ProviderRegistry registry, Cli cli) throws ProviderException {
        BuildRef ref;
        ProviderType type;
        if (build != null) {
            if (project != null || id != null || kind != null || branch != null || server != null) {
                throw new IllegalArgumentException("Give either a build URL or --project/--kind/--id/--branch/--server, not both");
            }
            ref = parse(registry);
            type = registry.type(ref.provider());
        } else {
            if (provider == null) {
                throw new IllegalArgumentException("No build given: pass a build URL, or --provider with --project and --id");
            }
            type = registry.type(provider);
            if (branch != null) {
                if (id != null) {
                    throw new IllegalArgumentException("Give --id or --branch, not both");
                }
                Inputs.requireNoDotSegments(project, type.displayName() + " project");
                ref = null;
            } else {
                ref = registry.fromCoordinates(type.id(), server != null || !"codebuild".equals(type.id()) ? server
                        : cli.env().getOrDefault("AWS_REGION", cli.env().get("AWS_DEFAULT_REGION")), project, kind, id);
            }
        }
        URI api = null;
        if (apiUrl != null) {
            BuildTarget.checkHttpUrl(apiUrl, "--api-url").ifPresent(m -> {
                throw new IllegalArgumentException(m);
            });
            api = URI.create(apiUrl.trim());
        }
        Provider connection = type.connect(settings(type, api, cli),
                allowHttp ? cli.providerContext().allowingCleartext() : cli.providerContext());
        if (ref == null) {
            ref = connection.latest(server, project, branch);
        }
        return new Target(ref, connection);
    }

    private BuildRef parse(ProviderRegistry registry) {
        if (provider == null) {
            return registry.parse(build);
        }
        ProviderType type = registry.type(provider);
        return new ProviderRegistry(java.util.List.of(type)).parse(build);
    }

    /**
     * The connection settings, credentials registered with the CLI's redactor as soon as they are read. Without
     * credentials: refused before any request where the provider answers nothing anonymously, else said once.
     */
    private ConnectionSettings settings(ProviderType type, URI api, Cli cli) {
        String providerId = type.id();
        ProviderCredentials credentials = Credentials.resolve(providerId, tokenFile, cli.env());
        cli.register(credentials);
        if (credentials instanceof ProviderCredentials.None) {
            if (!type.anonymousReads()) {
                throw new IllegalArgumentException(type.displayName() + " needs credentials: "
                        + Credentials.sources(providerId));
            }
            cli.err().println("extbuild: no credentials for " + providerId + " (" + Credentials.sources(providerId)
                    + "); reading anonymously, which works only for public projects or servers without login");
        }
        Map<String, String> options = new HashMap<>();
        if (apiVersion != null) {
            options.put("apiVersion", apiVersion);
        }
        if (roleArn != null) {
            options.put("roleArn", roleArn);
        }
        return new ConnectionSettings(api, credentials, options);
    }
}
