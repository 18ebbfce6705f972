package io.deltasql.connect;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/** Single-value validators shared by both connectors' {@link ConfigDef}s. */
public final class Validators {
    private Validators() {
    }

    /** Null passes; anything else must satisfy {@code inner}. */
    public static ConfigDef.Validator optional(ConfigDef.Validator inner) {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                if (value != null) {
                    inner.ensureValid(name, value);
                }
            }

            @Override
            public String toString() {
                return "empty or " + inner;
            }
        };
    }

    /** Anything (a password's content is not ours to judge). */
    public static ConfigDef.Validator anyValue() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
            }

            @Override
            public String toString() {
                return "any";
            }
        };
    }

    /** The value (a string or a password) starts with {@code prefix}; the error never echoes a password. */
    public static ConfigDef.Validator startsWith(String prefix) {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                boolean secret = value instanceof Password;
                String s = secret ? ((Password) value).value() : String.valueOf(value);
                if (s == null || !s.startsWith(prefix)) {
                    throw new ConfigException(name, secret ? Password.HIDDEN : value, "must start with " + prefix);
                }
            }

            @Override
            public String toString() {
                return prefix + "...";
            }
        };
    }
}
