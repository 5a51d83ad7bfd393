// Runs once at the start of the throwaway controller of e2e/jenkins-provider/run (init.groovy.d):
// a user "e2e" (password e2e-password), logged-in users may do anything, anonymous may only read,
// the default CSRF crumb issuer, and an API token for e2e written to E2E_TOKEN_FILE.
import hudson.security.FullControlOnceLoggedInAuthorizationStrategy
import hudson.security.HudsonPrivateSecurityRealm
import hudson.security.csrf.DefaultCrumbIssuer
import jenkins.model.Jenkins
import jenkins.security.ApiTokenProperty

def j = Jenkins.get()
def realm = new HudsonPrivateSecurityRealm(false)
def user = realm.createAccount('e2e', 'e2e-password')
j.setSecurityRealm(realm)
def authz = new FullControlOnceLoggedInAuthorizationStrategy()
authz.setAllowAnonymousRead(true)
j.setAuthorizationStrategy(authz)
j.setCrumbIssuer(new DefaultCrumbIssuer(true))
j.setNumExecutors(2)
j.save()
def token = user.getProperty(ApiTokenProperty).tokenStore.generateNewToken('e2e').plainValue
user.save()
new File(System.getenv('E2E_TOKEN_FILE')).text = token
