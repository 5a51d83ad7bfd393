// Stand-in (compile only) for jenkinsci/stapler core/src/main/java/org/kohsuke/stapler/verb/POST.java @ 2050.v425108fd5089.
// Signatures copied exactly; members we do not use are left out; meta-annotation @InterceptorAnnotation left out.
package org.kohsuke.stapler.verb;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface POST {
}
