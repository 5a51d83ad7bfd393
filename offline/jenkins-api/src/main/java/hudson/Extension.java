// Stand-in (compile only) for jenkinsci/jenkins core/src/main/java/hudson/Extension.java @ jenkins-2.541.3.
// Signatures copied exactly; members we do not use are left out; meta-annotation @Indexable and element dynamicLoadable (YesNoMaybe) left out.
package hudson;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

@Retention(RUNTIME)
@Target({TYPE, FIELD, METHOD})
@Documented
public @interface Extension {
    double ordinal() default 0;

    @Deprecated
    boolean optional() default false;
}
