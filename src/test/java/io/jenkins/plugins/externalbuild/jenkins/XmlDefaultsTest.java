package io.jenkins.plugins.externalbuild.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.externalbuild.engine.RestartPolicy;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/**
 * Jobs defined as XML (REST API, Job DSL, Configuration as Code) with only {@code <url>}: Jenkins' XStream creates
 * the build step without running a constructor or field initializer (as {@link #fromXmlWithOnlyTheUrl} does), so
 * each declared default must hold when its field was never set. The release build's
 * {@code ExternalBuildStepsJenkinsTest} does the same through real XStream and a real build.
 */
class XmlDefaultsTest {

    /** What XStream's reflection provider does: allocate without a constructor, then set the fields in the XML. */
    private static <T> T fromXmlWithOnlyTheUrl(Class<T> type, String url) throws Exception {
        Field f = Class.forName("sun.misc.Unsafe").getDeclaredField("theUnsafe");
        f.setAccessible(true);
        Object unsafe = f.get(null);
        Method allocate = unsafe.getClass().getMethod("allocateInstance", Class.class);
        T o = type.cast(allocate.invoke(unsafe, type));
        Field u = ExternalBuildBuilder.class.getDeclaredField("url");
        u.setAccessible(true);
        u.set(o, url);
        return o;
    }

    @Test
    void aRestartBuildStepWithOnlyItsUrlHasTheDeclaredDefaults() throws Exception {
        RestartExternalBuildBuilder declared = new RestartExternalBuildBuilder("https://gitlab.example.com/g/app/-/jobs/8");
        RestartExternalBuildBuilder fromXml = fromXmlWithOnlyTheUrl(RestartExternalBuildBuilder.class,
                "https://gitlab.example.com/g/app/-/jobs/8");

        assertThat(fromXml.isWait()).isTrue().isEqualTo(declared.isWait());
        assertThat(fromXml.getAttempts()).isEqualTo(1).isEqualTo(declared.getAttempts());
        assertThat(fromXml.getBackoff()).isEqualTo(1.0).isEqualTo(declared.getBackoff());
        assertThat(fromXml.getOnAbort()).isEqualTo("cancel").isEqualTo(declared.getOnAbort());
        assertThat(fromXml.getRetryOn()).isEqualTo(declared.getRetryOn());
        assertThat(fromXml.isPropagate()).isTrue();
        RestartPolicy policy = fromXml.options().restartPolicy(); // threw "Unknown onAbort 'null'" before
        assertThat(policy.attempts()).isEqualTo(1);
        assertThat(policy.waitForEnd()).isTrue();
        assertThat(policy.onAbort()).isEqualTo(RestartPolicy.OnAbort.CANCEL);
    }

    @Test
    void aWaitBuildStepWithOnlyItsUrlLeavesTheRemoteBuildAndPropagates() throws Exception {
        WaitForExternalBuildBuilder fromXml = fromXmlWithOnlyTheUrl(WaitForExternalBuildBuilder.class,
                "https://gitlab.example.com/g/app/-/jobs/8");

        assertThat(fromXml.getOnAbort()).isEqualTo("leave");
        assertThat(fromXml.isPropagate()).isTrue();
        assertThat(fromXml.options().restartPolicy().onAbort()).isEqualTo(RestartPolicy.OnAbort.LEAVE);
    }
}
