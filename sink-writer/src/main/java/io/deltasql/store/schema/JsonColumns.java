package io.deltasql.store.schema;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltasql.log.action.ActionCodec;
import io.deltasql.log.action.DeletionVector;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/** The JSON text of jsonb columns (maps, lists, deletion vectors, extra) and back. */
public final class JsonColumns {
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() { };
    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() { };
    // Readers bound once: mapper.readValue(json, type) resolves the type again for every value, and a
    // snapshot reads one partition-values map per live file.
    private static final ObjectReader STRING_MAP_READER = ActionCodec.mapper().readerFor(STRING_MAP);
    private static final ObjectReader STRING_LIST_READER = ActionCodec.mapper().readerFor(STRING_LIST);

    private JsonColumns() {
    }

    public static String write(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return ActionCodec.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    public static String write(DeletionVector dv) {
        return dv == null ? null : write(ActionCodec.toNode(dv));
    }

    public static Map<String, String> stringMap(String json) {
        if (json == null) {
            return null;
        }
        Map<String, String> flat = plainStringMap(json);
        if (flat == null) {
            flat = flatStringMap(json);
        }
        return flat != null ? flat : read(json, STRING_MAP_READER);
    }

    /** Where a map's entries go one by one: a map vector's key and value arrays, with no map per row. */
    public interface Entries {
        void entry(String key, String value);

        /** Drops the entries given since the map began: its text was not plain, and the general parser gives them again. */
        void restart();
    }

    /** The entries of the string map {@code json} (not null) to {@code out}, in the text's order. */
    public static void entries(String json, Entries out) {
        if (plainEntries(json, out::entry)) {
            return;
        }
        out.restart();
        Map<String, String> map = flatStringMap(json);
        if (map == null) {
            map = read(json, STRING_MAP_READER);
        }
        if (map != null) {
            map.forEach(out::entry);
        }
    }

    static Map<String, String> plainStringMap(String s) {
        Map<String, String> out = new LinkedHashMap<>();
        return plainEntries(s, out::put) ? out : null;
    }

    /**
     * The common case of {@link #flatStringMap} without a JSON parser: an object of strings and nulls
     * whose strings hold no escape (as partition values nearly always are; jsonb's spacing allowed),
     * each entry to {@code out}. False for anything else — an escape, a control character, a number —
     * which the parser then reads; {@code out} may have had some entries by then.
     * Reading a 200,000-file snapshot spent about half its decoding time creating Jackson parsers.
     */
    static boolean plainEntries(String s, BiConsumer<String, String> out) {
        int n = s.length();
        int i = skipSpace(s, 0);
        if (i >= n || s.charAt(i) != '{') {
            return false;
        }
        i = skipSpace(s, i + 1);
        if (i < n && s.charAt(i) == '}') {
            return skipSpace(s, i + 1) == n;
        }
        while (true) {
            if (i >= n || s.charAt(i) != '"') {
                return false;
            }
            int end = plainStringEnd(s, i + 1);
            if (end < 0) {
                return false;
            }
            String key = s.substring(i + 1, end);
            i = skipSpace(s, end + 1);
            if (i >= n || s.charAt(i) != ':') {
                return false;
            }
            i = skipSpace(s, i + 1);
            String value;
            if (s.startsWith("null", i)) {
                value = null;
                i += 4;
            } else if (i < n && s.charAt(i) == '"') {
                int e = plainStringEnd(s, i + 1);
                if (e < 0) {
                    return false;
                }
                value = s.substring(i + 1, e);
                i = e + 1;
            } else {
                return false;
            }
            out.accept(key, value);
            i = skipSpace(s, i);
            if (i >= n) {
                return false;
            }
            char c = s.charAt(i);
            if (c == '}') {
                return skipSpace(s, i + 1) == n;
            }
            if (c != ',') {
                return false;
            }
            i = skipSpace(s, i + 1);
        }
    }

    /** The index of the quote ending a string that starts at {@code from}, or −1 at an escape, a control character or the end. */
    private static int plainStringEnd(String s, int from) {
        for (int j = from; j < s.length(); j++) {
            char c = s.charAt(j);
            if (c == '"') {
                return j;
            }
            if (c == '\\' || c < 0x20) {
                return -1;
            }
        }
        return -1;
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                break;
            }
            i++;
        }
        return i;
    }

    /**
     * A JSON object of strings (and nulls) read token by token: one per live file in a snapshot
     * (partition values), several times faster than binding a map. Null when the text is anything
     * else, so the caller binds it the general way.
     */
    private static Map<String, String> flatStringMap(String json) {
        try (JsonParser p = ActionCodec.mapper().getFactory().createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            Map<String, String> out = new LinkedHashMap<>();
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String key = p.currentName();
                JsonToken value = p.nextToken();
                if (value == JsonToken.VALUE_STRING) {
                    out.put(key, p.getText());
                } else if (value == JsonToken.VALUE_NULL) {
                    out.put(key, null);
                } else {
                    return null;
                }
            }
            return p.currentToken() == JsonToken.END_OBJECT && p.nextToken() == null ? out : null;
        } catch (IOException e) {
            return null; // the general way reports it
        }
    }

    public static List<String> stringList(String json) {
        return json == null ? null : read(json, STRING_LIST_READER);
    }

    public static ObjectNode object(String json) {
        JsonNode n = node(json);
        return n == null ? null : (ObjectNode) n;
    }

    public static JsonNode node(String json) {
        if (json == null) {
            return null;
        }
        try {
            return ActionCodec.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is not valid: " + e.getOriginalMessage(), e);
        }
    }

    public static DeletionVector deletionVector(String json) {
        return json == null ? null : ActionCodec.deletionVectorFromJson(object(json));
    }

    private static <T> T read(String json, ObjectReader reader) {
        try {
            return reader.readValue(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is not valid: " + e.getOriginalMessage(), e);
        }
    }
}
