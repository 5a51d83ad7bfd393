package io.jenkins.plugins.externalbuild.jenkins;

import io.jenkins.plugins.externalbuild.engine.RestartMode;
import io.jenkins.plugins.externalbuild.engine.RestartPolicy;
import io.jenkins.plugins.externalbuild.provider.BuildTarget;
import io.jenkins.plugins.externalbuild.provider.ProviderRegistry;
import io.jenkins.plugins.externalbuild.provider.Redactor;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The decisions behind every {@code doFill*}/{@code doCheck*} of the external-build forms, as pure functions
 * (no Jenkins type: {@link Forms} and {@link CredentialsLookup} map them to Jenkins permissions, {@code
 * FormValidation} and {@code ListBoxModel}), so that they are tested offline.
 * <ul>
 *   <li>Checks and option lists answer only users who may configure: {@code Item/Configure} on the item, or
 *       {@code Overall/Administer} in the global configuration (no item). Anyone else gets an empty answer.</li>
 *   <li>Credentials drop-downs enumerate ids only for users with {@code Item/ExtendedRead} or
 *       {@code Credentials/UseItem} on the item ({@code Overall/Administer} globally); anyone else sees the
 *       current value alone (jenkins-api-surface.md §5.3).</li>
 *   <li>Validation messages name the field and the fix; none repeats a value that may hold a secret.</li>
 * </ul>
 */
final class FormRules {

    /** The Jenkins permissions the forms ask for, by name. */
    enum Permission { ADMINISTER, CONFIGURE, EXTENDED_READ, USE_ITEM }

    /** What a credentials drop-down may show. */
    enum Listing {
        /** Only the value already configured: no enumeration. */
        CURRENT_VALUE_ONLY,
        /** An empty choice, the usable credentials visible to the item (or globally), and the current value. */
        VISIBLE_CREDENTIALS
    }

    static final double MIN_BACKOFF = 1.0;
    static final double MAX_BACKOFF = 10.0;

    private FormRules() {
    }

    /** The permissions of which one is needed to validate a field or list options ({@code global}: no item). */
    static List<Permission> toConfigure(boolean global) {
        return global ? List.of(Permission.ADMINISTER) : List.of(Permission.CONFIGURE);
    }

    /** The permissions of which one is needed to enumerate credentials ids ({@code global}: no item). */
    static List<Permission> toListCredentials(boolean global) {
        return global ? List.of(Permission.ADMINISTER) : List.of(Permission.EXTENDED_READ, Permission.USE_ITEM);
    }

    static boolean mayConfigure(boolean global, Predicate<Permission> has) {
        return toConfigure(global).stream().anyMatch(has);
    }

    static Listing credentialsListing(boolean global, Predicate<Permission> has) {
        return toListCredentials(global).stream().anyMatch(has) ? Listing.VISIBLE_CREDENTIALS : Listing.CURRENT_VALUE_ONLY;
    }

    /** What a credentials id names, as far as the form can see. */
    enum CredentialsFound {
        /** Nothing with that id is visible here. */
        NONE,
        /** A usable credential that jobs can use. */
        USABLE,
        /** A credential of a kind external builds cannot use. */
        WRONG_KIND,
        /** A SYSTEM-scoped credential: only Jenkins itself may use it, never a job. */
        SYSTEM_SCOPED
    }

    /**
     * Why {@code id} is not a credential the build can use, or empty. Blank (none, or the endpoint's) and
     * {@code ${…}} (a parameter, resolved at build time) are fine. A missing id is an error globally (the
     * administrator sees every global credential) and a warning in a job (it may be in a folder the job moves to).
     */
    static Optional<String> checkCredentials(String id, CredentialsFound found, boolean global) {
        if (id == null || id.isBlank() || id.contains("${")) {
            return Optional.empty();
        }
        return switch (found) {
            case USABLE -> Optional.empty();
            case NONE -> Optional.of("No credentials with this id are visible " + (global ? "globally" : "to this job"));
            case WRONG_KIND -> Optional.of("External builds use Secret text, Username with password or AWS Credentials; "
                    + "this credential is another kind");
            case SYSTEM_SCOPED -> Optional.of("This credential is SYSTEM-scoped: jobs cannot use it. Give it the "
                    + "Global scope, or choose another");
        };
    }

    /** Why {@code value} is not a build URL any provider knows, or empty (blank is fine: fields may name it). */
    static Optional<String> checkUrl(String value, ProviderRegistry registry) {
        return BuildTarget.checkUrl(value, registry).map(FormRules::withoutSecrets);
    }

    /** Why {@code value} is not a whole number from {@code min} to {@code max}, or empty (blank: the default). */
    static Optional<String> checkNumber(String value, String what, int min, int max) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            int n = Integer.parseInt(value.trim());
            return n >= min && n <= max ? Optional.empty()
                    : Optional.of(what + " must be from " + min + " to " + max + ", not " + n);
        } catch (NumberFormatException e) {
            return Optional.of(what + " must be a whole number from " + min + " to " + max);
        }
    }

    static Optional<String> checkBackoff(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            double b = Double.parseDouble(value.trim());
            return b >= MIN_BACKOFF && b <= MAX_BACKOFF ? Optional.empty()
                    : Optional.of("The backoff must be from 1 to 10 (each delay is the previous one times it)");
        } catch (NumberFormatException e) {
            return Optional.of("The backoff must be a number such as 2 or 1.5");
        }
    }

    /** Why {@code value} is not a restart mode, or empty (blank: the provider's default). */
    static Optional<String> checkMode(String value) {
        return check(value, RestartMode::parse);
    }

    static Optional<String> checkOnAbort(String value) {
        return check(value, RestartPolicy.OnAbort::parse);
    }

    static Optional<String> checkRetryOn(String value) {
        return check(value, RestartPolicy.RetryOn::parse);
    }

    private static Optional<String> check(String value, java.util.function.Function<String, ?> parse) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            parse.apply(value);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(withoutSecrets(e.getMessage()));
        }
    }

    /** A message with any URL in it redacted: a pasted URL may carry a token in its query or user info. */
    static String withoutSecrets(String message) {
        return message == null ? null : Redactor.shapesOnly().redact(message);
    }
}
