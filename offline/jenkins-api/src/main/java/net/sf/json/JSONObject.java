// Stand-in (compile only) for jenkinsci/json-lib src/main/java/net/sf/json/JSONObject.java @ json-lib-2.4-jenkins-15.
// Signatures copied exactly; members we do not use are left out.
package net.sf.json;

// stubcheck: omits AbstractJSON, JSON, Map, Comparable
public final class JSONObject {
    public JSONObject() {
    }
}
