// Stand-in (compile only) for jenkinsci/credentials-plugin src/main/java/com/cloudbees/plugins/credentials/domains/URIRequirementBuilder.java @ 1502.v5c95e620ddfe.
// Signatures copied exactly; members we do not use are left out.
package com.cloudbees.plugins.credentials.domains;

import java.util.List;

public class URIRequirementBuilder {
    private URIRequirementBuilder(List<DomainRequirement> requirements) {
    }

    public static URIRequirementBuilder fromUri(String uri) {
        throw new UnsupportedOperationException("offline stand-in");
    }

    public List<DomainRequirement> build() {
        throw new UnsupportedOperationException("offline stand-in");
    }
}
