// Runs at every start of the suite's own controller (JENKINS_HOME/init.groovy.d). The first time, and only
// while JENKINS_HOME holds e2e-admin.password (written by e2e/jenkins/run, mode 600): a local user "admin"
// with that password, logged-in users may do anything, anonymous nothing; an API token for the suite
// written to JENKINS_HOME/e2e-admin.token (mode 600). The password file is deleted. Nothing is printed.
import hudson.security.FullControlOnceLoggedInAuthorizationStrategy
import hudson.security.HudsonPrivateSecurityRealm
import java.nio.file.Files
import java.nio.file.attribute.PosixFilePermissions
import jenkins.model.Jenkins
import jenkins.security.ApiTokenProperty

def j = Jenkins.get()
def passwordFile = new File(j.rootDir, 'e2e-admin.password')
if (passwordFile.exists() && !(j.securityRealm instanceof HudsonPrivateSecurityRealm)) {
    def realm = new HudsonPrivateSecurityRealm(false)
    def admin = realm.createAccount('admin', passwordFile.text.trim())
    j.securityRealm = realm
    def authz = new FullControlOnceLoggedInAuthorizationStrategy()
    authz.allowAnonymousRead = false
    j.authorizationStrategy = authz
    def token = admin.getProperty(ApiTokenProperty).tokenStore.generateNewToken('e2e')
    admin.save()
    j.save()
    def tokenFile = new File(j.rootDir, 'e2e-admin.token').toPath()
    Files.deleteIfExists(tokenFile)
    Files.createFile(tokenFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString('rw-------')))
    Files.write(tokenFile, token.plainValue.getBytes('UTF-8'))
    passwordFile.delete()
}
