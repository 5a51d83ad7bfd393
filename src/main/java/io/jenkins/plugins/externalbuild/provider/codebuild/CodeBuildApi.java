package io.jenkins.plugins.externalbuild.provider.codebuild;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.jenkins.plugins.externalbuild.provider.HttpResponse;
import io.jenkins.plugins.externalbuild.provider.HttpTransport;
import io.jenkins.plugins.externalbuild.provider.Json;
import io.jenkins.plugins.externalbuild.provider.ProviderException;
import io.jenkins.plugins.externalbuild.provider.Token;
import java.net.URI;
import java.time.Clock;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * One CodeBuild API call in AWS JSON 1.1: {@code POST /} to {@code https://codebuild.REGION.amazonaws.com/} (or the
 * configured API base: a VPC endpoint, a proxy, a test server) with {@code X-Amz-Target: CodeBuild_20161006.OP} and
 * {@code Content-Type: application/x-amz-json-1.1}, signed with SigV4 by the AWS SDK's {@link AwsV4HttpSigner}, sent
 * through our {@link HttpTransport}. The resolved secret key and session token are added to the transport's redactor
 * before anything is sent. Thread-safe.
 *
 * <p>Protocol: the service model's metadata ({@code targetPrefix CodeBuild_20161006}, {@code jsonVersion 1.1},
 * {@code signingName codebuild}) and Smithy's aws-json-1_1 protocol page; see the fixture README.
 */
final class CodeBuildApi {

    static final String TARGET_PREFIX = "CodeBuild_20161006.";
    static final String SIGNING_NAME = "codebuild";
    static final MediaType AWS_JSON = MediaType.get("application/x-amz-json-1.1");

    private final HttpTransport http;
    private final AwsIdentitySource identities;
    private final URI apiBase;
    private final Clock clock;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    CodeBuildApi(HttpTransport http, AwsIdentitySource identities, URI apiBase, Clock clock) {
        this.http = Objects.requireNonNull(http, "http");
        this.identities = Objects.requireNonNull(identities, "identities");
        this.apiBase = apiBase;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    HttpTransport transport() {
        return http;
    }

    /**
     * Calls {@code operation} in {@code region} and reads the answer as {@code output}.
     *
     * @param what what the call is about, for messages ({@code build p:1234})
     */
    <T> T call(String region, String operation, Object input, Class<T> output, String what) throws ProviderException {
        AwsCredentialsIdentity identity = identities.resolve(region);
        HttpTransport transport = withSecretsOf(identity);
        byte[] body;
        try {
            body = Json.MAPPER.writeValueAsBytes(input);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the " + operation + " request", e);
        }
        Request request = signed(endpoint(region), region, operation, body, identity);
        HttpResponse response = transport.execute(request);
        if (!response.successful()) {
            throw CodeBuildErrors.classify(response, operation, what, transport);
        }
        return Json.read(Json.MAPPER, response, output, transport);
    }

    private HttpTransport withSecretsOf(AwsCredentialsIdentity identity) {
        HttpTransport t = http.withSecret(Token.of(identity.secretAccessKey()));
        if (identity instanceof AwsSessionCredentialsIdentity session) {
            t = t.withSecret(Token.of(session.sessionToken()));
        }
        return t.withSecret(Token.of(identity.accessKeyId()));
    }

    /** The request with SigV4 headers ({@code Authorization}, {@code X-Amz-Date}, {@code X-Amz-Security-Token}). */
    Request signed(HttpUrl url, String region, String operation, byte[] body, AwsCredentialsIdentity identity) {
        SdkHttpRequest unsigned = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(url.uri())
                .putHeader("Content-Type", AWS_JSON.toString())
                .putHeader("X-Amz-Target", TARGET_PREFIX + operation)
                .build();
        SignedRequest signed = signer.sign(r -> r
                .identity(identity)
                .request(unsigned)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SIGNING_NAME)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(HttpSigner.SIGNING_CLOCK, clock));
        Request.Builder b = new Request.Builder().url(url).post(RequestBody.create(body, AWS_JSON));
        signed.request().forEachHeader((name, values) -> {
            // OkHttp writes Host (the same host[:port] the signer used) and Content-Length itself.
            if (!"Host".equalsIgnoreCase(name) && !"Content-Length".equalsIgnoreCase(name)) {
                b.header(name, String.join(",", values));
            }
        });
        return b.build();
    }

    /** The configured API base, else the region's public endpoint (China regions under amazonaws.com.cn). */
    HttpUrl endpoint(String region) {
        if (apiBase != null) {
            HttpUrl u = HttpUrl.parse(apiBase.toString());
            if (u == null) {
                throw new IllegalArgumentException("AWS CodeBuild API URL '" + apiBase + "' is not an http(s) URL");
            }
            return u;
        }
        String domain = region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
        return HttpUrl.get("https://" + SIGNING_NAME + "." + region + "." + domain + "/");
    }
}
