package io.jenkins.plugins.externalbuild.jenkins;

import hudson.ProxyConfiguration;
import hudson.util.Secret;
import io.jenkins.plugins.externalbuild.provider.ProxyChallenge;
import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import jenkins.model.Jenkins;
import okhttp3.OkHttpClient;

/**
 * Jenkins' proxy configuration (Manage Jenkins → System → HTTP Proxy) for our OkHttp client, read on every
 * request as okhttp-api's JenkinsOkHttpClient does (its selector and authenticator are not public API).
 * The authenticator answers a proxy's Basic challenge as {@link ProxyChallenge} says: once, only the https tunnel's,
 * only in the scheme asked. Its user and password are registered with every transport's redactor.
 */
final class JenkinsProxy extends ProxySelector {

    private JenkinsProxy() {
    }

    static OkHttpClient.Builder configure(OkHttpClient.Builder builder) {
        ProxyChallenge.hostSecrets(() -> {
            ProxyConfiguration proxy = proxy();
            return proxy == null ? List.of()
                    : ProxyChallenge.secrets(proxy.getUserName(), Secret.toString(proxy.getSecretPassword()));
        });
        return builder.proxySelector(new JenkinsProxy()).proxyAuthenticator((route, response) -> {
            ProxyConfiguration proxy = proxy();
            return proxy == null ? null : ProxyChallenge.answer(route, response, proxy.getUserName(),
                    Secret.toString(proxy.getSecretPassword()));
        });
    }

    @Override
    public List<Proxy> select(URI uri) {
        ProxyConfiguration proxy = proxy();
        return List.of(proxy == null ? Proxy.NO_PROXY : proxy.createProxy(uri.getHost()));
    }

    @Override
    public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
        // OkHttp reports the failure to the caller; nothing to remember here.
    }

    private static ProxyConfiguration proxy() {
        Jenkins j = Jenkins.getInstanceOrNull();
        return j == null ? null : j.getProxy();
    }
}
