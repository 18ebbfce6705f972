package io.deltasql.storage;

import java.util.Collection;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which settings are secrets, and how they are shown: never. A secret's value is replaced by
 * {@link #MASK}; an access key id (an identifier, useful to tell which key was used) keeps its
 * first four characters. {@link #scrub} removes secret values from any text that came from a
 * library (exception messages), as a second line of defence.
 */
public final class Secrets {
    public static final String MASK = "****";

    /** Names that hold secrets: S3 secret/session, Azure shared key/SAS/client secret, any password or token. */
    private static final Pattern SECRET = Pattern.compile(
            "(secret|password|token|credential|sas|account\\.key|account-key|signature|private)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ACCESS_KEY_ID = Pattern.compile("(access\\.key|access-key|client\\.id|client-id)$",
            Pattern.CASE_INSENSITIVE);

    private Secrets() {
    }

    public static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return SECRET.matcher(k).find() && !k.endsWith("provider") && !k.endsWith("provider.type")
                && !k.endsWith("auth.type");
    }

    /** The value as it may be printed. */
    public static String maskValue(String key, String value) {
        if (value == null) {
            return null;
        }
        if (isSecret(key)) {
            return MASK;
        }
        if (ACCESS_KEY_ID.matcher(key).find()) {
            return value.length() <= 4 ? MASK : value.substring(0, 4) + MASK;
        }
        return value;
    }

    /** {@code text} with every secret value of {@code settings} replaced by the mask. */
    public static String scrub(String text, StorageSettings settings) {
        return text == null ? null : scrub(text, settings.asMap().entrySet().stream()
                .filter(e -> isSecret(e.getKey())).map(java.util.Map.Entry::getValue).toList());
    }

    static String scrub(String text, Collection<String> secretValues) {
        String out = text;
        for (String s : secretValues) {
            if (s != null && s.length() >= 4) {
                out = out.replace(s, MASK);
            }
        }
        return out;
    }
}
