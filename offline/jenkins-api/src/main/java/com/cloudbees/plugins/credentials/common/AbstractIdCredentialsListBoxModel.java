// Stand-in (compile only) for jenkinsci/credentials-plugin src/main/java/com/cloudbees/plugins/credentials/common/AbstractIdCredentialsListBoxModel.java @ 1502.v5c95e620ddfe.
// Signatures copied exactly; members we do not use are left out; deprecated acegi overloads left out; every Item/ItemGroup pair of includeAs/includeMatchingAs kept (trap T6).
package com.cloudbees.plugins.credentials.common;

import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import hudson.model.Item;
import hudson.model.ItemGroup;
import hudson.util.ListBoxModel;
import java.util.List;
import org.springframework.security.core.Authentication;

public abstract class AbstractIdCredentialsListBoxModel<T extends AbstractIdCredentialsListBoxModel<T, C>,
        C extends IdCredentials>
        extends ListBoxModel {
    protected abstract String describe(C c);

    public AbstractIdCredentialsListBoxModel<T, C> includeEmptyValue() {
        throw new UnsupportedOperationException("offline stand-in");
    }

    public AbstractIdCredentialsListBoxModel<T, C> includeAs(Authentication authentication, Item context,
                                                             Class<? extends C> type) {
        throw new UnsupportedOperationException("offline stand-in");
    }

    public AbstractIdCredentialsListBoxModel<T, C> includeAs(Authentication authentication, ItemGroup context,
                                                             Class<? extends C> type) {
        throw new UnsupportedOperationException("offline stand-in");
    }

    public AbstractIdCredentialsListBoxModel<T, C> includeAs(Authentication authentication, Item context,
                                                             Class<? extends C> type,
                                                             List<DomainRequirement> domainRequirements) {
        throw new UnsupportedOperationException("offline stand-in");
    }

    public AbstractIdCredentialsListBoxModel<T, C> includeAs(Authentication authentication, ItemGroup context,
                                                             Class<? extends C> type,
                                                             List<DomainRequirement> domainRequirements) {
        throw new UnsupportedOperationException("offline stand-in");
    }

    public AbstractIdCredentialsListBoxModel<T, C> includeMatchingAs(Authentication authentication, Item context,
                                                                     Class<? extends C> type,
                                                                     List<DomainRequirement> domainRequirements,
                                                                     CredentialsMatcher matcher) {
        throw new UnsupportedOperationException("offline stand-in");
    }

    public AbstractIdCredentialsListBoxModel<T, C> includeMatchingAs(Authentication authentication, ItemGroup context,
                                                                     Class<? extends C> type,
                                                                     List<DomainRequirement> domainRequirements,
                                                                     CredentialsMatcher matcher) {
        throw new UnsupportedOperationException("offline stand-in");
    }

    public AbstractIdCredentialsListBoxModel<T, C> includeCurrentValue(String value) {
        throw new UnsupportedOperationException("offline stand-in");
    }
}
