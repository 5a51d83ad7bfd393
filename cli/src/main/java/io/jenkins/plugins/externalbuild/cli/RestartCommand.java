package io.jenkins.plugins.externalbuild.cli;

import io.jenkins.plugins.externalbuild.engine.Attempt;
import io.jenkins.plugins.externalbuild.engine.BuildStatus;
import io.jenkins.plugins.externalbuild.engine.RestartMode;
import io.jenkins.plugins.externalbuild.engine.WaitPolicy;
import io.jenkins.plugins.externalbuild.engine.WaitState;
import io.jenkins.plugins.externalbuild.provider.ProviderException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
                + "Buildbot: a rebuild (mode all), followed through its new build request.")
final class RestartCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Mixin
    BuildOptions build;

    @Mixin
    WaitOptions waitOptions;

    @Option(names = "--mode", paramLabel = "MODE", description = "all, failed or job. Default: the provider's default "
            + "for the kind of build (GitLab: job for a job, failed for a pipeline).")
    String mode;

    @Option(names = "--wait", description = "Wait for the restarted build to end; exit code as for 'wait'.")
    boolean waitForIt;

    @Option(names = "--json", description = "Print one JSON object at the end instead of progress lines.")
    boolean json;

    @Override
    public Integer call() throws ProviderException, InterruptedException {
        Cli cli = main.cli;
        Output out = new Output(cli, json);
        RestartMode requested = mode == null ? null : RestartMode.parse(mode);
        BuildOptions.Target target = build.resolve(cli.registry(), cli);
        RestartMode chosen = target.provider().capabilities(target.ref())
                .choose(requested, target.provider().type().displayName(), target.ref().kind());
        Attempt first = Attempt.first(target.ref());
        BuildStatus before = target.provider().status(target.ref());
        out.statusLine(first, before);
        Attempt next = target.provider().restart(first, chosen);
        out.line("restarted (mode " + chosen.id() + "): attempt " + next.number() + " is " + next.ref().kind() + " "
                + next.ref().id() + "  " + next.ref().url());
        WaitPolicy policy = waitOptions.policy();
        Instant now = cli.providerContext().clock().instant();
        WaitState state = WaitState.start(first, List.of(), now, policy, Duration.ZERO)
                .observed(before, now)
                .restarted(next, now, policy.firstPoll());
        if (!waitForIt) {
            out.result(next, null, state.previousIds(), null, List.of(), "restarted");
            return ExitCode.OK;
        }
        return WaitCommand.finish(cli, out, target, Waiting.await(cli, target.provider(), state, policy, out), "restarted");
    }
}
