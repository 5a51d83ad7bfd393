package io.jenkins.plugins.externalbuild.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.externalbuild.jenkins.FormRules.Listing;
import io.jenkins.plugins.externalbuild.jenkins.FormRules.Permission;
import io.jenkins.plugins.externalbuild.provider.ProviderRegistry;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The permission rules and validation messages of the forms (jenkins-api-surface.md §5), without a Jenkins. */
class FormRulesTest {

    private static final String SECRET = "glpat-Sup3rSecretValue0123";
    private static final ProviderRegistry REGISTRY = ProviderRegistry.standard();

    /** Every combination of the permissions a user may hold. */
    static Stream<Set<Permission>> grants() {
        List<Set<Permission>> all = new ArrayList<>();
        Permission[] ps = Permission.values();
        for (int mask = 0; mask < 1 << ps.length; mask++) {
            EnumSet<Permission> s = EnumSet.noneOf(Permission.class);
            for (int i = 0; i < ps.length; i++) {
                if ((mask & 1 << i) != 0) {
                    s.add(ps[i]);
                }
            }
            all.add(s);
        }
        return all.stream();
    }

    @Test
    void checksOnAnItemNeedConfigureAndGlobalChecksNeedAdminister() {
        assertThat(FormRules.toConfigure(false)).containsExactly(Permission.CONFIGURE);
        assertThat(FormRules.toConfigure(true)).containsExactly(Permission.ADMINISTER);
    }

    @Test
    void credentialsOfAnItemNeedExtendedReadOrUseItemAndGlobalOnesAdminister() {
        assertThat(FormRules.toListCredentials(false)).containsExactlyInAnyOrder(Permission.EXTENDED_READ,
                Permission.USE_ITEM);
        assertThat(FormRules.toListCredentials(true)).containsExactly(Permission.ADMINISTER);
    }

    @ParameterizedTest
    @MethodSource("grants")
    void withoutPermissionOnlyTheCurrentValueIsListedNeverAnEnumeration(Set<Permission> granted) {
        Listing onItem = FormRules.credentialsListing(false, granted::contains);
        Listing global = FormRules.credentialsListing(true, granted::contains);

        boolean mayListItem = granted.contains(Permission.EXTENDED_READ) || granted.contains(Permission.USE_ITEM);
        assertThat(onItem).isEqualTo(mayListItem ? Listing.VISIBLE_CREDENTIALS : Listing.CURRENT_VALUE_ONLY);
        assertThat(global).isEqualTo(granted.contains(Permission.ADMINISTER) ? Listing.VISIBLE_CREDENTIALS
                : Listing.CURRENT_VALUE_ONLY);
    }

    @ParameterizedTest
    @MethodSource("grants")
    void checksAnswerOnlyUsersWhoMayConfigure(Set<Permission> granted) {
        assertThat(FormRules.mayConfigure(false, granted::contains)).isEqualTo(granted.contains(Permission.CONFIGURE));
        assertThat(FormRules.mayConfigure(true, granted::contains)).isEqualTo(granted.contains(Permission.ADMINISTER));
    }

    @Test
    void noPermissionAtAllMeansNothingUseful() {
        assertThat(FormRules.credentialsListing(false, p -> false)).isEqualTo(Listing.CURRENT_VALUE_ONLY);
        assertThat(FormRules.credentialsListing(true, p -> false)).isEqualTo(Listing.CURRENT_VALUE_ONLY);
        assertThat(FormRules.mayConfigure(false, p -> false)).isFalse();
        assertThat(FormRules.mayConfigure(true, p -> false)).isFalse();
    }

