package org.plugboard.rest.internal;

import java.io.IOException;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The API's one JSON mapper, strict on input (unknown fields, wrong types and duplicate keys are errors, never
 * guessed at), and the translation of every Jackson failure into a {@link Problem} that names the field and the fix.
 */
public final class Json {
    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            // "5" for a number or 5 for a text is a client bug to report, not to paper over
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // nor is 1010 for a text field (a number would lose leading zeros or a '+')
            .withCoercionConfig(LogicalType.Textual, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();

    public byte[] write(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    public String writeString(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /** Reads a request body; every failure becomes an {@link ApiException} with a 400 problem. */
    public <T> T read(byte[] body, Class<T> type) {
        if (body.length == 0) {
            throw new ApiException(Problem.malformedJson("the body is empty"));
        }
        try {
            return mapper.readValue(body, type);
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream().map(String::valueOf)
                    .sorted().collect(Collectors.joining(", "));
            throw new ApiException(Problem.unknownField(path(e), known));
        } catch (ValueInstantiationException e) {
            // a value record's constructor refused the values: its message names the field and the range
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new ApiException(Problem.invalid(null, cause.getMessage(), "correct the value and send it again"));
        } catch (InvalidFormatException e) {
            throw new ApiException(Problem.wrongType(path(e), expected(e.getTargetType()), describe(e.getValue())));
        } catch (MismatchedInputException e) {
            if (e.getPath().isEmpty()) {
                throw new ApiException(Problem.malformedJson("the body must be a JSON object, not " + token(e)));
            }
            throw new ApiException(Problem.wrongType(path(e), expected(e.getTargetType()), token(e)));
        } catch (StreamReadException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new ApiException(Problem.malformedJson(e.getOriginalMessage() + where));
        } catch (JsonMappingException e) {
            throw new ApiException(Problem.invalid(path(e), e.getOriginalMessage(), "correct the value and send it again"));
        } catch (IOException e) {
            throw new ApiException(Problem.malformedJson(e.getMessage()));
        }
    }

    /** The JSON path of the failure: {@code displayName}, {@code items[2].number}. */
    static String path(JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                b.append(b.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.toString();
    }

    /** What a client must send for a Java type, in JSON words. */
    static String expected(Class<?> type) {
        if (type == null) {
            return "another value";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (type.isEnum()) {
            Object[] values = type.getEnumConstants();
            StringBuilder b = new StringBuilder("one of");
            for (Object v : values) {
                b.append(' ').append(v);
            }
            return b.toString();
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }

    private static String describe(Object value) {
        return value instanceof String s ? "the string \"" + s + "\"" : String.valueOf(value);
    }

    private static String token(MismatchedInputException e) {
        String m = e.getOriginalMessage();
        if (m.contains("from Array value") || m.contains("START_ARRAY")) {
            return "an array";
        }
        if (m.contains("from Object value") || m.contains("START_OBJECT")) {
            return "an object";
        }
        if (m.contains("String value") || m.contains("VALUE_STRING")) {
            return "a string";
        }
        if (m.contains("Boolean value") || m.contains("VALUE_TRUE") || m.contains("VALUE_FALSE")) {
            return "a boolean";
        }
        if (m.contains("Floating-point value") || m.contains("VALUE_NUMBER_FLOAT")) {
            return "a fractional number";
        }
        if (m.contains("Integer value") || m.contains("VALUE_NUMBER_INT")) {
            return "a number";
        }
        if (m.contains("null")) {
            return "null";
        }
        return "a value of another type";
    }
}
