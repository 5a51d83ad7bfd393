// Stand-in (compile only) for jenkinsci/workflow-cps-plugin plugin/src/main/java/org/jenkinsci/plugins/workflow/cps/replay/ReplayCause.java @ 4350.vcc65d4958821.
// Signatures copied exactly; members we do not use are left out.
package org.jenkinsci.plugins.workflow.cps.replay;

import hudson.model.Cause;
import hudson.model.Run;

public class ReplayCause extends Cause {
    private ReplayCause() {
    }

    public Run<?, ?> getOriginal() {
        throw new UnsupportedOperationException("offline stand-in");
    }

    @Override
    public String getShortDescription() {
        throw new UnsupportedOperationException("offline stand-in");
    }
}
