package io.jenkins.plugins.externalbuild.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.model.Descriptor;
import hudson.model.FreeStyleProject;
import hudson.model.Item;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import hudson.util.Secret;
import io.jenkins.plugins.externalbuild.engine.RestartMode;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import org.springframework.security.access.AccessDeniedException;

/**
 * Release build only: a user who may read a job but not configure it calls every form method of every external
 * build descriptor (each {@code doFill*}/{@code doCheck*}, found by reflection, so a new one is covered too). None
 * may enumerate credentials ids or endpoint names, validate anything (an oracle), or fail other than by denial;
 * the static option lists answer everyone.
 */
@WithJenkins
class ExternalBuildFormsPermissionJenkinsTest {

    @Test
    void aReaderLearnsNothingFromAnyFormMethod(JenkinsRule r) throws Exception {
        SystemCredentialsProvider.getInstance().getCredentials().add(new StringCredentialsImpl(CredentialsScope.GLOBAL,
                "gitlab-token", "GitLab", Secret.fromString("glpat-forms-0123456789")));
        SystemCredentialsProvider.getInstance().save();
        ExternalBuildConfiguration.get().setEndpoints(List.of(new ProviderEndpoint("secret-endpoint", "gitlab",
                "https://gitlab.internal.example")));
        FreeStyleProject job = r.createFreeStyleProject("job");
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(Jenkins.READ).everywhere().to("reader")
                .grant(Item.READ).onItems(job).to("reader"));

        List<Class<? extends Descriptor<?>>> descriptors = List.of(RestartExternalBuildStep.DescriptorImpl.class,
                WaitForExternalBuildStep.DescriptorImpl.class, ExternalBuildStatusStep.DescriptorImpl.class,
                CancelExternalBuildStep.DescriptorImpl.class, RestartExternalBuildBuilder.DescriptorImpl.class,
                WaitForExternalBuildBuilder.DescriptorImpl.class, ProviderEndpoint.DescriptorImpl.class);
        List<String> called = new ArrayList<>();
        try (ACLContext ctx = ACL.as2(User.getById("reader", true).impersonate2())) {
            for (Class<? extends Descriptor<?>> type : descriptors) {
                Descriptor<?> d = r.jenkins.getDescriptorByType((Class) type);
                for (Method m : type.getMethods()) {
                    if (!m.getName().startsWith("doFill") && !m.getName().startsWith("doCheck")) {
                        continue;
                    }
                    Object answer = call(d, m, job);
                    String name = type.getEnclosingClass().getSimpleName() + "." + m.getName();
                    called.add(name);
                    assertHarmless(name, m.getName(), answer);
                }
            }
            for (Method m : ExternalBuildConfiguration.class.getMethods()) {
                if (m.getName().startsWith("doCheck")) {
                    assertThat(call(ExternalBuildConfiguration.get(), m, job)).as(m.getName()).isEqualTo("denied");
                    called.add("ExternalBuildConfiguration." + m.getName());
                }
            }
        }
        assertThat(called).as("the form methods were found and called").contains("RestartExternalBuildStep.doCheckUrl",
                "RestartExternalBuildStep.doFillCredentialsIdItems", "RestartExternalBuildStep.doCheckCredentialsId",
                "RestartExternalBuildBuilder.doFillEndpointItems", "RestartExternalBuildBuilder.doFillModeItems",
                "ProviderEndpoint.doFillProviderItems", "ExternalBuildConfiguration.doCheckPollCapSeconds");
    }

    /** Calls {@code m} with the job for an {@code Item} and a probing value for every string. */
    private static Object call(Object target, Method m, Item job) throws Exception {
        Object[] args = new Object[m.getParameterCount()];
        Class<?>[] types = m.getParameterTypes();
        int strings = 0;
        for (int i = 0; i < args.length; i++) {
            args[i] = types[i] == Item.class ? job : types[i] == String.class ? probe(m.getName(), strings++) : null;
        }
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof AccessDeniedException) {
                return "denied";
            }
            throw e;
        }
    }

    /** The {@code n}th string argument: a credentials id, then a server URL; a bad URL; a bad number. */
    private static String probe(String method, int n) {
        if (method.contains("Credentials")) {
            return n == 0 ? "gitlab-token" : "https://gitlab.internal.example";
        }
        return method.contains("Url") ? "not a url" : "-1";
    }

    private static void assertHarmless(String name, String method, Object answer) {
        if ("denied".equals(answer)) {
            return;
        }
        if (answer instanceof FormValidation v) {
            assertThat(v.kind).as(name + ": validates nothing for a reader").isEqualTo(FormValidation.Kind.OK);
            return;
        }
        assertThat(answer).as(name).isInstanceOf(ListBoxModel.class);
        List<String> values = ((ListBoxModel) answer).stream().map(o -> o.name + "=" + o.value).toList();
        assertThat(values).as(name + ": no endpoint name").noneMatch(v -> v.contains("secret-endpoint"));
        if (method.equals("doFillCredentialsIdItems")) {
            assertThat(((ListBoxModel) answer).stream().map(o -> o.value).toList()).as(name + ": the current value only")
                    .containsOnly("gitlab-token");
        }
        if (method.equals("doFillModeItems")) {
            List<String> expected = new ArrayList<>(List.of(""));
            for (RestartMode mode : RestartMode.values()) {
                expected.add(mode.name().toLowerCase(Locale.ROOT));
            }
            assertThat(((ListBoxModel) answer).stream().map(o -> o.value).toList())
                    .as(name + ": the static list, the same for everyone").containsExactlyInAnyOrderElementsOf(expected);
        }
    }
}
