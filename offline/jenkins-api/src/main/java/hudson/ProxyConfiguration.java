// Stand-in (compile only) for jenkinsci/jenkins core/src/main/java/hudson/ProxyConfiguration.java @ jenkins-2.541.3.
// Signatures copied exactly; members we do not use are left out.
package hudson;

import hudson.model.Describable;
import hudson.util.Secret;
import java.io.Serializable;
import java.net.Proxy;

// stubcheck: omits Saveable
public final class ProxyConfiguration implements Describable<ProxyConfiguration>, Serializable {
    public ProxyConfiguration(String name, int port) {
        throw new UnsupportedOperationException("offline stand-in");
    }

    public String getUserName() {
        throw new UnsupportedOperationException("offline stand-in");
    }

    public Secret getSecretPassword() {
        throw new UnsupportedOperationException("offline stand-in");
    }

    public Proxy createProxy(String host) {
        throw new UnsupportedOperationException("offline stand-in");
    }
}
