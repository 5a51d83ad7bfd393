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

@Command(name = "cancel", mixinStandardHelpOptions = true,
        description = "Ask the provider to cancel the build, then report its status. Exit code 0 when the request was accepted.")
final class CancelCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Mixin
    BuildOptions build;

    @Option(names = "--json", description = "Print one JSON object instead of lines.")
    boolean json;

    @Override
    public Integer call() throws ProviderException {
        Cli cli = main.cli;
        Output out = new Output(cli, json);
        BuildOptions.Target target = build.resolve(cli.registry(), cli);
        target.provider().cancel(target.ref());
        out.line("cancel requested: " + target.ref().describe() + "  " + target.ref().url());
        BuildStatus status = target.provider().status(target.ref());
        Attempt attempt = Attempt.first(target.ref());
        out.statusLine(attempt, status);
        out.result(attempt, status, List.of(), null, List.of(), "cancel-requested");
        return ExitCode.OK;
    }
}
