package io.jenkins.plugins.externalbuild.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

class RedactorTest {

    private static final String SECRET = "glpat-Zq8RkT2vXw9YbN4mLp7C";
    private final Redactor known = Redactor.of(List.of(Token.of(SECRET)));
    private final Redactor shapes = Redactor.shapesOnly();

    @Test
    void knownTokenIsReplacedWhereverItAppears() {
        String text = "token " + SECRET + " was sent twice: " + SECRET + "; in a path /x/" + SECRET + "/y and glued:" + SECRET + "!";
        String out = known.redact(text);
        assertThat(out).doesNotContain(SECRET).contains("token ██ was sent twice: ██; in a path /x/██/y and glued:██!");
    }

    @Test
    void aSecretContainingAnotherIsReplacedWhole() {
        Redactor r = Redactor.of(List.of(Token.of("abcd1234"), Token.of("abcd1234efgh")));
        assertThat(r.redact("value abcd1234efgh and abcd1234")).isEqualTo("value ██ and ██");
    }

    @Test
    void secretsShorterThanFourCharactersAreNotReplacedSoTextStaysReadable() {
        Redactor r = Redactor.of(List.of(Token.of("ab")));
        assertThat(r.redact("about a tab")).isEqualTo("about a tab");
    }

    @Test
    void withAddsASessionTokenObtainedLater() {
        Redactor r = known.with(Token.of("session-Tok3n-abcdef"));
        assertThat(r.redact("a=" + SECRET + " b=session-Tok3n-abcdef")).isEqualTo("a=██ b=██");
        assertThat(known.redact("session-Tok3n-abcdef")).isEqualTo("session-Tok3n-abcdef");
    }

    @Test
    void textWithoutSecretsIsUnchangedAndNullOrEmptyPassThrough() {
        String text = "GitLab answered 404 for job 8 of group/app (GET https://gitlab.example.com/api/v4/projects/group%2Fapp/jobs/8)";
        assertThat(shapes.redact(text)).isEqualTo(text);
        assertThat(shapes.redact((String) null)).isNull();
        assertThat(shapes.redact("")).isEmpty();
    }

    @Test
    void authorizationBearerHeaderLineIsMaskedWithoutKnowingTheValue() {
        String out = shapes.redact("Accept: application/json\nAuthorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig\nX-Other: 1");
        assertThat(out).isEqualTo("Accept: application/json\nAuthorization: ██\nX-Other: 1");
    }

    @Test
    void bearerCredentialInsideASentenceIsMasked() {
        String out = shapes.redact("the server echoed Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig back");
        assertThat(out).isEqualTo("the server echoed Bearer ██ back");
    }

    @Test
    void privateTokenHeaderLinesAreMaskedInAnyCase() {
        String out = shapes.redact("PRIVATE-TOKEN: glpat-unknown-value\n  private-token:abc\nJOB-TOKEN: xyz");
        assertThat(out).isEqualTo("PRIVATE-TOKEN: ██\n  private-token:██\nJOB-TOKEN: ██");
    }

    @Test
    void codeshipApiKeyQueryParameterIsMasked() {
        String out = shapes.redact("GET https://api.codeship.com/v1/projects/1234.json?api_key=0123456789abcdef&page=2 failed");
        assertThat(out).isEqualTo("GET https://api.codeship.com/v1/projects/1234.json?api_key=██&page=2 failed");
    }

    @Test
    void awsPresignedUrlSignatureAndSecurityTokenAreMasked() {
        String url = "https://bucket.s3.amazonaws.com/log.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Credential=AKIAEXAMPLE%2F20240514%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240514T100000Z"
                + "&X-Amz-Expires=900&X-Amz-Security-Token=IQoJb3JpZ2luX2VjEJr%2F%2F%2F%2FwEaCXVzLWVhc3QtMSJHMEUCIQ"
                + "&X-Amz-SignedHeaders=host&X-Amz-Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7";
        String out = shapes.redact(url);
        assertThat(out).contains("X-Amz-Signature=██", "X-Amz-Security-Token=██&", "X-Amz-Algorithm=AWS4-HMAC-SHA256",
                "X-Amz-SignedHeaders=host").doesNotContain("5d672d79c15b", "IQoJb3JpZ2lu");
    }

    @Test
    void awsSecurityTokenHeaderLineIsMasked() {
        assertThat(shapes.redact("X-Amz-Security-Token: IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQ"))
                .isEqualTo("X-Amz-Security-Token: ██");
    }

    @Test
    void awsSignatureInAnAuthorizationValueIsMaskedEvenMidLine() {
        String value = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, "
                + "SignedHeaders=content-type;host;x-amz-date, "
                + "Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7";
        assertThat(shapes.redact("Authorization: " + value)).isEqualTo("Authorization: ██");
        assertThat(shapes.redact("request was signed with " + value))
                .endsWith("Signature=██").doesNotContain("5d672d79c15b");
    }

