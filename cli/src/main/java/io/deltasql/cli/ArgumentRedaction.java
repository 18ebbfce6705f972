package io.deltasql.cli;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes secrets out of a usage error before it is printed. picocli's messages quote the argument
 * they choke on ("Unknown option: '--s3-secret-kye=…'", "Unmatched argument …"), and a mistyped
 * option may carry a key, a password or a URI with one in it: the message must name the mistake,
 * never the secret.
 */
final class ArgumentRedaction {
    static final String MASK = "****";
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(secret|password|passwd|token|credential|sas|key).*");
    private static final Pattern USERINFO = Pattern.compile("(://[^/@:\\s']*:)([^/@\\s']+)@");
    private static final Pattern SECRET_PAIR = Pattern.compile("(?i)((?:secret|password|passwd|token|credential|sas|key)[^=\\s']*=)([^&\\s']+)");

    private ArgumentRedaction() {
    }

    /** The message with the value of every secret-looking argument of {@code args} masked. */
    static String redact(String message, String[] args) {
        Set<String> secrets = new LinkedHashSet<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            int eq = a.indexOf('=');
            if (a.startsWith("-") && eq > 0) {
                if (SECRET_NAME.matcher(a.substring(0, eq)).matches()) {
                    secrets.add(a.substring(eq + 1));
                }
            } else if (a.startsWith("-") && SECRET_NAME.matcher(a).matches() && i + 1 < args.length) {
                secrets.add(args[i + 1]);
            }
        }
        String out = message;
        for (String s : secrets) {
            if (!s.isEmpty()) {
                out = out.replace(s, MASK);
            }
        }
        out = USERINFO.matcher(out).replaceAll("$1" + Matcher.quoteReplacement(MASK) + "@");
        return SECRET_PAIR.matcher(out).replaceAll("$1" + Matcher.quoteReplacement(MASK));
    }
}
