package io.jenkins.plugins.externalbuild.provider.jenkins;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The fields we read from Jenkins' remote access API ({@code …/api/json?tree=…}), as exported by core at
 * {@code jenkins-2.541.3}: {@code hudson/model/Run.java} (number, building, inProgress, result, timestamp, duration,
 * estimatedDuration, queueId, actions), {@code hudson/model/Queue.java} (Item: id, why, blocked, buildable, stuck,
 * inQueueSince; LeftItem: cancelled, executable), {@code hudson/model/Job.java} / {@code AbstractProject.java}
 * (buildable, nextBuildNumber, builds), {@code ParametersAction} / {@code CauseAction} (parameters, causes).
 * Unknown fields are ignored; {@code _class} is Jenkins' type name of each object.
 */
final class JenkinsDtos {

    /** What a status read asks for; parameters and causes only where a restart or a search needs them. */
    static final String BUILD_FIELDS = "_class,number,url,building,inProgress,result,timestamp,duration,"
            + "estimatedDuration,queueId";
    static final String ACTION_FIELDS = "actions[_class,parameters[_class,name,value,jobName,number],"
            + "causes[_class,userId,upstreamBuild,upstreamProject]]";

    private JenkinsDtos() {
    }

    record Build(@JsonProperty("_class") String type, Integer number, String url, Boolean building, Boolean inProgress,
                 String result, Long timestamp, Long duration, Long estimatedDuration, Long queueId,
                 List<Action> actions) {

        Build {
            actions = actions == null ? List.of() : actions;
        }

        boolean isBuilding() {
            return Boolean.TRUE.equals(building);
        }

        /** A Pipeline run: the only kind with a replay action. */
        boolean isPipeline() {
            return type != null && type.endsWith(".WorkflowRun");
        }

        List<Parameter> parameters() {
            return actions.stream().filter(a -> a != null && a.parameters() != null).flatMap(a -> a.parameters().stream())
                    .toList();
        }

        List<Cause> causes() {
            return actions.stream().filter(a -> a != null && a.causes() != null).flatMap(a -> a.causes().stream()).toList();
        }
    }

    record Action(@JsonProperty("_class") String type, List<Parameter> parameters, List<Cause> causes) {
    }

    /** A parameter value; {@code RunParameterValue} exports {@code jobName} and {@code number} besides its value. */
    record Parameter(@JsonProperty("_class") String type, String name, JsonNode value, String jobName, String number) {
    }

    /** {@code Cause.UserIdCause} exports {@code userId}. */
    record Cause(@JsonProperty("_class") String type, String userId) {
    }

    record Job(@JsonProperty("_class") String type, Boolean buildable, Integer nextBuildNumber, List<Property> property,
               List<Build> builds) {

        Job {
            property = property == null ? List.of() : property;
            builds = builds == null ? List.of() : builds;
        }
    }

    /** A job property; {@code ParametersDefinitionProperty} exports its {@code parameterDefinitions}. */
    record Property(List<Named> parameterDefinitions) {
    }

    record Named(String name) {
    }

    /** A queue item; {@code executable} and {@code cancelled} only on a {@code Queue$LeftItem}. */
    record QueueItem(@JsonProperty("_class") String type, Long id, String why, Boolean blocked, Boolean buildable,
                     Boolean stuck, Boolean cancelled, Executable executable, Task task, List<Action> actions) {

        boolean left() {
            return type != null && type.endsWith("$LeftItem");
        }

        boolean isCancelled() {
            return Boolean.TRUE.equals(cancelled);
        }

        List<Cause> causes() {
            return actions == null ? List.of() : actions.stream().filter(a -> a != null && a.causes() != null)
                    .flatMap(a -> a.causes().stream()).toList();
        }
    }

    record Executable(Integer number, String url) {
    }

    record Task(String name, String url) {
    }

    record Queue(List<QueueItem> items) {
        Queue {
            items = items == null ? List.of() : items;
        }
    }

    /** {@code hudson/security/csrf/CrumbIssuer.java}: {@code crumb} and {@code crumbRequestField}. */
    record Crumb(String crumb, String crumbRequestField) {
    }
}