    @Test
    void userInfoInAUrlIsMasked() {
        assertThat(shapes.redact("cloning https://deploy:hunter2pass@gitlab.example.com/group/app.git now"))
                .isEqualTo("cloning https://██@gitlab.example.com/group/app.git now");
    }

    @Test
    void jsonPasswordAndTokenValuesAreMasked() {
        String out = shapes.redact("{\"username\":\"bob\",\"password\":\"hunter2\", \"token\" : \"abc\",\"SessionToken\":\"FwoG\"}");
        assertThat(out).isEqualTo("{\"username\":\"bob\",\"password\":\"██\", \"token\" : \"██\",\"SessionToken\":\"██\"}");
    }

    @Test
    void jsonPasswordWithEscapedQuotesIsMaskedWhole() {
        String out = shapes.redact("{\"password\":\"pa\\\"ss\\\"word-tail\",\"user\":\"bob\"}");
        assertThat(out).isEqualTo("{\"password\":\"██\",\"user\":\"bob\"}");
    }

    @Test
    void redactUrlDropsUserInfoAndMasksSecretParameters() {
        HttpUrl url = HttpUrl.get("https://user:pw-Secret@gitlab.example.com/api/v4/projects/g%2Fp/jobs?private_token=abcdef123"
                + "&per_page=100&API_KEY=zzz999&access_token=t0k3n");
        String out = shapes.redact(url);
        assertThat(out).doesNotContain("user", "pw-Secret", "abcdef123", "zzz999", "t0k3n")
                .startsWith("https://gitlab.example.com/api/v4/projects/g%2Fp/jobs?")
                .contains("per_page=100", "private_token=██", "API_KEY=██", "access_token=██");
    }

    @Test
    void redactUrlReplacesAKnownTokenInThePath() {
        HttpUrl url = HttpUrl.get("https://hooks.example.com/trigger/" + SECRET + "/run");
        assertThat(known.redact(url)).isEqualTo("https://hooks.example.com/trigger/██/run");
    }

    @Test
    void redactHeadersMasksSensitiveNamesCaseInsensitivelyAndKnownValuesElsewhere() {
        Headers headers = Headers.of(Map.of(
                "Authorization", "Bearer abcdefgh12345678",
                "private-token", "glpat-whatever",
                "Circle-Token", "cc-123",
                "Cookie", "session=1",
                "Accept", "application/json",
                "X-Debug", "echo " + SECRET));
        String out = known.redact(headers);
        assertThat(out).contains("Authorization: ██\n", "private-token: ██\n", "Circle-Token: ██\n", "Cookie: ██\n",
                "Accept: application/json\n", "X-Debug: echo ██\n")
                .doesNotContain("abcdefgh12345678", "glpat-whatever", "cc-123", "session=1", SECRET);
    }

    @Test
    void tokenNeverPrintsItself() {
        Token token = Token.of(SECRET);
        assertThat(token.toString()).isEqualTo("██");
        assertThat("value=" + token).isEqualTo("value=██");
        assertThat(ProviderCredentials.token(token).toString()).doesNotContain(SECRET);
        assertThat(ConnectionSettings.of(ProviderCredentials.token(token)).toString()).doesNotContain(SECRET);
        assertThat(new ProviderCredentials.UsernamePassword("bob", token).toString()).contains("bob").doesNotContain(SECRET);
        assertThat(token.reveal()).isEqualTo(SECRET);
    }

    @Test
    void tokenDropsSurroundingWhitespaceAndRefusesAnEmptyValue() {
        assertThat(Token.of("  abc\n").reveal()).isEqualTo("abc");
        assertThat(Token.of("abc")).isEqualTo(Token.of("abc\n"));
        assertThatThrownBy(() -> Token.of(" \n")).isInstanceOf(IllegalArgumentException.class).hasMessage("the token is empty");
    }

    @Test
    void userInfoWithoutPasswordOrWithAnAtSignInThePasswordIsMaskedWhole() {
        Redactor r = Redactor.shapesOnly();
        assertThat(r.redact("cloning https://glpat-abcdef123456@gitlab.example.com/g/p.git"))
                .isEqualTo("cloning https://██@gitlab.example.com/g/p.git");
        assertThat(r.redact("see https://bot:p@ss@w0rd@host.example/x"))
                .isEqualTo("see https://██@host.example/x");
    }

    @Test
    void theWordTokenFollowedByOrdinaryWordsStaysReadable() {
        assertThat(Redactor.shapesOnly().redact("the token authentication failed")).isEqualTo("the token authentication failed");
        assertThat(Redactor.shapesOnly().redact("Authorization: token 0123456789abcdef0123456789abcdef"))
                .doesNotContain("0123456789abcdef");
    }
}
