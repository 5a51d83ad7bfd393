// Stand-in (compile only) for jenkinsci/workflow-api-plugin src/main/java/org/jenkinsci/plugins/workflow/actions/LabelAction.java @ 1413.v2ff1a_5e720fa_.
// Signatures copied exactly; members we do not use are left out.
package org.jenkinsci.plugins.workflow.actions;

public class LabelAction implements PersistentAction {
    public LabelAction(String displayName) {
    }

    @Override
    public String getIconFileName() {
        throw new UnsupportedOperationException("offline stand-in");
    }

    @Override
    public String getDisplayName() {
        throw new UnsupportedOperationException("offline stand-in");
    }

    @Override
    public String getUrlName() {
        throw new UnsupportedOperationException("offline stand-in");
    }
}
