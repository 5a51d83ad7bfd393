package io.jenkins.plugins.externalbuild.provider;

import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.provider.azure.AzureDevOpsProviderType;
import io.jenkins.plugins.externalbuild.provider.buildbot.BuildbotProviderType;
import io.jenkins.plugins.externalbuild.provider.buildkite.BuildkiteProviderType;
import io.jenkins.plugins.externalbuild.provider.circleci.CircleCiProviderType;
import io.jenkins.plugins.externalbuild.provider.codeship.CodeshipProviderType;
import io.jenkins.plugins.externalbuild.provider.codebuild.CodeBuildProviderType;
import io.jenkins.plugins.externalbuild.provider.github.GitHubActionsProviderType;
import io.jenkins.plugins.externalbuild.provider.gitlab.GitLabProviderType;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The known providers, in an explicit list, and parsing of user input into a {@link BuildRef}. */
public final class ProviderRegistry {

    private final List<ProviderType> types;

    public ProviderRegistry(List<ProviderType> types) {
        this.types = List.copyOf(types);
    }

    /** Every provider this build ships. */
    public static ProviderRegistry standard() {
        return new ProviderRegistry(List.of(new GitLabProviderType(), new CodeshipProviderType(), new CodeBuildProviderType(),
                new BuildbotProviderType(), new AzureDevOpsProviderType(),
                new GitHubActionsProviderType(), new BuildkiteProviderType(),
                new CircleCiProviderType()));
    }

    public List<ProviderType> types() {
        return types;
    }

    /** The provider with this id, or a message listing the known ones. */
    public ProviderType type(String id) {
        String wanted = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
        return types.stream().filter(t -> t.id().equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown provider '" + id + "': expected one of "
                        + types.stream().map(ProviderType::id).collect(Collectors.joining(", "))));
    }

    /**
     * The build a pasted URL (or ARN) names. Nothing is sent: an input no provider recognizes is refused with
     * the forms that are accepted.
     */
    public BuildRef parse(String input) {
        String text = input == null ? "" : input.trim();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("No build given: " + expected());
        }
        String shown = Redactor.shapesOnly().redact(text);
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + shown + "' is not a URL: " + expected());
        }
        boolean web = ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
                && uri.getHost() != null;
        if (!web && !"arn".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("'" + shown + "' is not an http(s) URL: " + expected());
        }
        if (uri.getUserInfo() != null) {
            throw new IllegalArgumentException("The build URL must not contain credentials (user:password@); "
                    + "pass them through the credentials store or the environment");
        }
        Inputs.requireNoDotSegments(uri, shown);
        for (ProviderType type : types) {
            Optional<BuildRef> ref;
            try {
                ref = type.parseUrl(uri);
            } catch (IllegalArgumentException e) {
                // A type's message may quote the pasted URL, query tokens and all; it reaches logs and forms.
                throw new IllegalArgumentException(Redactor.shapesOnly().redact(e.getMessage()), e);
            }
            if (ref.isPresent()) {
                return ref.get();
            }
        }
        throw new IllegalArgumentException("'" + shown + "' is not a build URL of a known provider: " + expected());
    }

    /**
     * The build explicit coordinates name ({@link ProviderType#fromCoordinates}), after the checks every provider
     * shares: no {@code .}/{@code ..} segment in the project or id. Nothing is sent.
     */
    public BuildRef fromCoordinates(String provider, String server, String project, String kind, String id) {
        ProviderType type = type(provider);
        Inputs.requireNoDotSegments(project, type.displayName() + " project");
        Inputs.requireNoDotSegments(id, type.displayName() + " id");
        return type.fromCoordinates(server, project, kind, id);
    }

    private String expected() {
        return "expected " + types.stream().flatMap(t -> t.urlForms().stream()).collect(Collectors.joining(", or "))
                + " (or --provider with explicit coordinates)";
    }
}
