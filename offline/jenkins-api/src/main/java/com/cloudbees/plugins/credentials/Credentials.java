// Stand-in (compile only) for jenkinsci/credentials-plugin src/main/java/com/cloudbees/plugins/credentials/Credentials.java @ 1502.v5c95e620ddfe.
// Signatures copied exactly; members we do not use are left out, but every abstract member is declared.
package com.cloudbees.plugins.credentials;

import hudson.ExtensionPoint;
import hudson.model.Describable;
import java.io.Serializable;

public interface Credentials extends Describable<Credentials>, Serializable, ExtensionPoint {
    CredentialsScope getScope();

    CredentialsDescriptor getDescriptor();
}
