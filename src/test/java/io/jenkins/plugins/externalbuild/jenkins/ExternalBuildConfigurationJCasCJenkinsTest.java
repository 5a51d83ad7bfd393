package io.jenkins.plugins.externalbuild.jenkins;

import static io.jenkins.plugins.casc.misc.Util.getUnclassifiedRoot;
import static io.jenkins.plugins.casc.misc.Util.toStringFromYamlFile;
import static io.jenkins.plugins.casc.misc.Util.toYamlString;
import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.security.ACL;
import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import io.jenkins.plugins.casc.model.CNode;
import java.util.List;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.junit.jupiter.api.Test;

/**
 * Release build only: the global configuration imported from {@code configuration-as-code.yml} (its token from
 * the environment) and exported back, compared with {@code configuration-as-code-expected.yml}.
 */
@WithJenkinsConfiguredWithCode
class ExternalBuildConfigurationJCasCJenkinsTest {

    private static final String FALLBACK_TOKEN = "glpat-jcasc-test-not-a-real-token";

    @Test
    @ConfiguredWithCode("configuration-as-code.yml")
    void importsEndpointsAndDefaults(JenkinsConfiguredWithCodeRule j) {
        ExternalBuildConfiguration config = ExternalBuildConfiguration.get();

        assertThat(config.getPollCapSeconds()).isEqualTo(90);
        assertThat(config.getTimeoutMinutes()).isEqualTo(45);
        assertThat(config.getEndpoints()).extracting(ProviderEndpoint::getName).containsExactly("corp-gitlab",
                "codebuild-eu");
        ProviderEndpoint gitlab = config.getEndpoints().get(0);
        assertThat(gitlab.getProvider()).isEqualTo("gitlab");
        assertThat(gitlab.getServerUrl()).isEqualTo("https://gitlab.example.com");
        assertThat(gitlab.getApiUrl()).isEqualTo("https://gitlab.example.com/api/v4/");
        assertThat(gitlab.getCredentialsId()).isEqualTo("gitlab-bot");
        assertThat(config.endpointValues()).hasSize(2);

        List<StringCredentials> tokens = CredentialsProvider.lookupCredentialsInItemGroup(StringCredentials.class,
                j.jenkins, ACL.SYSTEM2, List.of());
        assertThat(tokens).extracting(StringCredentials::getId).containsExactly("gitlab-bot");
        String expected = System.getenv().getOrDefault("EXTBUILD_GITLAB_TOKEN", FALLBACK_TOKEN);
        assertThat(tokens.get(0).getSecret().getPlainText()).isEqualTo(expected);
    }

    @Test
    @ConfiguredWithCode("configuration-as-code.yml")
    void exportsWhatWasImported(JenkinsConfiguredWithCodeRule j) throws Exception {
        ConfigurationContext context = new ConfigurationContext(ConfiguratorRegistry.get());
        CNode externalBuild = getUnclassifiedRoot(context).get("externalBuild");

        String exported = toYamlString(externalBuild);

        assertThat(exported).isEqualTo(toStringFromYamlFile(this, "configuration-as-code-expected.yml"));
    }

    @Test
    @ConfiguredWithCode("configuration-as-code.yml")
    void theExportHoldsNoPlainToken(JenkinsConfiguredWithCodeRule j) throws Exception {
        String token = System.getenv().getOrDefault("EXTBUILD_GITLAB_TOKEN", FALLBACK_TOKEN);

        assertThat(j.exportToString(false)).contains("externalBuild:").doesNotContain(token);
    }
}
