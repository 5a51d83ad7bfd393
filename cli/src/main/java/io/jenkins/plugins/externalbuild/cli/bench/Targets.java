package io.jenkins.plugins.externalbuild.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads one cell (a scenario and N, every policy) against issue 11's targets and marks the rows: on ours, the
 * ratio of its p95 to the reference that knows what ours knows, and every target it misses; on an anchor, that it
 * stays within the limit and beats ours on both requests and p95 latency.
 */
final class Targets {

    private Targets() {
    }

    static List<Result> mark(Scenario scenario, List<Result> cell) {
        Result ours = cell.stream().filter(Result::ours).findFirst().orElseThrow();
        Result blind = find(cell, "reference, even spread without hints");
        Result hinted = find(cell, "reference, even spread with hints");
        Result knows = scenario.behaviour().hinted && hinted != null ? hinted : blind;
        List<Result> out = new ArrayList<>();
        List<String> beatenBy = new ArrayList<>();
        for (Result r : cell) {
            if (r.ours() || r.reference()) {
                continue;
            }
            boolean within = r.rejected() == 0 && r.detected() == r.n();
            boolean beats = within && r.requests() < ours.requests() && r.p95Seconds() < ours.p95Seconds();
            if (beats) {
                beatenBy.add(r.policy().replaceAll(" \\(.*", ""));
            }
            out.add(r.withMarks(within ? (beats ? "within limit; BEATS OURS" : "within limit") : ""));
        }
        for (Result r : cell) {
            if (r.reference()) {
                out.add(r.withMarks(r == knows ? "knows what ours knows" : ""));
            }
        }
        List<String> m = new ArrayList<>();
        double ratio = ours.p95Seconds() / knows.p95Seconds();
        m.add(String.format(Locale.ROOT, "p95 %.2fx ref", ratio));
        if (ours.n() >= 1_000 && ratio > 1.15) {
            m.add("MISS p95 > 1.15x ref");
        }
        if (ours.maxSeconds() > 2 * blind.maxSeconds()) {
            m.add("MISS max > 2x blind ref");
        }
        if (ours.detected() < ours.n()) {
            m.add("MISS " + (ours.n() - ours.detected()) + " not noticed");
        }
        if (ours.rejected() > 0) {
            m.add((scenario.provider().equals("codeship") || scenario.provider().equals("codebuild") ? "silent limit: "
                    : "MISS ") + ours.rejected() + " rejected");
        }
        if (scenario.provider().equals("codebuild") && ours.n() >= 10_000 && !(ours.p95Seconds() < 120)) {
            m.add("MISS batched p95 >= 120 s");
        }
        if (!beatenBy.isEmpty()) {
            m.add("LOSS: beaten by " + String.join(", ", beatenBy));
        }
        out.add(ours.withMarks(String.join("; ", m)));
        return out;
    }

    private static Result find(List<Result> cell, String policy) {
        return cell.stream().filter(r -> r.policy().equals(policy)).findFirst().orElse(null);
    }
}
