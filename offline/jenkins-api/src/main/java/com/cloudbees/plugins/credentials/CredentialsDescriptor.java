// Stand-in (compile only) for jenkinsci/credentials-plugin src/main/java/com/cloudbees/plugins/credentials/CredentialsDescriptor.java @ 1502.v5c95e620ddfe.
// Signatures copied exactly; members we do not use are left out.
package com.cloudbees.plugins.credentials;

import hudson.model.Descriptor;

// stubcheck: omits IconSpec
public abstract class CredentialsDescriptor extends Descriptor<Credentials> {
    protected CredentialsDescriptor() {
    }
}
