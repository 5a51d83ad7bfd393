package io.jenkins.plugins.externalbuild.jenkins;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.externalbuild.engine.RestartMode;
import io.jenkins.plugins.externalbuild.engine.RestartPolicy;
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
        return FormRules.mayConfigure(item == null, p -> has(item, p));
    }

    /** {@code p} for the current user, on {@code item} or, without one, on Jenkins. */
    static boolean has(Item item, FormRules.Permission p) {
        if (item == null) {
            return p == FormRules.Permission.ADMINISTER && Jenkins.get().hasPermission(Jenkins.ADMINISTER);
        }
        return switch (p) {
            case ADMINISTER -> Jenkins.get().hasPermission(Jenkins.ADMINISTER);
            case CONFIGURE -> item.hasPermission(Item.CONFIGURE);
            case EXTENDED_READ -> item.hasPermission(Item.EXTENDED_READ);
            case USE_ITEM -> item.hasPermission(CredentialsProvider.USE_ITEM);
        };
    }

    static FormValidation checkUrl(Item item, String value) {
        if (!mayConfigure(item)) {
            return FormValidation.ok();
        }
        return toValidation(FormRules.checkUrl(value, ExternalBuildService.get().registry()));
    }

    static FormValidation checkNumber(Item item, String value, String what, int min, int max) {
        if (!mayConfigure(item)) {
            return FormValidation.ok();
        }
        return toValidation(FormRules.checkNumber(value, what, min, max));
    }

    static FormValidation checkBackoff(Item item, String value) {
        if (!mayConfigure(item)) {
            return FormValidation.ok();
        }
        return toValidation(FormRules.checkBackoff(value));
    }

    static FormValidation check(Item item, java.util.Optional<String> error) {
        return mayConfigure(item) ? toValidation(error) : FormValidation.ok();
    }

    // The option lists below are the same for everyone and reveal nothing: not permission-gated, so that the
    // global snippet generator and read-only views show every value (and the one configured).

    static ListBoxModel modes() {
        ListBoxModel items = new ListBoxModel();
        items.add("The provider's default for this kind of build", "");
        items.add("failed: re-run the failed jobs", RestartMode.FAILED.id());
        items.add("all: run the whole build again", RestartMode.ALL.id());
        items.add("job: retry the one job the URL names", RestartMode.JOB.id());
        items.add("replay: run a Jenkins Pipeline build again with the same script", RestartMode.REPLAY.id());
        return items;
    }

    static ListBoxModel retryOn() {
        ListBoxModel items = new ListBoxModel();
        items.add("any failure", RestartPolicy.RetryOn.FAILURE.id());
        items.add("only failures the provider classifies as transient", RestartPolicy.RetryOn.TRANSIENT.id());
        return items;
    }

    static ListBoxModel onAbort(RestartPolicy.OnAbort first) {
        ListBoxModel items = new ListBoxModel();
        items.add(label(first), first.id());
        RestartPolicy.OnAbort other = first == RestartPolicy.OnAbort.CANCEL ? RestartPolicy.OnAbort.LEAVE
                : RestartPolicy.OnAbort.CANCEL;
        items.add(label(other), other.id());
        return items;
    }

    private static String label(RestartPolicy.OnAbort a) {
        return a == RestartPolicy.OnAbort.CANCEL ? "cancel the remote build" : "leave the remote build running";
    }

    static FormValidation toValidation(Optional<String> error) {
        return error.map(FormValidation::error).orElseGet(FormValidation::ok);
    }
}
