// Stand-in (compile only) for jenkinsci/stapler core/src/main/java/org/kohsuke/stapler/AncestorInPath.java @ 2050.v425108fd5089.
// Signatures copied exactly; members we do not use are left out; meta-annotation @InjectedParameter and nested HandlerImpl left out.
package org.kohsuke.stapler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@Documented
public @interface AncestorInPath {
}
