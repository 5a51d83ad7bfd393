// Stand-in (compile only) for jenkinsci/lib-symbol-annotation src/main/java/org/jenkinsci/Symbol.java @ symbol-annotation-1.25.
// Signatures copied exactly; members we do not use are left out; meta-annotation @Indexed left out.
package org.jenkinsci;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Documented
public @interface Symbol {
    String[] value();
}