    @Test
    void aKnownBuildUrlIsValidAndABlankOneIsLeftToTheOtherFields() {
        assertThat(FormRules.checkUrl("https://gitlab.com/group/app/-/pipelines/4711", REGISTRY)).isEmpty();
        assertThat(FormRules.checkUrl("https://gitlab.com/group/app/-/jobs/8", REGISTRY)).isEmpty();
        assertThat(FormRules.checkUrl("  ", REGISTRY)).isEmpty();
        assertThat(FormRules.checkUrl(null, REGISTRY)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a url", "ftp://gitlab.com/g/p/-/jobs/8", "https://example.com/nothing/here",
            "https://gitlab.com/group/app/-/jobs/"})
    void badBuildUrlsGetAMessage(String url) {
        Optional<String> error = FormRules.checkUrl(url, REGISTRY);

        assertThat(error).isPresent();
        assertThat(error.get()).isNotBlank().doesNotContain("Exception");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://oauth2:" + SECRET + "@gitlab.example.com/g/p/-/jobs/x",
            "https://" + SECRET + "@unknown.example.com/some/path",
            "https://unknown.example.com/some/path?private_token=" + SECRET,
            "https://gitlab.com/g/p/-/jobs/nope?token=" + SECRET,
            "https://app.codeship.com/projects/1/builds/2?api_key=" + SECRET})
    void noSecretInAUrlEverReachesAValidationMessage(String url) {
        Optional<String> error = FormRules.checkUrl(url, REGISTRY);

        error.ifPresent(message -> assertThat(message).doesNotContain(SECRET));
    }

    @Test
    void numbersOutsideTheirRangeOrNotNumbersAreNamedWithTheRange() {
        assertThat(FormRules.checkNumber("0", "Attempts", 1, 10)).contains("Attempts must be from 1 to 10, not 0");
        assertThat(FormRules.checkNumber("11", "Attempts", 1, 10)).contains("Attempts must be from 1 to 10, not 11");
        assertThat(FormRules.checkNumber("two", "Attempts", 1, 10))
                .contains("Attempts must be a whole number from 1 to 10");
        assertThat(FormRules.checkNumber("1.5", "The timeout (minutes)", 0, 60))
                .contains("The timeout (minutes) must be a whole number from 0 to 60");
        assertThat(FormRules.checkNumber(" 3 ", "Attempts", 1, 10)).isEmpty();
        assertThat(FormRules.checkNumber("", "Attempts", 1, 10)).as("blank: the default").isEmpty();
    }

    @Test
    void backoffMustBeANumberFromOneToTen() {
        assertThat(FormRules.checkBackoff("1.5")).isEmpty();
        assertThat(FormRules.checkBackoff("0.5")).get().asString().contains("from 1 to 10");
        assertThat(FormRules.checkBackoff("11")).get().asString().contains("from 1 to 10");
        assertThat(FormRules.checkBackoff("fast")).contains("The backoff must be a number such as 2 or 1.5");
        assertThat(FormRules.checkBackoff(null)).isEmpty();
    }

    @Test
    void unknownModesAndAbortAndRetryChoicesListTheValidOnes() {
        assertThat(FormRules.checkMode("failed")).isEmpty();
        assertThat(FormRules.checkMode("JOB")).isEmpty();
        assertThat(FormRules.checkMode("")).as("blank: the provider's default").isEmpty();
        assertThat(FormRules.checkMode("sometimes")).get().asString().contains("sometimes").contains("all")
                .contains("failed").contains("job");
        assertThat(FormRules.checkOnAbort("cancel")).isEmpty();
        assertThat(FormRules.checkOnAbort("explode")).get().asString().contains("cancel").contains("leave");
        assertThat(FormRules.checkRetryOn("transient")).isEmpty();
        assertThat(FormRules.checkRetryOn("often")).isPresent();
    }

    @Test
    void credentialsChecksNameWhatIsWrongAndLetBlankAndParametersPass() {
        assertThat(FormRules.checkCredentials("", FormRules.CredentialsFound.NONE, true)).isEmpty();
        assertThat(FormRules.checkCredentials("${TOKEN_ID}", FormRules.CredentialsFound.NONE, false)).isEmpty();
        assertThat(FormRules.checkCredentials("gitlab", FormRules.CredentialsFound.USABLE, true)).isEmpty();
        assertThat(FormRules.checkCredentials("root", FormRules.CredentialsFound.SYSTEM_SCOPED, true))
                .hasValueSatisfying(m -> assertThat(m).contains("SYSTEM-scoped").contains("Global scope"));
        assertThat(FormRules.checkCredentials("ssh", FormRules.CredentialsFound.WRONG_KIND, false))
                .hasValueSatisfying(m -> assertThat(m).contains("Secret text"));
        assertThat(FormRules.checkCredentials("gone", FormRules.CredentialsFound.NONE, false))
                .hasValueSatisfying(m -> assertThat(m).contains("visible to this job"));
    }

    @Test
    void staticOptionListsNeedNoPermission() {
        // No Jenkins offline: a permission check would throw here (the stand-in Jenkins has no instance).
        assertThat(Forms.modes()).extracting(o -> o.value).containsExactly("", "failed", "all", "job", "replay");
        assertThat(Forms.retryOn()).extracting(o -> o.value).containsExactly("failure", "transient");
        assertThat(Forms.onAbort(io.jenkins.plugins.externalbuild.engine.RestartPolicy.OnAbort.LEAVE))
                .extracting(o -> o.value).containsExactly("leave", "cancel");
    }
}
