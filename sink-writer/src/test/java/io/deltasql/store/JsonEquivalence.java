package io.deltasql.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;

/** JSON equivalence: Jackson tree equality, numbers compared by value (an int and a long 5 are equal). */
public final class JsonEquivalence {
    private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) -> {
        if (a.equals(b)) {
            return 0;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return 1;
    };

    private JsonEquivalence() {
    }

    public static boolean equivalent(JsonNode a, JsonNode b) {
        return a.equals(NUMBERS_BY_VALUE, b);
    }
}
