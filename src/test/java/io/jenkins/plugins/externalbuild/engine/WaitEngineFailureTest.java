package io.jenkins.plugins.externalbuild.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.externalbuild.engine.WaitOutcome.Result;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Failed polls and answers the engine cannot use: Retry-After, the error budget, failures that end the wait at
 * once, builds that are not found, and unknown statuses.
 */
class WaitEngineFailureTest extends WaitEngineHarness {

    @Test
    void aRetryAfterMakesTheNextPollWaitAtLeastThatLong() {
        Duration retryAfter = Duration.ofSeconds(45);
        ScriptedReader reader = script(RUNNING,
                new ClassifiedException(FailureKind.RATE_LIMITED, "429 Too Many Requests", retryAfter),
                RUNNING, SUCCESS);

        WaitOutcome outcome = runToEnd(reader);

        assertThat(outcome.result()).isEqualTo(Result.SUCCEEDED);
        assertThat(gaps(reader.polls).get(1)).isGreaterThanOrEqualTo(retryAfter);
        assertThat(listener.failures).containsExactly(
                new PollFailure(FailureKind.RATE_LIMITED, "429 Too Many Requests", retryAfter));
    }

    @Test
    void aShortRetryAfterDoesNotShortenTheBackoff() {
        ScriptedReader reader = script(RUNNING, RUNNING, RUNNING,
                new ClassifiedException(FailureKind.RATE_LIMITED, "429", Duration.ofMillis(100)), SUCCESS);

        runToEnd(reader);

        assertThat(gaps(reader.polls)).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(4), Duration.ofSeconds(8));
    }

    @Test
    void failuresWithinTheBudgetAreRetriedAndASuccessfulPollResetsTheCount() {
        ClassifiedException transientFailure = new ClassifiedException(FailureKind.TRANSIENT, "502 Bad Gateway");
        ScriptedReader reader = script(transientFailure, transientFailure, transientFailure, RUNNING,
                transientFailure, transientFailure, transientFailure, SUCCESS);

        WaitOutcome outcome = runToEnd(reader);

        assertThat(outcome.result()).isEqualTo(Result.SUCCEEDED);
        assertThat(listener.failures).hasSize(6).allMatch(f -> f.kind() == FailureKind.TRANSIENT);
    }

    @Test
    void oneFailureMoreThanMaxErrorsInARowEndsTheWaitWithError() {
        ClassifiedException badGateway = new ClassifiedException(FailureKind.TRANSIENT, "502 Bad Gateway");
        ScriptedReader reader = script(RUNNING, badGateway, badGateway, badGateway, badGateway);

        WaitOutcome outcome = runToEnd(reader);

        assertThat(outcome.result()).isEqualTo(Result.ERROR);
        assertThat(outcome.failure()).isEqualTo(FailureKind.TRANSIENT);
        assertThat(outcome.message()).isEqualTo("gave up after 4 failed polls in a row: 502 Bad Gateway");
        assertThat(listener.failures).as("the last failure ends the wait instead").hasSize(3);
        assertThat(reader.count()).isEqualTo(5);
    }

    @Test
    void maxErrorsZeroEndsTheWaitAtTheFirstFailure() {
        policy = new WaitPolicy(Duration.ofSeconds(1), Duration.ofSeconds(8), 2.0, 0.0, Duration.ofMinutes(1), 0, 3,
                true);

        WaitOutcome outcome = runToEnd(script(new ClassifiedException(FailureKind.TRANSIENT, "reset")));

        assertThat(outcome.result()).isEqualTo(Result.ERROR);
        assertThat(listener.failures).isEmpty();
    }

    @Test
    void aRequestRefusedAsBadInputEndsTheWaitAtOnceWithItsMessage() {
        // CleartextGuard refuses credentials over plain http so: the same poll would be refused again.
        ScriptedReader reader = forever(new IllegalArgumentException("Refusing to send credentials over plain http"));

        WaitOutcome outcome = runToEnd(reader);

        assertThat(outcome.result()).isEqualTo(Result.ERROR);
        assertThat(outcome.failure()).isEqualTo(FailureKind.BAD_INPUT);
        assertThat(outcome.message()).isEqualTo("Refusing to send credentials over plain http");
        assertThat(reader.count()).isEqualTo(1);
        assertThat(listener.failures).isEmpty();
    }

    @Test
    void anUnclassifiedExceptionIsTransientAndNamedByItsClassWhenItHasNoMessage() {
        ScriptedReader reader = script(new java.io.IOException(), new IllegalStateException("boom"),
                new NoClassDefFoundError("okhttp3/Foo"), SUCCESS);

        WaitOutcome outcome = runToEnd(reader);

        assertThat(outcome.result()).isEqualTo(Result.SUCCEEDED);
        assertThat(listener.failures).extracting(PollFailure::message)
                .containsExactly("IOException", "boom", "okhttp3/Foo");
        assertThat(listener.failures).extracting(PollFailure::kind).containsOnly(FailureKind.TRANSIENT);
    }

    @Test
    void refusedCredentialsEndTheWaitAtOnce() {
        ScriptedReader reader = script(new ClassifiedException(FailureKind.AUTH, "401 Unauthorized: check the token"));

        WaitOutcome outcome = runToEnd(reader);

        assertThat(outcome.result()).isEqualTo(Result.ERROR);
        assertThat(outcome.failure()).isEqualTo(FailureKind.AUTH);
        assertThat(outcome.message()).isEqualTo("401 Unauthorized: check the token");
        assertThat(reader.count()).isEqualTo(1);
        assertThat(listener.failures).isEmpty();
    }

    @Test
    void aBuildNotFoundFromTheStartEndsTheWaitWithTheProvidersMessage() {
        WaitOutcome outcome = runToEnd(script(new ClassifiedException(FailureKind.NOT_FOUND, "404 job 8 not found")));

        assertThat(outcome.result()).isEqualTo(Result.ERROR);
        assertThat(outcome.failure()).isEqualTo(FailureKind.NOT_FOUND);
        assertThat(outcome.message()).isEqualTo("404 job 8 not found");
    }

    @Test
    void aBuildThatIsNotFoundAfterItWasSeenHasDisappeared() {
        ScriptedReader reader = script(QUEUED, RUNNING, new ClassifiedException(FailureKind.NOT_FOUND, "404"));

        WaitOutcome outcome = runToEnd(reader);

        assertThat(outcome.result()).isEqualTo(Result.ERROR);
        assertThat(outcome.failure()).isEqualTo(FailureKind.NOT_FOUND);
        assertThat(outcome.message()).contains("disappeared").contains(REF.url()).contains("404");
        assertThat(reader.count()).isEqualTo(3);
    }

    @Test
    void aBuildNotFoundAfterAFailedPollThatFollowedASightingHasDisappearedToo() {
        WaitOutcome outcome = runToEnd(script(RUNNING, new ClassifiedException(FailureKind.TRANSIENT, "503"),
                new ClassifiedException(FailureKind.NOT_FOUND, "404")));

        assertThat(outcome.message()).contains("disappeared");
    }

    @Test
    void maxUnknownStatusesInARowEndTheWaitWithError() {
        ScriptedReader reader = script(RUNNING, UNKNOWN, UNKNOWN, UNKNOWN);

        WaitOutcome outcome = runToEnd(reader);

        assertThat(outcome.result()).isEqualTo(Result.ERROR);
        assertThat(outcome.failure()).isEqualTo(FailureKind.BAD_RESPONSE);
        assertThat(outcome.message()).isEqualTo(REF.url() + " reported an unknown status 'preparing_magic' 3 times in a row");
        assertThat(listener.changes).hasSize(2);
    }

    @Test
    void aKnownStatusBetweenUnknownsResetsTheCount() {
        WaitOutcome outcome = runToEnd(script(UNKNOWN, UNKNOWN, RUNNING, UNKNOWN, UNKNOWN, SUCCESS));

        assertThat(outcome.result()).isEqualTo(Result.SUCCEEDED);
    }
}
