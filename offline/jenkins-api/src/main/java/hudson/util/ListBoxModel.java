// Stand-in (compile only) for jenkinsci/jenkins core/src/main/java/hudson/util/ListBoxModel.java @ jenkins-2.541.3.
// Signatures copied exactly; members we do not use are left out; behaviour: adds options, as upstream.
package hudson.util;

import java.util.ArrayList;

// stubcheck: omits HttpResponse
public class ListBoxModel extends ArrayList<ListBoxModel.Option> {
    public static final class Option {
        public String name;
        public String value;
        public boolean selected;

        public Option(String name, String value) {
            this.name = name;
            this.value = value;
        }
    }

    public ListBoxModel() {
    }

    public void add(String displayName, String value) {
        add(new Option(displayName, value));
    }

    public ListBoxModel add(String nameAndValue) {
        add(nameAndValue, nameAndValue);
        return this;
    }
}
