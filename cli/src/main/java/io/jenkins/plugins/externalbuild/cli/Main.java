package io.jenkins.plugins.externalbuild.cli;

import io.jenkins.plugins.externalbuild.engine.ClassifiedFailure;
import io.jenkins.plugins.externalbuild.engine.RateBudgets;
import io.jenkins.plugins.externalbuild.provider.ProviderContext;
import io.jenkins.plugins.externalbuild.provider.ProviderRegistry;
import io.jenkins.plugins.externalbuild.provider.ProxyChallenge;
import io.jenkins.plugins.externalbuild.provider.Redactor;
import io.jenkins.plugins.externalbuild.provider.Token;
import io.jenkins.plugins.externalbuild.provider.Version;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code extbuild}: restart builds on external CI systems and wait for them, from any shell. */
@Command(name = "extbuild", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = {"Restart builds on external CI systems and wait until they end.", "",
            "Credentials come from the environment (GitLab GITLAB_TOKEN; GitHub GITHUB_TOKEN or GH_TOKEN; Buildkite "
                + "BUILDKITE_TOKEN; CircleCI CIRCLECI_TOKEN or CIRCLE_TOKEN; Azure DevOps AZURE_DEVOPS_TOKEN or "
                + "AZURE_DEVOPS_EXT_PAT; Codeship CODESHIP_USERNAME and CODESHIP_PASSWORD for API v2, or CODESHIP_API_KEY "
                + "for API v1; AWS CodeBuild the AWS standard variables, profile or role; Buildbot, only if the master "
                + "needs a login, BUILDBOT_USER and BUILDBOT_PASSWORD) or --token-file, never from a flag value."},
        subcommands = {StatusCommand.class, RestartCommand.class, WaitCommand.class, CancelCommand.class,
            io.jenkins.plugins.externalbuild.cli.bench.BenchCommand.class,
            CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
            " 0:the build succeeded, or the command did what it was asked",
            " 1:the build failed, was canceled or skipped, or waits for a manual action",
            " 2:bad input (unparseable build URL, unknown option, unsupported restart mode)",
            " 3:the wait timed out, or the build stayed queued longer than --max-queued",
            " 4:authentication or permission refused",
            " 5:the build or project was not found",
            " 6:provider or network error after retries, or the provider refused the restart"},
        footer = {"%nExamples:",
            "  export GITLAB_TOKEN=...",
            "  extbuild status  https://gitlab.example.com/group/app/-/jobs/8",
            "  extbuild restart https://gitlab.example.com/group/app/-/pipelines/4711 --mode failed --wait --timeout 45m",
            "  extbuild wait    https://gitlab.example.com/group/app/-/pipelines/4711 --json"})
public final class Main implements Runnable {

    @Spec
    CommandLine.Model.CommandSpec spec;

    final Cli cli;

    Main(Cli cli) {
        this.cli = cli;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: status, restart, wait or cancel");
    }

    public static void main(String[] args) {
        Logger.getLogger("").setLevel(Level.WARNING);
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        Map<String, String> env = System.getenv();
        ProviderContext context = ProviderContext.defaults(RateBudgets.sharedFile(budgetFile(env)));
        int code = run(new Cli(env, out, err, context, ProviderRegistry.standard()), args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * The file through which the processes of this machine share their rate budgets (one per provider account, no
     * secret in it): {@code $XDG_CACHE_HOME/extbuild/rate-budgets}, else {@code ~/.cache/extbuild/rate-budgets}.
     */
    static Path budgetFile(Map<String, String> env) {
        String xdg = env.get("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".cache");
        return cache.resolve("extbuild").resolve("rate-budgets");
    }

    /** Runs one command line; returns the exit code. */
    static int run(Cli cli, String... args) {
        CommandLine cl = new CommandLine(new Main(cli));
        cl.setOut(cli.out());
        cl.setErr(cli.err());
        cl.setParameterExceptionHandler((e, args1) -> {
            // One line, no usage dump: what was wrong, and where the help is.
            CommandLine c = e.getCommandLine();
            String message = e.getMessage().replaceAll("\\b(?:java|javax|picocli)\\.[\\w.$]+(?:Exception|Error): ?", "");
            c.getErr().println("extbuild: " + redactorFor(cli).redact(message) + " (see '"
                    + c.getCommandSpec().qualifiedName() + " --help')");
            c.getErr().flush();
            return ExitCode.BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            int code;
            if (e instanceof IllegalArgumentException) {
                code = ExitCode.BAD_INPUT;
            } else if (e instanceof ClassifiedFailure c) {
                code = ExitCode.of(c.kind());
            } else {
                code = ExitCode.PROVIDER_ERROR;
            }
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            commandLine.getErr().println("extbuild: " + redactorFor(cli).redact(message));
            commandLine.getErr().flush();
            return code;
        });
        return cl.execute(args);
    }

    /**
     * Scrubs every secret out of error text, whatever produced it: the credentials the command read (any source:
     * environment, --token-file), every token variable of the environment, and the proxy password.
     */
    private static Redactor redactorFor(Cli cli) {
        List<Token> tokens = new ArrayList<>(cli.secrets());
        List<List<String>> variables = new ArrayList<>(Credentials.TOKEN_VARIABLES.values());
        variables.add(Credentials.AWS_SECRET_VARIABLES);
        for (List<String> names : variables) {
            for (String name : names) {
                addLines(tokens, cli.env().get(name));
            }
        }
        tokens.addAll(ProxyChallenge.systemSecrets());
        return Redactor.of(tokens);
    }

    /** A value, or each of its lines when it has control characters (refused as a token, still never printed). */
    private static void addLines(List<Token> tokens, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        for (String part : value.split("[\\p{Cntrl}\\u0080-\\u009f]+")) {
            if (!part.isBlank()) {
                tokens.add(Token.of(part));
            }
        }
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"extbuild " + Version.get()};
        }
    }
}
