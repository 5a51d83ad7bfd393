// Stand-in (compile only) for jenkinsci/workflow-api-plugin src/main/java/org/jenkinsci/plugins/workflow/flow/FlowExecution.java @ 1413.v2ff1a_5e720fa_.
// Signatures copied exactly; members we do not use are left out.
package org.jenkinsci.plugins.workflow.flow;

// stubcheck: omits FlowActionStorage, GraphLookupView
public abstract class FlowExecution {
}
