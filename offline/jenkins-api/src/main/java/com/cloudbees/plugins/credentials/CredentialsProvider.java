// Stand-in (compile only) for jenkinsci/credentials-plugin src/main/java/com/cloudbees/plugins/credentials/CredentialsProvider.java @ 1502.v5c95e620ddfe.
// Signatures copied exactly; members we do not use are left out; USE_ITEM is null here.
package com.cloudbees.plugins.credentials;

import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import hudson.ExtensionPoint;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.model.Run;
import hudson.security.Permission;
import java.util.List;

// stubcheck: omits IconSpec
public abstract class CredentialsProvider extends Descriptor<CredentialsProvider>
        implements ExtensionPoint, Describable<CredentialsProvider> {
    public static final Permission USE_ITEM = null;

    public CredentialsProvider() {
    }

    public static <C extends IdCredentials> C findCredentialById(String id, Class<C> type, Run<?, ?> run) {
        throw new UnsupportedOperationException("offline stand-in");
    }

    public static <C extends IdCredentials> C findCredentialById(String id, Class<C> type, Run<?, ?> run,
                                                                 DomainRequirement... domainRequirements) {
        throw new UnsupportedOperationException("offline stand-in");
    }

    public static <C extends IdCredentials> C findCredentialById(String id, Class<C> type, Run<?, ?> run,
                                                                 List<DomainRequirement> domainRequirements) {
        throw new UnsupportedOperationException("offline stand-in");
    }

    public static <C extends Credentials> C track(Run build, C credentials) {
        throw new UnsupportedOperationException("offline stand-in");
    }

    public static <C extends Credentials> C track(Item item, C credentials) {
        throw new UnsupportedOperationException("offline stand-in");
    }

    public static <C extends Credentials> java.util.List<C> lookupCredentialsInItem(Class<C> type, Item item,
            org.springframework.security.core.Authentication authentication,
            java.util.List<com.cloudbees.plugins.credentials.domains.DomainRequirement> domainRequirements) {
        throw new UnsupportedOperationException("offline stand-in");
    }

    public static <C extends Credentials> java.util.List<C> lookupCredentialsInItemGroup(Class<C> type,
            hudson.model.ItemGroup itemGroup, org.springframework.security.core.Authentication authentication,
            java.util.List<com.cloudbees.plugins.credentials.domains.DomainRequirement> domainRequirements) {
        throw new UnsupportedOperationException("offline stand-in");
    }
}
