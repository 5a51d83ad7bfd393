package io.jenkins.plugins.externalbuild.jenkins;

import hudson.BulkChange;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.util.FormValidation;
import io.jenkins.plugins.externalbuild.engine.WaitPolicy;
import io.jenkins.plugins.externalbuild.provider.Endpoint;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * Manage Jenkins → System → External builds: named provider endpoints and the defaults of every wait.
 * Configuration as Code: {@code unclassified: externalBuild: {endpoints: [...], pollCapSeconds: 60,
 * timeoutMinutes: 120, allowControllerAwsCredentials: false}}. The form is bound in one {@link BulkChange} (one
 * save), starting from no endpoints: an empty repeatable sends no key, and deleting the last endpoint must stick.
 * Each setter saves on its own otherwise (Configuration as Code).
 */
@Extension
@Symbol("externalBuild")
public class ExternalBuildConfiguration extends GlobalConfiguration {

    static final int DEFAULT_POLL_CAP_SECONDS = 60;
    static final int MIN_POLL_CAP_SECONDS = 10;
    static final int MAX_POLL_CAP_SECONDS = 3600;
    static final int DEFAULT_TIMEOUT_MINUTES = 120;
    static final int MAX_TIMEOUT_MINUTES = 7 * 24 * 60;

    private List<ProviderEndpoint> endpoints = new ArrayList<>();
    private int pollCapSeconds = DEFAULT_POLL_CAP_SECONDS;
    private int timeoutMinutes = DEFAULT_TIMEOUT_MINUTES;
    private boolean allowControllerAwsCredentials;

    public ExternalBuildConfiguration() {
        load();
    }

    public static ExternalBuildConfiguration get() {
        return ExtensionList.lookupSingleton(ExternalBuildConfiguration.class);
    }

    public List<ProviderEndpoint> getEndpoints() {
        return Collections.unmodifiableList(endpoints == null ? List.of() : endpoints);
    }

    @DataBoundSetter
    public void setEndpoints(List<ProviderEndpoint> endpoints) {
        this.endpoints = new ArrayList<>(endpoints == null ? List.of() : endpoints);
        save();
    }

    public int getPollCapSeconds() {
        return pollCapSeconds;
    }

    @DataBoundSetter
    public void setPollCapSeconds(int pollCapSeconds) {
        this.pollCapSeconds = Math.max(MIN_POLL_CAP_SECONDS, Math.min(pollCapSeconds, MAX_POLL_CAP_SECONDS));
        save();
    }

    public int getTimeoutMinutes() {
        return timeoutMinutes;
    }

    @DataBoundSetter
    public void setTimeoutMinutes(int timeoutMinutes) {
        this.timeoutMinutes = Math.max(1, Math.min(timeoutMinutes, MAX_TIMEOUT_MINUTES));
        save();
    }

    /**
     * Whether AWS CodeBuild may sign with the controller's own AWS identity (environment keys, {@code ~/.aws},
     * instance or container role) when a step names no credentials. Off by default: with it on, anyone who can
     * run a Pipeline acts with the controller's AWS rights.
     */
    public boolean isAllowControllerAwsCredentials() {
        return allowControllerAwsCredentials;
    }

    @DataBoundSetter
    public void setAllowControllerAwsCredentials(boolean allow) {
        this.allowControllerAwsCredentials = allow;
        save();
    }

    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        try (BulkChange bc = new BulkChange(this)) {
            endpoints = new ArrayList<>(); // no "endpoints" key in the form means none are left
            allowControllerAwsCredentials = false; // an unchecked box sends no key either
            req.bindJSON(this, json);
            bc.commit();
        } catch (IOException e) {
            throw new FormException(e, "endpoints");
        }
        return true;
    }

    /** The configured endpoints as engine values, incomplete entries left out. */
    List<Endpoint> endpointValues() {
        return getEndpoints().stream().map(ProviderEndpoint::toEndpoint).filter(Objects::nonNull).toList();
    }

    /** The wait policy for a step: its own timeout (minutes, 0 for the default) and this poll cap. */
    WaitPolicy waitPolicy(int stepTimeoutMinutes) {
        int minutes = stepTimeoutMinutes > 0 ? Math.min(stepTimeoutMinutes, MAX_TIMEOUT_MINUTES) : timeoutMinutes;
        return WaitPolicy.defaults().withCap(Duration.ofSeconds(pollCapSeconds)).withTimeout(Duration.ofMinutes(minutes));
    }

    @POST
    public FormValidation doCheckPollCapSeconds(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return Forms.toValidation(FormRules.checkNumber(value, "The poll cap (seconds)", MIN_POLL_CAP_SECONDS,
                MAX_POLL_CAP_SECONDS));
    }

    @POST
    public FormValidation doCheckTimeoutMinutes(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return Forms.toValidation(FormRules.checkNumber(value, "The timeout (minutes)", 1, MAX_TIMEOUT_MINUTES));
    }
}
