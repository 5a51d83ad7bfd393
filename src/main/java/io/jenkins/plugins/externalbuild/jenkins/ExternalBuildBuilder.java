package io.jenkins.plugins.externalbuild.jenkins;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.Launcher;
import hudson.Util;
import hudson.model.AbstractBuild;
import hudson.model.AbstractProject;
import hudson.model.BuildListener;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.BuildStepMonitor;
import hudson.tasks.Builder;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.externalbuild.engine.RestartLoop;
import io.jenkins.plugins.externalbuild.engine.RestartOutcome;
import io.jenkins.plugins.externalbuild.engine.RestartState;
import io.jenkins.plugins.externalbuild.provider.BuildTarget;
import io.jenkins.plugins.externalbuild.provider.Endpoint;
import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * What the freestyle build steps share: the build by {@code url} (environment variables expanded) with an
 * optional {@code endpoint} and {@code credentialsId}, a {@code timeout} and {@code propagate}. A freestyle
 * build holds its executor anyway, so {@link #perform} waits for the same engine loop the Pipeline steps use
 * (polls still run on the Timer and the io pool). Afterwards {@code EXTERNAL_BUILD_URL}, {@code _ID},
 * {@code _STATUS} and {@code _ATTEMPT} are set for later build steps ({@link ExternalBuildEnvironmentAction}).
 *
 * <p>Freestyle only: not a {@code SimpleBuildStep}, so Pipeline's {@code step} cannot run it as a synchronous
 * step holding a thread for up to the timeout; and no {@code @Symbol}. In Pipeline, the durable steps
 * ({@code restartExternalBuild}, {@code waitForExternalBuild}) are the ones to use.
 *
 * <p>Fields a job's XML leaves out (REST API, Job DSL, Configuration as Code) read as their declared defaults.
 */
public abstract class ExternalBuildBuilder extends Builder {

    /** How long an aborted build waits for the remote cancel to be answered. */
    static final long STOP_GRACE_SECONDS = 30;

    private final String url;
    private String endpoint;
    private String credentialsId;
    private int timeout;
    private Boolean propagate; // null (absent from XML): true

    protected ExternalBuildBuilder(String url) {
        this.url = Util.fixEmptyAndTrim(url);
    }

    public String getUrl() {
        return url;
    }

    public String getEndpoint() {
        return endpoint;
    }

    @DataBoundSetter
    public void setEndpoint(String endpoint) {
        this.endpoint = Util.fixEmptyAndTrim(endpoint);
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    /** Minutes; 0 for the global default. */
    public int getTimeout() {
        return timeout;
    }

    @DataBoundSetter
    public void setTimeout(int timeout) {
        this.timeout = Math.max(0, timeout);
    }

    public boolean isPropagate() {
        return propagate == null || propagate;
    }

    @DataBoundSetter
    public void setPropagate(boolean propagate) {
        this.propagate = propagate;
    }

    abstract LoopOptions options();

    @Override
    public BuildStepMonitor getRequiredMonitorService() {
        return BuildStepMonitor.NONE;
    }

    @Override
    public boolean perform(AbstractBuild<?, ?> build, Launcher launcher, BuildListener listener)
            throws InterruptedException, IOException {
        RestartOutcome outcome = run(build, build.getEnvironment(listener), listener);
        ExternalBuildEnvironmentAction.set(build, outcome.state());
        switch (outcome.result()) {
            case SUCCEEDED, RESTARTED -> { }
            case CANCELLED -> throw new AbortException(outcome.message());
            default -> {
                if (isPropagate()) {
                    throw new AbortException(outcome.message());
                }
                // propagate off: the build goes on; EXTERNAL_BUILD_STATUS says how the external build ended
            }
        }
        return true;
    }

    private RestartOutcome run(Run<?, ?> run, EnvVars env, TaskListener listener) throws InterruptedException, IOException {
        BuildTarget.Input input = new BuildTarget.Input(env.expand(url), endpoint, null, null, null, null, null, credentialsId);
        StepServices services = ExternalBuildService.get().services();
        LoopStart prepared = LoopStart.prepare(input, options(), run, services);
        String key = UUID.randomUUID().toString();
        BuildLog.message(listener, (prepared.options.restart ? "restarting " : "waiting for ")
                + prepared.target.ref().describe() + " " + BuildLog.link(prepared.target.ref().url()));
        services.record(run, key, prepared.initial);
        CompletableFuture<RestartOutcome> done = new CompletableFuture<>();
        RestartLoop.Handle handle = services.loop().start(prepared.initial,
                prepared.options.restartPolicy(), prepared.waitPolicy, prepared.provider,
                new LoopReporter(run, key, services) {
                    @Override
                    TaskListener listener() {
                        return listener;
                    }

                    @Override
                    public void saved(RestartState s) {
                        // A freestyle build does not survive a restart of Jenkins: nothing to persist.
                    }

                    @Override
                    void completed(RestartOutcome outcome) {
                        done.complete(outcome);
                    }
                });
        try {
            return done.get();
        } catch (InterruptedException e) {
            handle.stop(); // applies onAbort: cancels the remote build unless 'leave'
            try {
                done.get(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException | InterruptedException ignored) {
                // the build is being aborted either way
            }
            throw e;
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        }
    }

    /** The descriptor the freestyle build steps share; each nests its own subclass. */
    public abstract static class ExternalBuildBuilderDescriptor extends BuildStepDescriptor<Builder> {

        @Override
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }

        @POST
        public FormValidation doCheckUrl(@AncestorInPath Item item, @QueryParameter String value) {
            if (value != null && value.contains("$")) {
                return FormValidation.ok(); // expanded at build time
            }
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

        /** The configured endpoints by name; blank: by the URL's server. Only to those who may configure. */
        @POST
        public ListBoxModel doFillEndpointItems(@AncestorInPath Item item, @QueryParameter String endpoint) {
            ListBoxModel items = new ListBoxModel();
            items.add("By the URL's server (or none)", "");
            if (Forms.mayConfigure(item)) {
                for (Endpoint e : ExternalBuildConfiguration.get().endpointValues()) {
                    items.add(e.name() + " (" + e.provider() + (e.server() == null ? "" : ", " + e.server()) + ")",
                            e.name());
                }
            }
            String current = Util.fixEmptyAndTrim(endpoint);
            if (current != null && items.stream().noneMatch(o -> current.equals(o.value))) {
                items.add(current + " (not configured)", current);
            }
            return items;
        }

        @POST
        public FormValidation doCheckTimeout(@AncestorInPath Item item, @QueryParameter String value) {
            return Forms.checkNumber(item, value, "The timeout (minutes)", 0,
                    ExternalBuildConfiguration.MAX_TIMEOUT_MINUTES);
        }
    }
}
