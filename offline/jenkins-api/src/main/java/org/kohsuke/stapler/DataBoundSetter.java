// Stand-in (compile only) for jenkinsci/stapler core/src/main/java/org/kohsuke/stapler/DataBoundSetter.java @ 2050.v425108fd5089.
// Signatures copied exactly; members we do not use are left out.
package org.kohsuke.stapler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.FIELD})
@Documented
public @interface DataBoundSetter {
}
