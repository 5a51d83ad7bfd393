package io.jenkins.plugins.externalbuild.jenkins;

import hudson.Util;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.externalbuild.provider.BuildTarget;
import java.io.Serializable;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * What every external-build Pipeline step says about its build: a pasted {@code url}, or {@code provider}
 * (or a configured {@code endpoint}) with {@code server}, {@code project}, {@code kind} and {@code buildId};
 * and the {@code credentialsId} (else the endpoint's default). All optional, all named.
 */
public abstract class ExternalBuildStep extends Step {

    private String url;
    private String endpoint;
    private String provider;
    private String server;
    private String project;
    private String kind;
    private String buildId;
    private String credentialsId;

    public String getUrl() {
        return url;
    }

    @DataBoundSetter
    public void setUrl(String url) {
        this.url = Util.fixEmptyAndTrim(url);
    }

    public String getEndpoint() {
        return endpoint;
    }

    @DataBoundSetter
    public void setEndpoint(String endpoint) {
        this.endpoint = Util.fixEmptyAndTrim(endpoint);
    }

    public String getProvider() {
        return provider;
    }

    @DataBoundSetter
    public void setProvider(String provider) {
        this.provider = Util.fixEmptyAndTrim(provider);
    }

    public String getServer() {
        return server;
    }

    @DataBoundSetter
    public void setServer(String server) {
        this.server = Util.fixEmptyAndTrim(server);
    }

    public String getProject() {
        return project;
    }

    @DataBoundSetter
    public void setProject(String project) {
        this.project = Util.fixEmptyAndTrim(project);
    }

    public String getKind() {
        return kind;
    }

    @DataBoundSetter
    public void setKind(String kind) {
        this.kind = Util.fixEmptyAndTrim(kind);
    }

    public String getBuildId() {
        return buildId;
    }

    @DataBoundSetter
    public void setBuildId(String buildId) {
        this.buildId = Util.fixEmptyAndTrim(buildId);
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    Target target() {
        return new Target(url, endpoint, provider, server, project, kind, buildId, credentialsId);
    }

    /**
     * The step's build fields as the execution persists them (plain strings; no secret). A class, not a
     * record: the Pipeline serializes executions with JBoss Marshalling.
     */
    static final class Target implements Serializable {
        private static final long serialVersionUID = 1L;

        private final String url;
        private final String endpoint;
        private final String provider;
        private final String server;
        private final String project;
        private final String kind;
        private final String buildId;
        private final String credentialsId;

        Target(String url, String endpoint, String provider, String server, String project, String kind, String buildId,
               String credentialsId) {
            this.url = url;
            this.endpoint = endpoint;
            this.provider = provider;
            this.server = server;
            this.project = project;
            this.kind = kind;
            this.buildId = buildId;
            this.credentialsId = credentialsId;
        }

        BuildTarget.Input input() {
            return new BuildTarget.Input(url, endpoint, provider, server, project, kind, buildId, credentialsId);
        }

        /** For messages before the build is resolved. */
        String describe() {
            return url != null ? url : (provider != null ? provider : endpoint) + " " + project + " " + kind + " " + buildId;
        }
    }

    /** The descriptor every external-build step shares; each step nests its own subclass. */
    public abstract static class ExternalBuildStepDescriptor extends StepDescriptor {

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }

        @POST
        public FormValidation doCheckUrl(@AncestorInPath Item item, @QueryParameter String value) {
            return Forms.checkUrl(item, value);
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId,
                                                     @QueryParameter String url) {
            return CredentialsLookup.list(item, credentialsId, url);
        }

        @POST
        public FormValidation doCheckCredentialsId(@AncestorInPath Item item, @QueryParameter String value,
                                                   @QueryParameter String url) {
            return CredentialsLookup.check(item, value, url);
        }
    }
}
