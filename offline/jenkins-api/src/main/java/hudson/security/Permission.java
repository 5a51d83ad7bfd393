// Stand-in (compile only) for jenkinsci/jenkins core/src/main/java/hudson/security/Permission.java @ jenkins-2.541.3.
// Signatures copied exactly; members we do not use are left out.
package hudson.security;

public final class Permission {
    private Permission() {
    }
}
