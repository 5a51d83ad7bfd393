package io.jenkins.plugins.externalbuild.cli;

import io.jenkins.plugins.externalbuild.provider.ProviderCredentials;
import io.jenkins.plugins.externalbuild.provider.Token;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Where the CLI finds credentials: a {@code --token-file}, else the provider's environment variables.
 * Never a flag value (it would show in {@code ps} and shell history).
 */
final class Credentials {

    /** The environment variables each provider reads, in order of preference. */
    static final Map<String, List<String>> TOKEN_VARIABLES = Map.of(
            "gitlab", List.of("GITLAB_TOKEN"),
            "codeship", List.of("CODESHIP_PASSWORD", "CODESHIP_API_KEY"),
            "buildbot", List.of("BUILDBOT_PASSWORD"),
            "azure", List.of("AZURE_DEVOPS_TOKEN", "AZURE_DEVOPS_EXT_PAT"),
            "github", List.of("GITHUB_TOKEN", "GH_TOKEN"),
            "buildkite", List.of("BUILDKITE_TOKEN"),
            "circleci", List.of("CIRCLECI_TOKEN", "CIRCLE_TOKEN"));

    /** Secret parts of the AWS standard environment, scrubbed from any error text like the tokens above. */
    static final List<String> AWS_SECRET_VARIABLES = List.of("AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN");

    private Credentials() {
    }

    /** The credentials for {@code provider}; each provider's case says which variables it reads. */
    static ProviderCredentials resolve(String provider, Path tokenFile, Map<String, String> env) {
        if (tokenFile != null) {
            return tokenCredentials(read(tokenFile), "The token file " + tokenFile);
        }
        return switch (provider) {
            case "codeship" -> codeship(env);
            case "codebuild" -> aws(env);
            case "buildbot" -> buildbot(env);
            // A personal access token; AZURE_DEVOPS_EXT_PAT is the variable the az devops CLI reads.
            case "azure" -> fromTokenVariables("azure", env);
            case "circleci" -> fromTokenVariables("circleci", env); // a personal API token: CIRCLECI_TOKEN, else CIRCLE_TOKEN
            default -> fromTokenVariables(provider, env);
        };
    }

    /** API v2: CODESHIP_USERNAME and CODESHIP_PASSWORD (a machine user); else the Basic API v1: CODESHIP_API_KEY. */
    private static ProviderCredentials codeship(Map<String, String> env) {
        String user = env.get("CODESHIP_USERNAME");
        String password = env.get("CODESHIP_PASSWORD");
        boolean hasUser = user != null && !user.isBlank();
        boolean hasPassword = password != null && !password.isBlank();
        if (hasUser && hasPassword) {
            return new ProviderCredentials.UsernamePassword(checked(user, "CODESHIP_USERNAME"),
                    token(password, "CODESHIP_PASSWORD"));
        }
        if (hasUser || hasPassword) {
            throw new IllegalArgumentException("Codeship API v2 needs both CODESHIP_USERNAME and CODESHIP_PASSWORD; only "
                    + (hasUser ? "CODESHIP_USERNAME" : "CODESHIP_PASSWORD") + " is set");
        }
        String key = env.get("CODESHIP_API_KEY");
        return key == null || key.isBlank() ? ProviderCredentials.none()
                : tokenCredentials(key, "CODESHIP_API_KEY");
    }

    /** Optional: BUILDBOT_USER and BUILDBOT_PASSWORD for a master with authentication; none by default. */
    private static ProviderCredentials buildbot(Map<String, String> env) {
        String user = blankToNull(env.get("BUILDBOT_USER"));
        String password = blankToNull(env.get("BUILDBOT_PASSWORD"));
        if (user != null && password != null) {
            return new ProviderCredentials.UsernamePassword(checked(user, "BUILDBOT_USER"), token(password, "BUILDBOT_PASSWORD"));
        }
        if (user != null || password != null) {
            throw new IllegalArgumentException("Buildbot needs both BUILDBOT_USER and BUILDBOT_PASSWORD, or neither; only "
                    + (user != null ? "BUILDBOT_USER" : "BUILDBOT_PASSWORD") + " is set");
        }
        return ProviderCredentials.none();
    }

