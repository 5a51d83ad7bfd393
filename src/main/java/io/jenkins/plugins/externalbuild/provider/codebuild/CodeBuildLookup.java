package io.jenkins.plugins.externalbuild.provider.codebuild;

import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.engine.BuildStatus;
import io.jenkins.plugins.externalbuild.provider.ProviderException;
import io.jenkins.plugins.externalbuild.provider.codebuild.CodeBuildDtos.BatchGetBuildBatchesOutput;
import io.jenkins.plugins.externalbuild.provider.codebuild.CodeBuildDtos.BatchGetBuildsOutput;
import io.jenkins.plugins.externalbuild.provider.codebuild.CodeBuildDtos.Build;
import io.jenkins.plugins.externalbuild.provider.codebuild.CodeBuildDtos.BuildBatch;
import io.jenkins.plugins.externalbuild.provider.codebuild.CodeBuildDtos.Ids;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads CodeBuild builds and batches for {@link CodeBuildProvider}: one at a time ({@code BatchGetBuilds} or
 * {@code BatchGetBuildBatches} with one id), or many in as few calls as CodeBuild allows. Thread-safe.
 */
final class CodeBuildLookup {

    private final CodeBuildApi api;

    CodeBuildLookup(CodeBuildApi api) {
        this.api = api;
    }

    /**
     * The statuses of many builds and batches: one {@code BatchGetBuilds} or {@code BatchGetBuildBatches} per region
     * and {@value CodeBuildProvider#MAX_IDS_PER_CALL} ids. Builds CodeBuild did not find are absent from the
     * answer.
     *
     * @return in the order of {@code refs}
     */
    Map<BuildRef, BuildStatus> statuses(List<BuildRef> refs) throws ProviderException {
        Map<String, List<BuildRef>> groups = new LinkedHashMap<>();
        for (BuildRef ref : refs) {
            groups.computeIfAbsent(ref.server() + " " + ref.kind(), k -> new ArrayList<>()).add(ref);
        }
        Map<BuildRef, BuildStatus> found = new LinkedHashMap<>();
        for (List<BuildRef> group : groups.values()) {
            for (int from = 0; from < group.size(); from += CodeBuildProvider.MAX_IDS_PER_CALL) {
                List<BuildRef> chunk = group.subList(from, Math.min(group.size(), from + CodeBuildProvider.MAX_IDS_PER_CALL));
                found.putAll(readChunk(chunk));
            }
        }
        Map<BuildRef, BuildStatus> ordered = new LinkedHashMap<>();
        for (BuildRef ref : refs) {
            if (found.containsKey(ref)) {
                ordered.put(ref, found.get(ref));
            }
        }
        return ordered;
    }

    private Map<BuildRef, BuildStatus> readChunk(List<BuildRef> chunk) throws ProviderException {
        BuildRef first = chunk.get(0);
        List<String> ids = chunk.stream().map(BuildRef::id).distinct().toList();
        String what = ids.size() + " " + (isBatch(first) ? "batch" : "build") + (ids.size() == 1 ? "" : isBatch(first) ? "es" : "s")
                + " in " + first.server();
        Map<String, BuildStatus> byId = new LinkedHashMap<>();
        if (isBatch(first)) {
            BatchGetBuildBatchesOutput out = api.call(first.server(), "BatchGetBuildBatches", new Ids(ids),
                    BatchGetBuildBatchesOutput.class, what);
            for (BuildBatch b : nonNull(out.buildBatches())) {
                byId.put(b.id(), CodeBuildStatusMapping.batch(b.buildBatchStatus(), b.currentPhase()));
            }
        } else {
            BatchGetBuildsOutput out = api.call(first.server(), "BatchGetBuilds", new Ids(ids), BatchGetBuildsOutput.class, what);
            for (Build b : nonNull(out.builds())) {
                byId.put(b.id(), CodeBuildStatusMapping.build(b.buildStatus(), b.currentPhase()));
            }
        }
        Map<BuildRef, BuildStatus> result = new LinkedHashMap<>();
        for (BuildRef ref : chunk) {
            BuildStatus s = byId.get(ref.id());
            if (s != null) {
                result.put(ref, s);
            }
        }
        return result;
    }

    Build build(BuildRef ref) throws ProviderException {
        BatchGetBuildsOutput out = api.call(ref.server(), "BatchGetBuilds", new Ids(List.of(ref.id())),
                BatchGetBuildsOutput.class, what(ref));
        for (Build b : nonNull(out.builds())) {
            if (ref.id().equals(b.id())) {
                return requireStatus(b.buildStatus(), b, ref);
            }
        }
        throw notFound(ref);
    }

    BuildBatch batch(BuildRef ref) throws ProviderException {
        BatchGetBuildBatchesOutput out = api.call(ref.server(), "BatchGetBuildBatches", new Ids(List.of(ref.id())),
                BatchGetBuildBatchesOutput.class, what(ref));
        for (BuildBatch b : nonNull(out.buildBatches())) {
            if (ref.id().equals(b.id())) {
                return requireStatus(b.buildBatchStatus(), b, ref);
            }
        }
        throw notFound(ref);
    }

    private static <T> T requireStatus(String status, T value, BuildRef ref) throws ProviderException {
        if (status == null || status.isBlank()) {
            throw new ProviderException.BadResponse(CodeBuildProviderType.ID, 200, "AWS CodeBuild answered for "
                    + what(ref) + " without a status", null);
        }
        return value;
    }

    /** Unknown ids are not an error to BatchGet*: they come back in buildsNotFound (or not at all). */
    private static ProviderException notFound(BuildRef ref) {
        return new ProviderException.NotFound(CodeBuildProviderType.ID, 200, "AWS CodeBuild has no " + what(ref)
                + ": check the id, and that the credentials belong to the build's account");
    }

    static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }

    static boolean isBatch(BuildRef ref) {
        return CodeBuildProviderType.BATCH.equals(ref.kind());
    }

    static String what(BuildRef ref) {
        return ref.kind() + " " + ref.id() + " in " + ref.server();
    }
}
