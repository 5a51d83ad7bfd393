package io.jenkins.plugins.externalbuild.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.externalbuild.cli.BadInputTable;
import io.jenkins.plugins.externalbuild.provider.BuildTarget;
import io.jenkins.plugins.externalbuild.provider.ProviderRegistry;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Jenkins side of {@code bad-inputs.tsv}: each {@code url} row through the steps' and builders' URL form check
 * ({@link FormRules#checkUrl}, behind every {@code doCheckUrl}), each {@code coord} row through the step's
 * resolution of provider/server/project/kind/id. Both must refuse with the message the CLI prints
 * ({@code BadInputCliTest}); neither can send anything (no connection exists at this point).
 */
class BadInputStepCheckTest {

    private final ProviderRegistry registry = ProviderRegistry.standard();

    static Stream<BadInputTable> urlRows() {
        return BadInputTable.rows().stream().filter(r -> r.front().equals("url"));
    }

    static Stream<BadInputTable> coordRows() {
        return BadInputTable.rows().stream().filter(r -> r.front().equals("coord"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("urlRows")
    void theUrlCheckRefusesWithTheSameMessage(BadInputTable row) {
        assertThat(FormRules.checkUrl(row.input(), registry)).as("form error").hasValueSatisfying(m ->
                assertThat(m).contains(row.message()).doesNotContain("\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("coordRows")
    void theStepRefusesTheCoordinatesWithTheSameMessage(BadInputTable row) {
        BuildTarget.Input input = new BuildTarget.Input(null, null, row.flag("provider"), row.flag("server"),
                row.flag("project"), row.flag("kind"), row.flag("id"), null);
        assertThatThrownBy(() -> BuildTarget.resolve(input, registry, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(row.message());
    }
}
