package io.jenkins.plugins.externalbuild.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.XmlFile;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import hudson.util.Secret;
import java.io.File;
import java.util.List;
import net.sf.json.JSONObject;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import org.kohsuke.stapler.Stapler;

/** Release build only: Manage Jenkins → System → External builds in a real Jenkins. */
@WithJenkins
class ExternalBuildConfigurationJenkinsTest {

    private JenkinsRule r;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        var store = SystemCredentialsProvider.getInstance();
        store.getCredentials().add(new StringCredentialsImpl(CredentialsScope.GLOBAL, "gitlab-token", "GitLab",
                Secret.fromString("glpat-global-0123456789")));
        store.getCredentials().add(new StringCredentialsImpl(CredentialsScope.SYSTEM, "jenkins-own", "Jenkins' own",
                Secret.fromString("glpat-system-0123456789")));
        store.save();
    }

    @Test
    void globalConfigurationRoundTrips() throws Exception {
        ExternalBuildConfiguration config = ExternalBuildConfiguration.get();
        ProviderEndpoint e = new ProviderEndpoint("internal", "gitlab", "https://gitlab.internal.example");
        e.setCredentialsId("gitlab-token");
        config.setEndpoints(List.of(e));
        config.setPollCapSeconds(30);
        config.setAllowControllerAwsCredentials(true);

        r.configRoundtrip();

        ExternalBuildConfiguration after = ExternalBuildConfiguration.get();
        assertThat(after.getPollCapSeconds()).isEqualTo(30);
        assertThat(after.isAllowControllerAwsCredentials()).isTrue();
        assertThat(after.getEndpoints()).hasSize(1);
        r.assertEqualDataBoundBeans(e, after.getEndpoints().get(0));
    }

    @Test
    void deletingTheLastEndpointIsSaved() throws Exception {
        ExternalBuildConfiguration config = ExternalBuildConfiguration.get();
        config.setEndpoints(List.of(new ProviderEndpoint("internal", "gitlab", "https://gitlab.internal.example")));
        config.setAllowControllerAwsCredentials(true);

        // What the form posts with no endpoint left and the box unchecked: neither key at all.
        r.executeOnServer(() -> config.configure(Stapler.getCurrentRequest2(),
                JSONObject.fromObject("{\"pollCapSeconds\":\"60\",\"timeoutMinutes\":\"120\"}")));

        assertThat(config.getEndpoints()).isEmpty();
        assertThat(config.isAllowControllerAwsCredentials()).isFalse();
        String saved = new XmlFile(new File(r.jenkins.getRootDir(), ExternalBuildConfiguration.class.getName() + ".xml"))
                .asString();
        assertThat(saved).doesNotContain("internal");
    }

    @Test
    void endpointCredentialsOfferNoSystemScopedOnesAndTheCheckSaysWhy() {
        ProviderEndpoint.DescriptorImpl d = r.jenkins.getDescriptorByType(ProviderEndpoint.DescriptorImpl.class);

        ListBoxModel offered = d.doFillCredentialsIdItems("", "https://gitlab.internal.example");

        assertThat(offered).extracting(o -> o.value).contains("gitlab-token").doesNotContain("jenkins-own");
        FormValidation system = d.doCheckCredentialsId("jenkins-own", "https://gitlab.internal.example");
        assertThat(system.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(system.getMessage()).contains("SYSTEM-scoped");
        assertThat(d.doCheckCredentialsId("gitlab-token", "https://gitlab.internal.example").kind)
                .isEqualTo(FormValidation.Kind.OK);
        assertThat(d.doCheckCredentialsId("nope", "https://gitlab.internal.example").kind)
                .isEqualTo(FormValidation.Kind.ERROR);
    }
}
