package io.jenkins.plugins.externalbuild.cli;

import io.jenkins.plugins.externalbuild.engine.Attempt;
import io.jenkins.plugins.externalbuild.engine.WaitOutcome;
import io.jenkins.plugins.externalbuild.engine.WaitPolicy;
import io.jenkins.plugins.externalbuild.engine.WaitState;
import io.jenkins.plugins.externalbuild.provider.ProviderException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "wait", mixinStandardHelpOptions = true,
        description = "Wait until the build ends; print a line each time its status changes. "
                + "Exit code 0 if it succeeded, 1 if not, 3 on timeout.")
final class WaitCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Mixin
    BuildOptions build;

    @Mixin
    WaitOptions waitOptions;

    @Option(names = "--json", description = "Print one JSON object at the end instead of progress lines.")
    boolean json;

    @Override
    public Integer call() throws ProviderException, InterruptedException {
        Cli cli = main.cli;
        Output out = new Output(cli, json);
        WaitPolicy policy = waitOptions.policy(); // checks the options' ranges before anything is sent
        BuildOptions.Target target = build.resolve(cli.registry(), cli);
        WaitState state = WaitState.start(Attempt.first(target.ref()), List.of(), cli.providerContext().clock().instant(),
                policy, Duration.ZERO);
        return finish(cli, out, target, Waiting.await(cli, target.provider(), state, policy, out), null);
    }

    static int finish(Cli cli, Output out, BuildOptions.Target target, WaitOutcome outcome, String action)
            throws ProviderException {
        WaitState s = outcome.state();
        List<String> failed = outcome.result() == WaitOutcome.Result.FAILED
                ? target.provider().failedJobs(s.ref()) : List.of();
        if (outcome.result() == WaitOutcome.Result.ERROR) {
            cli.err().println("extbuild: " + outcome.message());
            cli.err().flush();
        } else {
            out.line(outcome.result().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ": " + outcome.message());
        }
        if (!failed.isEmpty()) {
            out.line("failed jobs: " + String.join(", ", failed));
        }
        out.result(s.currentAttempt(), s.status(), s.previousIds(), outcome, failed, action);
        return ExitCode.of(outcome);
    }
}
