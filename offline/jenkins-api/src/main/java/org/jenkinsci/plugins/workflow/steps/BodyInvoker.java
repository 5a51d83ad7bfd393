// Stand-in (compile only) for jenkinsci/workflow-step-api-plugin src/main/java/org/jenkinsci/plugins/workflow/steps/BodyInvoker.java @ 710.v3e456cc85233.
// Signatures copied exactly; members we do not use are left out (our steps take no body).
package org.jenkinsci.plugins.workflow.steps;

public abstract class BodyInvoker {
}
