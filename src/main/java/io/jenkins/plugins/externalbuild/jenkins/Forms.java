package io.jenkins.plugins.externalbuild.jenkins;

import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.externalbuild.engine.RestartMode;
import io.jenkins.plugins.externalbuild.engine.RestartPolicy;
import io.jenkins.plugins.externalbuild.provider.BuildTarget;
import java.util.Optional;
import jenkins.model.Jenkins;

/**
 * What the step and build-step descriptors share for their forms. Callers are {@code @POST} web methods;
 * each check here first asks for the permission to configure the item (or to administer, without one),
 * and answers nothing useful to anyone else.
 */
final class Forms {

    private Forms() {
    }

    static boolean mayConfigure(Item item) {
        return item == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER) : item.hasPermission(Item.CONFIGURE);
    }

    static FormValidation checkUrl(Item item, String value) {
        if (!mayConfigure(item)) {
            return FormValidation.ok();
        }
        return toValidation(BuildTarget.checkUrl(value, ExternalBuildService.get().registry()));
    }

    static FormValidation checkNumber(Item item, String value, int min, int max) {
        if (!mayConfigure(item) || value == null || value.isBlank()) {
            return FormValidation.ok();
        }
        return FormValidation.validateIntegerInRange(value.trim(), min, max);
    }

    static FormValidation checkBackoff(Item item, String value) {
        if (!mayConfigure(item) || value == null || value.isBlank()) {
            return FormValidation.ok();
        }
        try {
            double b = Double.parseDouble(value.trim());
            return b >= 1.0 && b <= 10.0 ? FormValidation.ok() : FormValidation.error("The backoff must be between 1 and 10");
        } catch (NumberFormatException e) {
            return FormValidation.error("The backoff must be a number such as 2 or 1.5");
        }
    }

    static ListBoxModel modes(Item item) {
        ListBoxModel items = new ListBoxModel();
        items.add("The provider's default for this kind of build", "");
        if (mayConfigure(item)) {
            items.add("failed: re-run the failed jobs", RestartMode.FAILED.id());
            items.add("all: run the whole build again", RestartMode.ALL.id());
            items.add("job: retry the one job the URL names", RestartMode.JOB.id());
        }
        return items;
    }

    static ListBoxModel retryOn(Item item) {
        ListBoxModel items = new ListBoxModel();
        items.add("any failure", RestartPolicy.RetryOn.FAILURE.id());
        if (mayConfigure(item)) {
            items.add("only failures the provider classifies as transient", RestartPolicy.RetryOn.TRANSIENT.id());
        }
        return items;
    }

    static ListBoxModel onAbort(Item item, RestartPolicy.OnAbort first) {
        ListBoxModel items = new ListBoxModel();
        items.add(label(first), first.id());
        if (mayConfigure(item)) {
            RestartPolicy.OnAbort other = first == RestartPolicy.OnAbort.CANCEL ? RestartPolicy.OnAbort.LEAVE
                    : RestartPolicy.OnAbort.CANCEL;
            items.add(label(other), other.id());
        }
        return items;
    }

    private static String label(RestartPolicy.OnAbort a) {
        return a == RestartPolicy.OnAbort.CANCEL ? "cancel the remote build" : "leave the remote build running";
    }

    static FormValidation toValidation(Optional<String> error) {
        return error.map(FormValidation::error).orElseGet(FormValidation::ok);
    }
}
