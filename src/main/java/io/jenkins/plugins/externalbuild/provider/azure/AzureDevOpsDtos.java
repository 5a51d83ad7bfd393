package io.jenkins.plugins.externalbuild.provider.azure;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The fields we read from Azure DevOps answers (camelCase, as the API writes them). Unknown fields are ignored.
 * Source: the {@code Build}, {@code DefinitionReference}, {@code Timeline} and {@code TimelineRecord} definitions of
 * MicrosoftDocs/vsts-rest-api-specs {@code specification/build/7.1/build.json}.
 */
final class AzureDevOpsDtos {

    private AzureDevOpsDtos() {
    }

    record Build(Long id, String buildNumber, String status, String result, String startTime, String finishTime,
                 String sourceBranch, String sourceVersion, Definition definition, @JsonProperty("_links") Links links) {
    }

    record Definition(Long id, String name) {
    }

    record Links(Link web) {
    }

    record Link(String href) {
    }

    /** {@code GET …/builds}: {@code {"count": n, "value": [Build…]}}. */
    record BuildList(Integer count, List<Build> value) {
    }

    record Timeline(List<TimelineRecord> records) {
    }

    record TimelineRecord(String id, String parentId, String type, String name, String state, String result,
                          Integer attempt) {
    }
}
