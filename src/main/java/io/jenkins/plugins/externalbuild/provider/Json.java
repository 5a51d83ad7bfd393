package io.jenkins.plugins.externalbuild.provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Optional;

/** The shared JSON mappers: tolerant of unknown fields, snake_case for the APIs that use it. */
public final class Json {

    /** Field names as written in the Java records (camelCase). */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** For APIs with snake_case fields (GitLab, GitHub, Codeship). */
    public static final ObjectMapper SNAKE = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    private Json() {
    }

    /** Reads {@code body} as {@code type}, or throws {@link ProviderException.BadResponse} naming what was expected. */
    public static <T> T read(ObjectMapper mapper, HttpResponse response, Class<T> type, HttpTransport transport)
            throws ProviderException.BadResponse {
        try {
            T value = mapper.readValue(response.body(), type);
            if (value == null) {
                throw new ProviderException.BadResponse(transport.provider(), response.code(), transport.displayName()
                        + " answered " + response.code() + " with an empty body where a " + type.getSimpleName()
                        + " was expected", null);
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new ProviderException.BadResponse(transport.provider(), response.code(), transport.displayName()
                    + " answered " + response.code() + " with a body that is not the expected JSON ("
                    + type.getSimpleName() + "): " + transport.excerpt(response.body()), null);
        }
    }

    /** The top-level {@code message} or {@code error} text of a JSON error body, if it has one. */
    public static Optional<String> messageOf(String body) {
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || !node.isObject()) {
                return Optional.empty();
            }
            for (String field : new String[] {"message", "error", "error_description", "errors"}) {
                JsonNode v = node.get(field);
                if (v != null && !v.isNull()) {
                    return Optional.of(v.isTextual() ? v.asText() : v.toString());
                }
            }
            return Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
