// Stand-in (compile only) for jenkinsci/jenkins core/src/main/java/hudson/init/Terminator.java @ jenkins-2.541.3.
// Signatures copied exactly; members we do not use are left out (all have defaults upstream).
package hudson.init;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Terminator {
}
