package io.jenkins.plugins.externalbuild.jenkins;

import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A scripted GitLab API v4 on a MockWebServer for the release-build tests: jobs by id with a settable status,
 * {@code POST …/retry} creating job {@code id + 1} (running, unless the test scripted its status already),
 * {@code POST …/cancel} recorded. Requests without the
 * expected {@code PRIVATE-TOKEN} are refused with 401.
 */
final class FakeGitLab extends Dispatcher {

    static final String TOKEN = "glpat-test-secret-0123456789";

    final Map<String, String> jobStatus = new ConcurrentHashMap<>();
    final List<String> posts = new CopyOnWriteArrayList<>();
    /** Answers sent before any other, one per request (a transient fault). */
    final Deque<MockResponse> faults = new ConcurrentLinkedDeque<>();

    static String url(MockWebServer server, String jobId) {
        return "http://localhost:" + server.getPort() + "/g/app/-/jobs/" + jobId;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        if (!TOKEN.equals(request.getHeaders().get("PRIVATE-TOKEN"))) {
            return new MockResponse.Builder().code(401).body("{\"message\":\"401 Unauthorized\"}").build();
        }
        MockResponse fault = faults.poll();
        if (fault != null) {
            return fault;
        }
        String path = request.getUrl().encodedPath();
        String prefix = "/api/v4/projects/g%2Fapp/jobs/";
        if (!path.startsWith(prefix)) {
            return new MockResponse.Builder().code(404).body("{\"message\":\"404 Not found\"}").build();
        }
        String[] rest = path.substring(prefix.length()).split("/");
        String id = rest[0];
        if ("POST".equals(request.getMethod())) {
            posts.add(path);
            if (rest.length > 1 && rest[1].equals("retry")) {
                String next = String.valueOf(Long.parseLong(id) + 1);
                // A test may have scripted the new job already (say, to succeed): keep what it set.
                String status = jobStatus.computeIfAbsent(next, k -> "running");
                return json(next, status);
            }
            if (rest.length > 1 && rest[1].equals("cancel")) {
                jobStatus.put(id, "canceled");
                return json(id, "canceled");
            }
        }
        String status = jobStatus.get(id);
        return status == null ? new MockResponse.Builder().code(404).body("{\"message\":\"404 Job Not Found\"}").build()
                : json(id, status);
    }

    private static MockResponse json(String id, String status) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .body("{\"id\":" + id + ",\"name\":\"rspec\",\"status\":\"" + status + "\",\"allow_failure\":false}")
                .build();
    }
}
