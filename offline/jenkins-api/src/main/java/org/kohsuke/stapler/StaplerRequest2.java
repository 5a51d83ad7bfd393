// Stand-in (compile only) for jenkinsci/stapler core/src/main/java/org/kohsuke/stapler/StaplerRequest2.java @ 2050.v425108fd5089.
// Signatures copied exactly; members we do not use are left out. The servlet API supertype is left out: it is not
// needed to compile our code.
package org.kohsuke.stapler;

import net.sf.json.JSONObject;

// stubcheck: omits HttpServletRequest
public interface StaplerRequest2 {
    void bindJSON(Object bean, JSONObject src);
}
