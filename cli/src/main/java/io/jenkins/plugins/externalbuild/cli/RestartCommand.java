package io.jenkins.plugins.externalbuild.cli;

import io.jenkins.plugins.externalbuild.engine.RestartMode;
import io.jenkins.plugins.externalbuild.engine.RestartOutcome;
import io.jenkins.plugins.externalbuild.engine.RestartPolicy;
import io.jenkins.plugins.externalbuild.engine.RestartState;
import io.jenkins.plugins.externalbuild.engine.WaitPolicy;
import io.jenkins.plugins.externalbuild.engine.WaitState;
import io.jenkins.plugins.externalbuild.provider.ProviderException;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "restart", mixinStandardHelpOptions = true,
        description = "Restart the build (optionally wait for the new attempt). "
                + "GitLab: a job is retried as a new job (mode job); a pipeline retries its failed jobs "
                + "(mode failed, same pipeline) or runs anew for its branch (mode all, new pipeline). "
                + "Codeship: the whole build again (mode all); Basic keeps the build id, Pro creates a new build; "
                + "with --branch, the latest build of the branch. "
                + "Buildbot: a rebuild (mode all), followed through its new build request. "
                + "Jenkins: a new build with the same parameters (mode all) or a Pipeline replay with the same script "
                + "(mode replay), followed through its queue item to its new number.")
final class RestartCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Mixin
    BuildOptions build;

    @Mixin
    WaitOptions waitOptions;

    @Option(names = "--mode", paramLabel = "MODE", description = "all, failed, job or replay. Default: the provider's default "
            + "for the kind of build (GitLab: job for a job, failed for a pipeline).")
    String mode;

    @Option(names = "--wait", description = "Wait for the restarted build to end; exit code as for 'wait'.")
    boolean waitForIt;

    @Option(names = "--attempts", paramLabel = "N", description = "With --wait: restart at most N times while the "
            + "restarted build keeps failing (1-20). Default: 1.")
    int attempts = 1;

    @Option(names = "--delay", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Pause before the second restart (90s, 2m; a bare number is minutes); each further pause is "
                    + "multiplied by --backoff; at most 60m. Default: none.")
    Duration delay = Duration.ZERO;

    @Option(names = "--backoff", paramLabel = "FACTOR", description = "Multiplier of --delay between restarts, 1-10. "
            + "Default: 1.")
    double backoff = 1.0;

    @Option(names = "--retry-on", paramLabel = "WHAT", description = "failure: restart again after any failure; "
            + "transient: only after failures the provider classifies as transient (GitLab: runner or system "
            + "failures). Default: failure.")
    String retryOn = "failure";

    @Option(names = "--json", description = "Print one JSON object at the end instead of progress lines.")
    boolean json;

    @Override
    public Integer call() throws ProviderException, InterruptedException {
        Cli cli = main.cli;
        Output out = new Output(cli, json);
        OptionRanges.check("--attempts", attempts, OptionRanges.MIN_ATTEMPTS, OptionRanges.MAX_ATTEMPTS);
        OptionRanges.check("--delay", delay, OptionRanges.MAX_DELAY);
        OptionRanges.check("--backoff", backoff, OptionRanges.MIN_BACKOFF, OptionRanges.MAX_BACKOFF);
        WaitPolicy policy = waitOptions.policy();
        RestartMode requested = mode == null ? null : RestartMode.parse(mode);
        if (attempts > 1 && !waitForIt) {
            throw new IllegalArgumentException("--attempts needs --wait: a build can only be restarted again once it failed");
        }
        RestartPolicy restart = new RestartPolicy(requested, attempts, delay, backoff, RestartPolicy.RetryOn.parse(retryOn),
                waitForIt, RestartPolicy.OnAbort.LEAVE);
        BuildOptions.Target target = build.resolve(cli.registry(), cli);
        RestartMode chosen = target.provider().capabilities(target.ref())
                .choose(requested, target.provider().type().displayName(), target.ref().kind());
        restart = new RestartPolicy(chosen, restart.attempts(), restart.delay(), restart.backoff(), restart.retryOn(),
                restart.waitForEnd(), restart.onAbort());
        RestartState state = RestartState.forRestart(target.ref(), cli.providerContext().clock().instant(), policy);
        RestartOutcome outcome = Waiting.restart(cli, target.provider(), state, restart, policy, out);
        WaitState s = outcome.state().waitState();
        if (outcome.result() == RestartOutcome.Result.ERROR) {
            cli.err().println("extbuild: " + outcome.message());
            cli.err().flush();
        } else if (outcome.result() != RestartOutcome.Result.RESTARTED) {
            out.line(outcome.result().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ": " + outcome.message());
        }
        if (!outcome.failedJobs().isEmpty()) {
            out.line("failed jobs: " + String.join(", ", outcome.failedJobs()));
        }
        boolean ended = outcome.result() != RestartOutcome.Result.RESTARTED;
        out.result(s.currentAttempt(), s.status(), s.previousIds(), ended ? outcome.result().name() : null,
                outcome.message(), s.previous(), outcome.failedJobs(), "restarted");
        return ExitCode.of(outcome);
    }
}
