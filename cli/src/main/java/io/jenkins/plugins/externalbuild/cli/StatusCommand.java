package io.jenkins.plugins.externalbuild.cli;

import io.jenkins.plugins.externalbuild.engine.Attempt;
import io.jenkins.plugins.externalbuild.engine.BuildStatus;
import io.jenkins.plugins.externalbuild.provider.ProviderException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Read the build's status once. Exit code 0 whatever the status (see --json for it).")
final class StatusCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Mixin
    BuildOptions build;

    @Option(names = "--json", description = "Print one JSON object instead of a line.")
    boolean json;

    @Override
    public Integer call() throws ProviderException {
        Cli cli = main.cli;
        Output out = new Output(cli, json);
        BuildOptions.Target target = build.resolve(cli.registry(), cli);
        BuildStatus status = target.provider().status(target.ref());
        Attempt attempt = Attempt.first(target.ref());
        List<String> failed = status.state() == BuildStatus.State.FAILED ? target.provider().failedJobs(target.ref()) : List.of();
        out.statusLine(attempt, status);
        if (!failed.isEmpty()) {
            out.line("failed jobs: " + String.join(", ", failed));
        }
        out.result(attempt, status, List.of(), null, failed, null);
        return ExitCode.OK;
    }
}
