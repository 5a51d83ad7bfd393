// Stand-in (compile only) for jenkinsci/jenkins core/src/main/java/hudson/security/ACL.java @ jenkins-2.541.3.
// Signatures copied exactly; members we do not use are left out; SYSTEM2 is null here.
package hudson.security;

import org.springframework.security.core.Authentication;

public abstract class ACL {
    public static final Authentication SYSTEM2 = null;
}
