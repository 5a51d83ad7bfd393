// Stand-in (compile only) for jenkinsci/jenkins core/src/main/java/hudson/ExtensionList.java @ jenkins-2.541.3.
// Signatures copied exactly; members we do not use are left out.
package hudson;

import java.util.AbstractList;

// stubcheck: omits OnMaster
public class ExtensionList<T> extends AbstractList<T> {
    private ExtensionList() {
    }

    @Override
    public T get(int index) {
        throw new UnsupportedOperationException("offline stand-in");
    }

    @Override
    public int size() {
        throw new UnsupportedOperationException("offline stand-in");
    }

    public static <T> ExtensionList<T> lookup(Class<T> type) {
        throw new UnsupportedOperationException("offline stand-in");
    }

    public static <U> U lookupSingleton(Class<U> type) {
        throw new UnsupportedOperationException("offline stand-in");
    }
}
