package io.jenkins.plugins.externalbuild.jenkins;

import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import com.cloudbees.plugins.credentials.domains.URIRequirementBuilder;
import hudson.AbortException;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.Run;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.externalbuild.provider.ProviderCredentials;
import io.jenkins.plugins.externalbuild.provider.Token;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.springframework.security.core.Authentication;

/**
 * Credentials for external builds: Secret text (a token), Username with password (Codeship API v2, or
 * CodeBuild access key id and secret), or, with the optional aws-credentials plugin, AWS Credentials. Looked up for the build's job with the job's authentication, usage tracked; listed for forms
 * only to users who may configure. Callers must not expose the resolved secrets: they go straight into a
 * {@link Token}, which never prints itself.
 */
final class CredentialsLookup {

    /** The optional plugin whose "AWS Credentials" CodeBuild can use ({@link AwsCredentialsLookup}). */
    static final String AWS_CREDENTIALS_PLUGIN = "aws-credentials";

    static final CredentialsMatcher USABLE = CredentialsMatchers.anyOf(
            CredentialsMatchers.instanceOf(StringCredentials.class),
            CredentialsMatchers.instanceOf(StandardUsernamePasswordCredentials.class));

    private CredentialsLookup() {
    }

    /** The credentials with {@code id} as {@code run}'s job sees them; none when {@code id} is null. */
    static ProviderCredentials forRun(String id, Run<?, ?> run, String serverUrl) throws AbortException {
        if (id == null || id.isBlank()) {
            return ProviderCredentials.none();
        }
        List<DomainRequirement> requirements = URIRequirementBuilder.fromUri(serverUrl).build();
        StandardCredentials c = CredentialsProvider.findCredentialById(id, StandardCredentials.class, run, requirements);
        if (c == null) {
            throw new AbortException("No credentials with id '" + id + "' are visible to this job (for " + serverUrl + ")");
        }
        // findCredentialById tracks only credentials given as build parameters (credentials 1502, L1029-1030).
        CredentialsProvider.track(run, c);
        try {
            if (c instanceof StringCredentials s) {
                return ProviderCredentials.token(Token.of(s.getSecret().getPlainText()));
            }
            if (c instanceof StandardUsernamePasswordCredentials u) {
                return new ProviderCredentials.UsernamePassword(u.getUsername(), Token.of(u.getPassword().getPlainText()));
            }
        } catch (IllegalArgumentException e) {
            // Token refuses a secret with a control character inside; its message shows no value.
            throw new AbortException("Credentials '" + id + "': " + e.getMessage());
        }
        if (awsCredentialsInstalled()) {
            ProviderCredentials aws = AwsCredentialsLookup.map(c);
            if (aws != null) {
                return aws;
            }
        }
        throw new AbortException("Credentials '" + id + "' are of a kind external builds cannot use: use Secret text "
                + "(a token), Username with password, or AWS Credentials (CodeBuild, with the aws-credentials plugin)");
    }

    /** Whether the optional aws-credentials plugin is installed; only then is {@link AwsCredentialsLookup} loaded. */
    static boolean awsCredentialsInstalled() {
        Jenkins j = Jenkins.getInstanceOrNull();
        return j != null && j.getPlugin(AWS_CREDENTIALS_PLUGIN) != null;
    }

    private static CredentialsMatcher usable() {
        return awsCredentialsInstalled() ? CredentialsMatchers.anyOf(USABLE, AwsCredentialsLookup.matcher()) : USABLE;
    }

    /**
     * The drop-down of usable credentials for a form in {@code item} (or the global configuration when null).
     * Without the permission to configure, only the current value comes back: ids are not enumerated.
     */
    static ListBoxModel list(Item item, String currentValue, String url) {
        String current = currentValue == null ? "" : currentValue;
        StandardListBoxModel model = new StandardListBoxModel();
        List<DomainRequirement> requirements = URIRequirementBuilder.fromUri(url).build();
        if (FormRules.credentialsListing(item == null, p -> Forms.has(item, p)) == FormRules.Listing.CURRENT_VALUE_ONLY) {
            return model.includeCurrentValue(current);
        }
        if (item == null) {
            return model.includeEmptyValue()
                    .includeMatchingAs(ACL.SYSTEM2, Jenkins.get(), StandardCredentials.class, requirements, usable())
                    .includeCurrentValue(current);
        }
        Authentication as = item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2;
        return model.includeEmptyValue()
                .includeMatchingAs(as, item, StandardCredentials.class, requirements, usable())
                .includeCurrentValue(current);
    }
}
