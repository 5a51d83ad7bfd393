package io.jenkins.plugins.externalbuild;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Only the {@code jenkins/} package may use Jenkins (DESIGN, Layout: "the ONLY place that imports Jenkins"):
 * the engine, the providers and the CLI must build and run without it.
 */
class ArchitectureTest {

    /** Where the Jenkins-facing code lives, relative to a source root. */
    static final Path JENKINS_PACKAGE = Paths.get("io", "jenkins", "plugins", "externalbuild", "jenkins");

    static final Pattern FORBIDDEN_IMPORT = Pattern.compile(
            "^\\s*import\\s+(?:static\\s+)?((?:hudson|jenkins|org\\.jenkinsci|org\\.kohsuke\\.stapler|com\\.cloudbees)\\.[\\w.*]+)\\s*;");

    /** The result of a scan: how many files were read and every forbidden import, as {@code file:line: name}. */
    record Scan(int files, List<String> violations) {
    }

    static Scan scan(Path projectRoot) {
        List<String> violations = new ArrayList<>();
        int files = 0;
        for (Path sourceRoot : List.of(projectRoot.resolve("src/main/java"), projectRoot.resolve("cli/src/main/java"))) {
            if (!Files.isDirectory(sourceRoot)) {
                continue;
            }
            for (Path file : javaFiles(sourceRoot)) {
                Path relative = sourceRoot.relativize(file);
                if (relative.startsWith(JENKINS_PACKAGE)) {
                    continue;
                }
                files++;
                violations.addAll(forbiddenImports(projectRoot.relativize(file), file));
            }
        }
        return new Scan(files, violations);
    }

    private static List<Path> javaFiles(Path sourceRoot) {
        try (Stream<Path> walk = Files.walk(sourceRoot)) {
            return walk.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> forbiddenImports(Path name, Path file) {
        List<String> found = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = FORBIDDEN_IMPORT.matcher(lines.get(i));
            if (m.find()) {
                found.add(name + ":" + (i + 1) + ": " + m.group(1));
            }
        }
        return found;
    }

    /** The project root: from surefire's {@code extbuild.sourceRoot}, else the nearest parent that has the sources. */
    static Path projectRoot() {
        String configured = System.getProperty("extbuild.sourceRoot");
        if (configured != null && !configured.isBlank()) {
            return Paths.get(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("src/main/java/io/jenkins/plugins/externalbuild"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the project's src/main/java above " + Paths.get("").toAbsolutePath());
    }

    @Test
    void nothingOutsideTheJenkinsPackageImportsJenkins() {
        Path root = projectRoot();

        Scan scan = scan(root);

        assertThat(scan.violations()).as("Jenkins imports outside %s under %s", JENKINS_PACKAGE, root).isEmpty();
        assertThat(scan.files()).as("files scanned under %s", root).isGreaterThan(10);
    }

    @Test
    void theScannerFindsAForbiddenImportSoThatTheRuleCannotPassVacuously(@TempDir Path root) throws IOException {
        write(root, "src/main/java/io/jenkins/plugins/externalbuild/engine/Bad.java",
                "package io.jenkins.plugins.externalbuild.engine;",
                "",
                "import java.util.List;",
                "import hudson.model.Run;",
                "class Bad {}");
        write(root, "src/main/java/io/jenkins/plugins/externalbuild/provider/AlsoBad.java",
                "package io.jenkins.plugins.externalbuild.provider;",
                "import static jenkins.model.Jenkins.get;",
                "  import org.kohsuke.stapler.DataBoundConstructor;",
                "import org.jenkinsci.plugins.workflow.steps.Step;",
                "import com.cloudbees.plugins.credentials.*;",
                "class AlsoBad {}");
        write(root, "cli/src/main/java/io/jenkins/plugins/externalbuild/cli/Main.java",
                "package io.jenkins.plugins.externalbuild.cli;",
                "import hudson.Util;",
                "class Main {}");

        Scan scan = scan(root);

        assertThat(scan.files()).isEqualTo(3);
        assertThat(scan.violations()).containsExactlyInAnyOrder(
                "cli/src/main/java/io/jenkins/plugins/externalbuild/cli/Main.java:2: hudson.Util".replace('/', sep()),
                "src/main/java/io/jenkins/plugins/externalbuild/engine/Bad.java:4: hudson.model.Run".replace('/', sep()),
                ("src/main/java/io/jenkins/plugins/externalbuild/provider/AlsoBad.java:2: jenkins.model.Jenkins.get")
                        .replace('/', sep()),
                ("src/main/java/io/jenkins/plugins/externalbuild/provider/AlsoBad.java:3: "
                        + "org.kohsuke.stapler.DataBoundConstructor").replace('/', sep()),
                ("src/main/java/io/jenkins/plugins/externalbuild/provider/AlsoBad.java:4: "
                        + "org.jenkinsci.plugins.workflow.steps.Step").replace('/', sep()),
                ("src/main/java/io/jenkins/plugins/externalbuild/provider/AlsoBad.java:5: "
                        + "com.cloudbees.plugins.credentials.*").replace('/', sep()));
    }

    @Test
    void theJenkinsPackageAndLookalikeNamesAreAllowed(@TempDir Path root) throws IOException {
        write(root, "src/main/java/io/jenkins/plugins/externalbuild/jenkins/WaitForExternalBuildStep.java",
                "package io.jenkins.plugins.externalbuild.jenkins;",
                "import hudson.model.Run;",
                "import org.kohsuke.stapler.DataBoundConstructor;",
                "class WaitForExternalBuildStep {}");
        write(root, "src/main/java/io/jenkins/plugins/externalbuild/jenkins/casc/Config.java",
                "package io.jenkins.plugins.externalbuild.jenkins.casc;",
                "import jenkins.model.GlobalConfiguration;",
                "class Config {}");
        write(root, "src/main/java/io/jenkins/plugins/externalbuild/engine/Fine.java",
                "package io.jenkins.plugins.externalbuild.engine;",
                "import io.jenkins.plugins.externalbuild.jenkins.Something;",
                "import org.kohsuke.args4j.Option;",
                "import com.cloudbeesish.Thing;",
                "// import hudson.model.Run; in a comment is not an import",
                "class Fine { String s = \"import jenkins.model.Jenkins;\"; }");
        write(root, "src/main/java/io/jenkins/plugins/externalbuild/jenkinsfile/Parser.java",
                "package io.jenkins.plugins.externalbuild.jenkinsfile;",
                "class Parser {}");

        Scan scan = scan(root);

        assertThat(scan.violations()).isEmpty();
        assertThat(scan.files()).as("the jenkins package is skipped, a jenkinsfile package is not").isEqualTo(2);
    }

    @Test
    void theProjectRootHasTheSources() {
        assertThat(projectRoot().resolve("src/main/java/io/jenkins/plugins/externalbuild/engine/WaitEngine.java"))
                .isRegularFile();
    }

    private static char sep() {
        return java.io.File.separatorChar;
    }

    private static void write(Path root, String name, String... lines) throws IOException {
        Path file = root.resolve(name);
        Files.createDirectories(file.getParent());
        Files.write(file, List.of(lines), StandardCharsets.UTF_8);
    }
}