    /**
     * The AWS standard environment: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (with AWS_SESSION_TOKEN for temporary
     * keys), else the SDK's default chain with AWS_PROFILE (shared config files, SSO, web identity, instance roles).
     * Read from the map, not System.getenv, so that what the CLI was given is what it uses.
     */
    private static ProviderCredentials aws(Map<String, String> env) {
        String keyId = blankToNull(env.get("AWS_ACCESS_KEY_ID"));
        String secret = blankToNull(env.get("AWS_SECRET_ACCESS_KEY"));
        if (keyId != null && secret != null) {
            String session = blankToNull(env.get("AWS_SESSION_TOKEN"));
            return ProviderCredentials.Aws.keys(checked(keyId, "AWS_ACCESS_KEY_ID"), token(secret, "AWS_SECRET_ACCESS_KEY"),
                    session == null ? null : token(session, "AWS_SESSION_TOKEN"), null);
        }
        return ProviderCredentials.Aws.defaultChain(blankToNull(env.get("AWS_PROFILE")), null);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static ProviderCredentials fromTokenVariables(String provider, Map<String, String> env) {
        for (String name : TOKEN_VARIABLES.getOrDefault(provider, List.of())) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                return tokenCredentials(value, name);
            }
        }
        return ProviderCredentials.none();
    }

    /** For messages: where credentials for this provider are looked for. */
    static String sources(String provider) {
        if (provider.equals("codeship")) {
            return "CODESHIP_USERNAME and CODESHIP_PASSWORD for API v2, or CODESHIP_API_KEY or --token-file for API v1";
        }
        if (provider.equals("buildbot")) {
            return "BUILDBOT_USER and BUILDBOT_PASSWORD, needed only when the master requires a login";
        }
        List<String> vars = TOKEN_VARIABLES.getOrDefault(provider, List.of());
        return vars.isEmpty() ? "--token-file" : "--token-file or " + String.join(", ", vars);
    }

    /** A token file holds one short line: a few KiB at most (GitLab's tokens are 26 characters, PATs under 100). */
    static final int MAX_TOKEN_FILE_BYTES = 4096;

    /**
     * The secret in {@code value}, refused (exit code 2) with a message that names {@code source} but never shows the
     * value, when it has a control character inside (a second line, a NUL).
     */
    private static Token token(String value, String source) {
        try {
            return Token.of(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage());
        }
    }

    /** A token credential, refused like {@link #token} when it is not one printable line of ASCII. */
    private static ProviderCredentials tokenCredentials(String value, String source) {
        Token t = token(value, source);
        try {
            return ProviderCredentials.token(t);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage());
        }
    }

    /** A user name or key id, refused like a token when it has a control character; never shown either. */
    private static String checked(String value, String source) {
        return token(value, source).reveal();
    }

    /**
     * The text of a token file: a regular file (not a device such as /dev/zero, nor a pipe that may never end) of at
     * most {@link #MAX_TOKEN_FILE_BYTES}, read no further than that.
     */
    private static String read(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("The token file " + file + (Files.exists(file)
                        ? " is not a regular file (a device, pipe or directory); give a file holding the token"
                        : " does not exist"));
            }
            if (Files.size(file) > MAX_TOKEN_FILE_BYTES) {
                throw new IllegalArgumentException("The token file " + file + " is larger than " + MAX_TOKEN_FILE_BYTES
                        + " bytes; it must hold the token alone");
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes(MAX_TOKEN_FILE_BYTES + 1);
            }
            if (bytes.length > MAX_TOKEN_FILE_BYTES) {
                throw new IllegalArgumentException("The token file " + file + " is larger than " + MAX_TOKEN_FILE_BYTES
                        + " bytes; it must hold the token alone");
            }
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (text.isBlank()) {
                throw new IllegalArgumentException("The token file " + file + " is empty");
            }
            return text;
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the token file " + file + ": " + e.getClass().getSimpleName());
        }
    }
}
