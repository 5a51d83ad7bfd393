package io.jenkins.plugins.externalbuild.provider.buildbot;

import java.util.List;

/**
 * The fields we read from Buildbot's data API v2 (3.7.0). Every answer wraps its resources in a list named after
 * the collection plus {@code meta}: {@code {"builds":[…],"meta":{…}}}; a single resource is a one-element list.
 * Unknown fields are ignored. Source: Buildbot's {@code master/docs/developer/rest.rst} and the requests verified
 * against a real 3.7.0 master (recorded in this project's {@code e2e/buildbot/README.md}).
 */
final class BuildbotDtos {

    private BuildbotDtos() {
    }

    /**
     * A build ({@code buildbot/data/builds.py}). {@code results} is null until {@code complete} is true;
     * times are Unix seconds.
     */
    record Build(Long buildid, Long builderid, Long buildrequestid, Long number, Boolean complete, Integer results,
                 String stateString, Long startedAt, Long completeAt) {

        boolean isComplete() {
            return Boolean.TRUE.equals(complete);
        }
    }

    /** A build request ({@code buildbot/data/buildrequests.py}): {@code results} is -1 until complete. */
    record BuildRequest(Long buildrequestid, Long builderid, Boolean claimed, Boolean complete, Integer results) {

        boolean isComplete() {
            return Boolean.TRUE.equals(complete);
        }
    }

    record Builds(List<Build> builds) {
        Builds {
            builds = builds == null ? List.of() : builds;
        }
    }

    record BuildRequests(List<BuildRequest> buildrequests) {
        BuildRequests {
            buildrequests = buildrequests == null ? List.of() : buildrequests;
        }
    }
}
