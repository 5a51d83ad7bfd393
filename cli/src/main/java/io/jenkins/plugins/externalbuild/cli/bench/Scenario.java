package io.jenkins.plugins.externalbuild.cli.bench;

import java.util.List;

/**
 * One benchmark workload: how the builds behave, which provider serves them, and its limit on the account
 * ({@code limit} requests per {@code windowMillis}, of which another client spends {@code otherShare}).
 */
record Scenario(String name, Workload.Behaviour behaviour, String provider, int limit, long windowMillis,
                double otherShare, boolean restart) {

    Scenario(String name, Workload.Behaviour behaviour, String provider, int limit, long windowMillis, double otherShare) {
        this(name, behaviour, provider, limit, windowMillis, otherShare, false);
    }

    static final long HOUR = 3_600_000L;
    static final long MINUTE = 60_000L;

    static List<Scenario> all() {
        return List.of(
                new Scenario("today, GitHub 5000/h (403)", Workload.Behaviour.TODAY, "github", 5000, HOUR, 0),
                new Scenario("today, GitLab 5000/h (429)", Workload.Behaviour.TODAY, "gitlab", 5000, HOUR, 0),
                new Scenario("failures 5-60% in, GitHub", Workload.Behaviour.EARLY_FAILURES, "github", 5000, HOUR, 0),
                new Scenario("sigma 0.3, GitHub", Workload.Behaviour.SIGMA_03, "github", 5000, HOUR, 0),
                new Scenario("no previous duration, GitHub", Workload.Behaviour.NO_HINT, "github", 5000, HOUR, 0),
                new Scenario("second client spends half, GitHub", Workload.Behaviour.TODAY, "github", 5000, HOUR, 0.5),
                new Scenario("today, Codeship 60/min silent (403)", Workload.Behaviour.TODAY, "codeship", 60, MINUTE, 0),
                new Scenario("silent limit 30/min below the 60 configured, Codeship", Workload.Behaviour.TODAY, "codeship",
                        30, MINUTE, 0),
                new Scenario("today, CodeBuild batched 120/min (ThrottlingException)", Workload.Behaviour.TODAY,
                        "codebuild", 120, MINUTE, 0),
                new Scenario("restart, then wait: GitLab 5000/h (429)", Workload.Behaviour.NO_HINT, "gitlab", 5000, HOUR, 0,
                        true));
    }

    SimulatedProvider server(long t0) {
        Limiter limiter = new Limiter(limit, windowMillis, otherShare);
        SimulatedProvider server = switch (provider) {
            case "github" -> new SimGitHub(limiter, t0);
            case "gitlab" -> new SimGitLab(limiter, t0);
            case "codeship" -> new SimCodeship(limiter, t0);
            case "codebuild" -> new SimCodeBuild(limiter, t0);
            default -> throw new IllegalArgumentException("no simulated provider " + provider);
        };
        if (restart) {
            server.failedUntilRestarted();
        }
        return server;
    }
}
