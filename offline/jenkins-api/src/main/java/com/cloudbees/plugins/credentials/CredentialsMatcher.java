// Stand-in (compile only) for jenkinsci/credentials-plugin src/main/java/com/cloudbees/plugins/credentials/CredentialsMatcher.java @ 1502.v5c95e620ddfe.
// Signatures copied exactly; members we do not use are left out.
package com.cloudbees.plugins.credentials;

import java.io.Serializable;

public interface CredentialsMatcher extends Serializable {
    boolean matches(Credentials item);
}
