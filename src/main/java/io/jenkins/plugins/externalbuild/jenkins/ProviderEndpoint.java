package io.jenkins.plugins.externalbuild.jenkins;

import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.externalbuild.provider.BuildTarget;
import io.jenkins.plugins.externalbuild.provider.Endpoint;
import io.jenkins.plugins.externalbuild.provider.ProviderType;
import java.net.URI;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * A named server of a provider in the global configuration: a self-hosted GitLab, say, with its default
 * credentials. Steps name it with {@code endpoint:}, or it applies by itself to build URLs on its server.
 */
public final class ProviderEndpoint implements Describable<ProviderEndpoint> {

    private final String name;
    private final String provider;
    private final String serverUrl;
    private String apiUrl;
    private String credentialsId;
    private boolean allowHttp;

    @DataBoundConstructor
    public ProviderEndpoint(String name, String provider, String serverUrl) {
        this.name = Util.fixEmptyAndTrim(name);
        this.provider = Util.fixEmptyAndTrim(provider);
        this.serverUrl = Util.fixEmptyAndTrim(serverUrl);
    }

    public String getName() {
        return name;
    }

    public String getProvider() {
        return provider;
    }

    public String getServerUrl() {
        return serverUrl;
    }

    public String getApiUrl() {
        return apiUrl;
    }

    @DataBoundSetter
    public void setApiUrl(String apiUrl) {
        this.apiUrl = Util.fixEmptyAndTrim(apiUrl);
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    public boolean isAllowHttp() {
        return allowHttp;
    }

    /** Lets credentials go to this endpoint over plain http: anyone on the network path can read them. */
    @DataBoundSetter
    public void setAllowHttp(boolean allowHttp) {
        this.allowHttp = allowHttp;
    }

    /** The engine's value, or null when this entry is incomplete (it is then ignored). */
    Endpoint toEndpoint() {
        if (name == null || provider == null) {
            return null;
        }
        URI api = apiUrl == null || BuildTarget.checkHttpUrl(apiUrl, "API URL").isPresent() ? null : URI.create(apiUrl);
        return new Endpoint(name, provider, serverUrl, api, credentialsId, allowHttp);
    }

    @Extension
    public static final class DescriptorImpl extends Descriptor<ProviderEndpoint> {

        @Override
        public String getDisplayName() {
            return "External build endpoint";
        }

        @POST
        public ListBoxModel doFillProviderItems() {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            ListBoxModel items = new ListBoxModel();
            for (ProviderType type : ExternalBuildService.get().registry().types()) {
                items.add(type.displayName(), type.id());
            }
            return items;
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@QueryParameter String credentialsId, @QueryParameter String serverUrl) {
            return CredentialsLookup.list((Item) null, credentialsId, serverUrl);
        }

        @POST
        public FormValidation doCheckServerUrl(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return Forms.toValidation(BuildTarget.checkHttpUrl(value, "The server URL"));
        }

        @POST
        public FormValidation doCheckApiUrl(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return Forms.toValidation(BuildTarget.checkHttpUrl(value, "The API URL"));
        }

        @POST
        public FormValidation doCheckName(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return FormValidation.validateRequired(value);
        }
    }
}
