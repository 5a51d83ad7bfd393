// Stand-in (compile only) for jenkinsci/jenkins core/src/main/java/hudson/security/AccessControlled.java @ jenkins-2.541.3.
// Signatures copied exactly; members we do not use are left out.
package hudson.security;

import org.springframework.security.access.AccessDeniedException;

public interface AccessControlled {
    ACL getACL();

    default void checkPermission(Permission permission) throws AccessDeniedException {
        throw new UnsupportedOperationException("offline stand-in");
    }

    default boolean hasPermission(Permission permission) {
        throw new UnsupportedOperationException("offline stand-in");
    }
}
