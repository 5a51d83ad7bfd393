package io.jenkins.plugins.externalbuild.provider.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.provider.ProviderRegistry;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Build URLs as the Azure DevOps portal shows them, and explicit coordinates. */
class AzureDevOpsProviderTypeTest {

    private final AzureDevOpsProviderType type = new AzureDevOpsProviderType();
    private final ProviderRegistry registry = ProviderRegistry.standard();

    @Test
    void devAzureComResultsUrlNamesOrgProjectAndBuild() {
        BuildRef ref = registry.parse("https://dev.azure.com/fabrikam/Fabrikam-Fiber/_build/results?buildId=1234&view=logs");
        assertThat(ref).isEqualTo(new BuildRef("azure", "build", "https://dev.azure.com", "fabrikam/Fabrikam-Fiber", "1234",
                "https://dev.azure.com/fabrikam/Fabrikam-Fiber/_build/results?buildId=1234"));
    }

    @Test
    void visualStudioHostKeepsTheOrganizationInTheHost() {
        BuildRef ref = registry.parse("https://Fabrikam.visualstudio.com/Fabrikam-Fiber/_build/results?buildId=77");
        assertThat(ref.server()).isEqualTo("https://fabrikam.visualstudio.com");
        assertThat(ref.project()).isEqualTo("Fabrikam-Fiber");
        assertThat(ref.url()).isEqualTo("https://fabrikam.visualstudio.com/Fabrikam-Fiber/_build/results?buildId=77");
    }

    @Test
    void serverUrlUnderAVirtualDirectoryKeepsTheCollectionPath() {
        BuildRef ref = registry.parse("https://tfs.example.com:8443/tfs/DefaultCollection/Fabrikam%20Fiber/_build/results?buildId=5");
        assertThat(ref.server()).isEqualTo("https://tfs.example.com:8443");
        assertThat(ref.project()).isEqualTo("tfs/DefaultCollection/Fabrikam Fiber");
        assertThat(ref.id()).isEqualTo("5");
        assertThat(ref.url()).isEqualTo("https://tfs.example.com:8443/tfs/DefaultCollection/Fabrikam%20Fiber/_build/results?buildId=5");
    }

    @Test
    void serverUrlWithCollectionAndProject() {
        BuildRef ref = registry.parse("http://ado.internal/DefaultCollection/App/_build/results?buildId=9");
        assertThat(ref.project()).isEqualTo("DefaultCollection/App");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://dev.azure.com/fabrikam/Fabrikam-Fiber/_build?definitionId=29",
            "https://dev.azure.com/fabrikam/Fabrikam-Fiber/_build/results?buildId=abc",
            "https://dev.azure.com/fabrikam/Fabrikam-Fiber/_build/results",
            "https://dev.azure.com/fabrikam/Fabrikam-Fiber/_git/app",
            "https://dev.azure.com/fabrikam/_build/results?buildId=1",
            "https://fabrikam.visualstudio.com/_build/results?buildId=1"})
    void azureUrlsThatNameNoBuildAreRefusedWithTheExpectedForm(String url) {
        assertThatThrownBy(() -> type.parseUrl(URI.create(url)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected");
    }

    @Test
    void otherHostsWithoutBuildPagesAreNotAzure() {
        assertThat(type.parseUrl(URI.create("https://ci.example.com/job/app/12/"))).isEmpty();
    }

    @Test
    void coordinatesDefaultToDevAzureCom() {
        BuildRef ref = type.fromCoordinates(null, "fabrikam/Fabrikam-Fiber", null, "1234");
        assertThat(ref).isEqualTo(registry.parse("https://dev.azure.com/fabrikam/Fabrikam-Fiber/_build/results?buildId=1234"));
    }

    @Test
    void coordinatesAreChecked() {
        assertThatThrownBy(() -> type.fromCoordinates(null, "Fabrikam-Fiber", null, "1"))
                .hasMessageContaining("ORG/PROJECT");
        assertThatThrownBy(() -> type.fromCoordinates(null, "fabrikam/app", "pipeline", "1"))
                .hasMessageContaining("expected build");
        assertThatThrownBy(() -> type.fromCoordinates(null, "fabrikam/app", null, "12a"))
                .hasMessageContaining("must be a number");
        assertThatThrownBy(() -> type.fromCoordinates("ftp://x", "fabrikam/app", null, "1"))
                .hasMessageContaining("is not a URL");
    }
}
