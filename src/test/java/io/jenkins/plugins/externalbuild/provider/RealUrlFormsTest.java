package io.jenkins.plugins.externalbuild.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.externalbuild.engine.BuildRef;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The other side of bad-inputs.tsv: what a browser's address bar really shows on each provider's build pages
 * (tabs, logs, artifacts, a query, a fragment) is still accepted by the strict parsers, naming the same build.
 * Pages checked against the providers' routes (GitLab config/routes/pipelines.rb and Projects::JobsController) and
 * their documented web URLs.
 */
class RealUrlFormsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            https://gitlab.example.com/g/p/-/jobs/8                                          | gitlab    | job      | 8
            https://gitlab.example.com/g/p/-/jobs/8/                                         | gitlab    | job      | 8
            https://gitlab.example.com/g/p/-/jobs/8/raw                                      | gitlab    | job      | 8
            https://gitlab.example.com/g/p/-/jobs/8/viewer                                   | gitlab    | job      | 8
            https://gitlab.example.com/g/p/-/jobs/8/artifacts/browse/coverage                | gitlab    | job      | 8
            https://gitlab.example.com/g/p/-/jobs/8/artifacts/file/report.xml                | gitlab    | job      | 8
            https://gitlab.example.com/g/sub/p/-/jobs/9223372036854775807                     | gitlab    | job      | 9223372036854775807
            https://gitlab.example.com/g/p/-/pipelines/4711/builds                           | gitlab    | pipeline | 4711
            https://gitlab.example.com/g/p/-/pipelines/4711/failures                         | gitlab    | pipeline | 4711
            https://gitlab.example.com/g/p/-/pipelines/4711/test_report                      | gitlab    | pipeline | 4711
            https://gitlab.example.com/g/p/-/pipelines/4711/tests/rspec                      | gitlab    | pipeline | 4711
            https://gitlab.example.com/g/p/-/pipelines/4711/dag                              | gitlab    | pipeline | 4711
            https://gitlab.example.com/g/p/builds/8                                          | gitlab    | job      | 8
            https://github.com/o/r/actions/runs/30433642                                     | github    | run      | 30433642
            https://github.com/o/r/actions/runs/30433642?pr=12                               | github    | run      | 30433642
            https://github.com/o/r/actions/runs/30433642/attempts/2                          | github    | run      | 30433642
            https://github.com/o/r/actions/runs/30433642/job/83839239#step:4:12              | github    | job      | 83839239
            https://github.com/o/r/actions/runs/30433642/workflow                            | github    | run      | 30433642
            https://github.com/o/r/actions/runs/30433642/usage                               | github    | run      | 30433642
            https://ghe.example.com/o/r.js/actions/runs/7/                                   | github    | run      | 7
            https://buildkite.com/org/pipe/builds/12                                         | buildkite | build    | 12
            https://buildkite.com/org/pipe/builds/12#0190b5d2-3f5e-4f7a-9c1e-2a3b4c5d6e7f    | buildkite | build    | 12
            https://buildkite.com/org/pipe/builds/12/steps/canvas?sid=0190b5d2               | buildkite | build    | 12
            https://buildkite.com/org/pipe/builds/12/summary/annotations                      | buildkite | build    | 12
            https://app.circleci.com/pipelines/github/o/r/12/workflows/5034460f-c7c4-4c43-9457-de07e2029e7b | circleci | workflow | 5034460f-c7c4-4c43-9457-de07e2029e7b
            https://app.circleci.com/pipelines/github/o/r/12/workflows/5034460f-c7c4-4c43-9457-de07e2029e7b/jobs/5 | circleci | workflow | 5034460f-c7c4-4c43-9457-de07e2029e7b
            https://app.circleci.com/pipelines/github/o/r/12/workflows/5034460f-c7c4-4c43-9457-de07e2029e7b/jobs/5/parallel-runs/0/steps/0-102 | circleci | workflow | 5034460f-c7c4-4c43-9457-de07e2029e7b
            https://app.circleci.com/pipelines/github/o/r/12/workflows/5034460f-c7c4-4c43-9457-de07e2029e7b/jobs/5/tests | circleci | workflow | 5034460f-c7c4-4c43-9457-de07e2029e7b
            https://dev.azure.com/org/proj/_build/results?buildId=5                          | azure     | build    | 5
            https://dev.azure.com/org/proj/_build/results?buildId=5&view=logs&j=12f1170f     | azure     | build    | 5
            https://org.visualstudio.com/proj/_build/results?view=results&buildId=7          | azure     | build    | 7
            https://app.codeship.com/projects/123/builds/456                                 | codeship  | build    | 456
            https://app.codeship.com/projects/1a2b3c4d-0000-4000-8000-00000000b001/builds/2b3c4d5e-1111-4111-8111-000000000001/steps | codeship | build | 2b3c4d5e-1111-4111-8111-000000000001
            https://us-east-1.console.aws.amazon.com/codesuite/codebuild/projects/p/build/p%3A5034460f-c7c4-4c43-9457-de07e2029e7b/?region=us-east-1 | codebuild | build | p:5034460f-c7c4-4c43-9457-de07e2029e7b
            https://us-east-1.console.aws.amazon.com/codesuite/codebuild/projects/p/build/p%3A5034460f-c7c4-4c43-9457-de07e2029e7b/log?region=us-east-1 | codebuild | build | p:5034460f-c7c4-4c43-9457-de07e2029e7b
            http://buildbot.example.com:8010/#/builders/1/builds/5                          | buildbot  | build    | 5
            http://buildbot.example.com:8010/#/builders/1/builds/0                          | buildbot  | build    | 0
            http://buildbot.example.com:8010/#/builders/1/builds/5/steps/2/logs/stdio       | buildbot  | build    | 5
            http://buildbot.example.com:8010/#/buildrequests/57                             | buildbot  | buildrequest | 57
            http://buildbot.example.com:8010/api/v2/builds/41/steps                         | buildbot  | build    | 41
            http://buildbot.example.com:8010/api/v2/buildrequests/57/builds                 | buildbot  | buildrequest | 57
            """)
    void aRealAddressBarUrlIsAccepted(String url, String provider, String kind, String id) {
        BuildRef ref = ProviderRegistry.standard().parse(url);

        assertThat(ref.provider()).isEqualTo(provider);
        assertThat(ref.kind()).isEqualTo(kind);
        assertThat(ref.id()).isEqualTo(id);
    }
}
