package io.deltasql.log.commit;

import io.deltasql.log.action.Action;
import io.deltasql.log.action.ActionType;
import io.deltasql.log.action.MalformedActionException;
import io.deltasql.log.storage.FileEntry;
import io.deltasql.log.storage.LogStorage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a commit file for counting, without building what {@link CommitReader} builds: the
 * {@code add} and {@code remove} lines (nearly all of a big log) are checked by Jackson's streaming
 * parser over the file's bytes and reported as their type and the length of their text (path,
 * stats, partition values, tags); every other line is parsed into its {@link Action} exactly as
 * {@link CommitReader} parses it. One instance reuses its buffer from commit to commit.
 *
 * <p>It accepts exactly what {@link CommitReader} accepts, and reports the same: an add or remove
 * line takes the quick path only when it is plainly what the reader would build (pure ASCII, one
 * well-formed object holding one {@code add} or {@code remove} object with a string {@code path},
 * no duplicate key, no {@code deletionVector} object, nothing after it); any other line is parsed
 * as the reader parses it, and when that fails the whole commit is read again by
 * {@link CommitReader#read}, so a damaged commit fails with the reader's own error (version, line,
 * file) and a readable one is counted from the reader's actions.
 */
public final class CommitScanner {
    /** What a commit holds, in log order; delivered only once the whole commit has been read. */
    public interface Visitor {
        /**
         * An add or remove read without building it.
         *
         * @param textChars the characters ({@link String#length()}) of its path, stats, and partition
         *                  values and tags (keys and values) — each counted as {@link CommitReader}'s
         *                  action would hold it: a stats or map of an unexpected type, which the
         *                  action leaves in its extra, counts 0
         */
        void fileAction(ActionType type, int textChars);

        /** Any other action (and an add or remove a line holds otherwise), built as {@link CommitReader} builds it. */
        void action(Action action);

        /**
         * {@link #action(Action)}, with the length of the line it was read from when that line held
         * only it ({@code -1} when not known): a counter that measures an action's JSON need not
         * write it out again.
         */
        default void action(Action action, int lineChars) {
            action(action);
        }
    }

    private byte[] buf = new byte[64 * 1024];
    // The commit's actions until it has been read whole: a kind per action, the text length of quick
    // ones, the built ones in order.
    private byte[] kinds = new byte[256];
    private int[] chars = new int[256];
    private final List<Action> built = new ArrayList<>();
    private int count;

    private static final byte ADD = 0;
    private static final byte REMOVE = 1;
    private static final byte BUILT = 2;

    /**
     * Reads commit {@code version} from {@code file} and hands its actions to {@code visitor}, or
     * fails as {@link CommitReader#read} fails (PARSE naming the line, IO), before any is handed over.
     *
     * @return the built actions of the commit (protocol, metaData, …), for the caller's checks
     */
    public List<Action> scan(LogStorage storage, FileEntry file, long version, Visitor visitor) {
        int len;
        try {
            len = readAll(storage, file);
        } catch (IOException e) {
            return fallback(storage, file, version, visitor); // the reader's own error, or its actions if it reads now
        }
        return scan(storage, file, version, len, visitor);
    }

    /**
     * {@link #scan(LogStorage, FileEntry, long, Visitor)} of a commit whose bytes were read already
     * ({@link #readBytes}, on another thread): {@code content} null when that read failed, and the
     * reader then reads it again to fail with its own error.
     */
    public List<Action> scan(LogStorage storage, FileEntry file, long version, byte[] content, Visitor visitor) {
        if (content == null) {
            return fallback(storage, file, version, visitor);
        }
        buf = content; // this commit's own array; readAll replaces it when a later commit needs more room
        return scan(storage, file, version, content.length, visitor);
    }

    /** The bytes of {@code file}, or null when they cannot be read (the scan then fails as the reader does). */
    public static byte[] readBytes(LogStorage storage, FileEntry file) {
        try (InputStream in = storage.open(file)) {
            return in.readAllBytes();
        } catch (IOException e) {
            return null;
        }
    }

    private List<Action> scan(LogStorage storage, FileEntry file, long version, int len, Visitor visitor) {
        count = 0;
        built.clear();
        int pos = 0;
        while (pos < len) {
            int end = pos;
            byte[] b = buf;
            while (end < len && b[end] != '\n' && b[end] != '\r') {
                end++;
            }
            // quick() takes ASCII lines only: a byte >= 0x80 (negative) is nothing its grammar accepts.
            if (end > pos && !quick(pos, end) && !slow(pos, end)) {
                return fallback(storage, file, version, visitor);
            }
            pos = end + 1; // "\r\n" leaves an empty line between, which is skipped as the reader skips it
        }
        List<Action> actions = List.copyOf(built);
        deliver(visitor);
        return actions;
    }

    private int readAll(LogStorage storage, FileEntry file) throws IOException {
        if (file.size() >= 0 && file.size() < Integer.MAX_VALUE - 16 && buf.length < file.size() + 1) {
            buf = new byte[(int) file.size() + 1];
        }
        int n = 0;
        try (InputStream in = storage.open(file)) {
            while (true) {
                if (n == buf.length) {
                    buf = Arrays.copyOf(buf, buf.length * 2);
                }
                int r = in.read(buf, n, buf.length - n);
                if (r < 0) {
                    return n;
                }
                n += r;
            }
        }
    }

    /**
     * An ASCII line that is one add or remove the reader would build as it is, measured; false when
     * unsure (the reader's parse then decides). A small validating scan of JSON's grammar over the
     * bytes — no parser, token or string objects per line: those were most of the dry run's time.
     */
    private boolean quick(int from, int to) {
        if (to - from > MAX_QUICK_LINE) {
            return false;
        }
        limit = to;
        int i = ws(from);
        if (i >= to || buf[i] != '{') {
            return false;
        }
        i = ws(i + 1);
        byte kind;
        if (startsWith(i, ADD_KEY)) {
            kind = ADD;
            i += ADD_KEY.length;
        } else if (startsWith(i, REMOVE_KEY)) {
            kind = REMOVE;
            i += REMOVE_KEY.length;
        } else {
            return false;
        }
        i = ws(i);
        if (i >= to || buf[i] != ':') {
            return false;
        }
        i = ws(i + 1);
        if (i >= to || buf[i] != '{') {
            return false;
        }
        i = ws(i + 1);
        int text = 0;
        int seen = 0;
        if (i < to && buf[i] == '}') {
            return false; // no path: the reader says so
        }
        while (true) {
            int keyStart = i;
            int keyEnd = name(i);
            if (keyEnd < 0 || hasEscape(keyStart, keyEnd)) {
                return false; // an escaped name might spell a field this scan looks for
            }
            int field = field(keyStart + 1, keyEnd - 1);
            i = ws(keyEnd);
            if (i >= to || buf[i] != ':') {
                return false;
            }
            i = ws(i + 1);
            if (field != OTHER) {
                if ((seen & (1 << field)) != 0) {
                    return false; // a duplicate: the tree keeps the last one
                }
                seen |= 1 << field;
            }
            int valueEnd;
            if (field == PATH || field == STATS) {
                if (i < to && buf[i] == '"') {
                    valueEnd = string(i);
                    if (valueEnd < 0) {
                        return false;
                    }
                    text += stringChars;
                } else if (field == PATH) {
                    return false; // not a string: the reader fails on it
                } else {
                    valueEnd = value(i, 0); // stays in the action's extra
                }
            } else if (field == PARTITION_VALUES || field == TAGS) {
                valueEnd = stringMap(i);
                if (valueEnd == -2) {
                    valueEnd = value(i, 0); // not a map of strings: stays in the extra, counts 0
                } else if (valueEnd >= 0) {
                    text += stringChars;
                }
            } else if (field == DELETION_VECTOR && i < to && buf[i] == '{') {
                return false; // a struct with required fields of its own: the reader checks it
            } else {
                valueEnd = value(i, 0);
            }
            if (valueEnd < 0) {
                return false;
            }
            i = ws(valueEnd);
            if (i >= to) {
                return false;
            }
            if (buf[i] == ',') {
                i = ws(i + 1);
                continue;
            }
            if (buf[i] != '}') {
                return false;
            }
            break;
        }
        if ((seen & (1 << PATH)) == 0) {
            return false;
        }
        i = ws(i + 1);
        if (i >= to || buf[i] != '}' || ws(i + 1) != to) {
            return false; // another key on the line, or something after the object
        }
        add(kind, text, null);
        return true;
    }

    private static final byte[] ADD_KEY = "\"add\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] REMOVE_KEY = "\"remove\"".getBytes(StandardCharsets.US_ASCII);
    private static final int OTHER = -1;
    private static final int PATH = 0;
    private static final int STATS = 1;
    private static final int TAGS = 2;
    private static final int DELETION_VECTOR = 3;
    private static final int PARTITION_VALUES = 4;
    /** Longer names are left to the reader (its parser limits a name's length). */
    private static final int MAX_NAME = 1_000;
    /** Longer lines are left to the reader (its parser limits a string's length). */
    private static final int MAX_QUICK_LINE = 4_000_000;
    /** Deeper values are left to the reader (its parser limits nesting too). */
    private static final int MAX_DEPTH = 200;

    /** The end of the current line while {@link #quick} scans it. */
    private int limit;
    /** The characters of the string (or map of strings) the last call measured. */
    private int stringChars;

    /** Which field the name between {@code from} and {@code to} is: PATH, STATS, PARTITION_VALUES, TAGS, DELETION_VECTOR or OTHER. */
    private int field(int from, int to) {
        int n = to - from;
        if (n == 4 && buf[from] == 'p' && buf[from + 1] == 'a' && buf[from + 2] == 't' && buf[from + 3] == 'h') {
            return PATH;
        }
        if (n == 5 && equals(from, "stats")) {
            return STATS;
        }
        if (n == 15 && equals(from, "partitionValues")) {
            return PARTITION_VALUES;
        }
        if (n == 4 && equals(from, "tags")) {
            return TAGS;
        }
        if (n == 14 && equals(from, "deletionVector")) {
            return DELETION_VECTOR;
        }
        return OTHER;
    }

    private boolean equals(int from, String ascii) {
        for (int k = 0; k < ascii.length(); k++) {
            if (buf[from + k] != ascii.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private boolean startsWith(int i, byte[] token) {
        if (i + token.length > limit) {
            return false;
        }
        for (int k = 0; k < token.length; k++) {
            if (buf[i + k] != token[k]) {
                return false;
            }
        }
        return true;
    }

    private int ws(int i) {
        while (i < limit && (buf[i] == ' ' || buf[i] == '\t')) {
            i++;
        }
        return i;
    }

    private boolean hasEscape(int from, int to) {
        for (int k = from; k < to; k++) {
            if (buf[k] == '\\') {
                return true;
            }
        }
        return false;
    }

    /**
     * A JSON string at {@code i} (its opening quote): the index after its closing quote, -1 when it is
     * not valid JSON; its length in chars, escapes decoded, in {@link #stringChars}.
     */
    private int string(int i) {
        if (i >= limit || buf[i] != '"') {
            return -1;
        }
        int chars = 0;
        i++;
        while (i < limit) {
            byte c = buf[i];
            if (c == '"') {
                stringChars = chars;
                return i + 1;
            }
            if (c < 0x20) {
                return -1; // a raw control character (or, never here, a non-ASCII byte)
            }
            if (c == '\\') {
                if (i + 1 >= limit) {
                    return -1;
                }
                byte e = buf[i + 1];
                if (e == 'u') {
                    if (i + 5 >= limit || !hex(buf[i + 2]) || !hex(buf[i + 3]) || !hex(buf[i + 4]) || !hex(buf[i + 5])) {
                        return -1;
                    }
                    i += 6;
                } else if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' || e == 'r' || e == 't') {
                    i += 2;
                } else {
                    return -1;
                }
            } else {
                i++;
            }
            chars++;
        }
        return -1;
    }

    /** A field name: a string no longer than {@link #MAX_NAME}. */
    private int name(int i) {
        int end = string(i);
        return end < 0 || stringChars > MAX_NAME ? -1 : end;
    }

    private static boolean hex(byte c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /**
     * A map of string (or null) values at {@code i}: the index after it, its keys' and values' chars
     * in {@link #stringChars}; -2 when it is valid JSON of another shape (or may be: left to
     * {@link #value}); -1 when it is not valid JSON. Keys with escapes, or repeated, are left to the
     * reader (-1 would be wrong for them, so they make the whole line go to the reader).
     */
    private int stringMap(int i) {
        if (i >= limit || buf[i] != '{') {
            return -2;
        }
        int chars = 0;
        int keys = 0;
        i = ws(i + 1);
        if (i < limit && buf[i] == '}') {
            stringChars = 0;
            return i + 1;
        }
        while (true) {
            int keyStart = i;
            int keyEnd = name(i);
            if (keyEnd < 0 || hasEscape(keyStart, keyEnd) || ++keys > 64 || repeated(keyStart, keyEnd, keys)) {
                return -1;
            }
            keyStarts[keys - 1] = keyStart;
            keyEnds[keys - 1] = keyEnd;
            chars += stringChars;
            i = ws(keyEnd);
            if (i >= limit || buf[i] != ':') {
                return -1;
            }
            i = ws(i + 1);
            if (i >= limit) {
                return -1;
            }
            if (buf[i] == '"') {
                i = string(i);
                if (i < 0) {
                    return -1;
                }
                chars += stringChars;
            } else if (startsWith(i, NULL)) {
                i += NULL.length;
            } else {
                return -2;
            }
            i = ws(i);
            if (i >= limit) {
                return -1;
            }
            if (buf[i] == ',') {
                i = ws(i + 1);
                continue;
            }
            if (buf[i] != '}') {
                return -1;
            }
            stringChars = chars;
            return i + 1;
        }
    }

    private final int[] keyStarts = new int[64];
    private final int[] keyEnds = new int[64];
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);

    /** Whether the key between {@code from} and {@code to} equals one of the map's {@code keys - 1} before it. */
    private boolean repeated(int from, int to, int keys) {
        for (int k = 0; k < keys - 1; k++) {
            if (Arrays.equals(buf, keyStarts[k], keyEnds[k], buf, from, to)) {
                return true;
            }
        }
        return false;
    }

    /** Any JSON value at {@code i}: the index after it, or -1 when it is not valid JSON (or nests deeper than {@link #MAX_DEPTH}). */
    private int value(int i, int depth) {
        if (i >= limit || depth > MAX_DEPTH) {
            return -1;
        }
        byte c = buf[i];
        if (c == '"') {
            return string(i);
        }
        if (c == '{' || c == '[') {
            byte close = c == '{' ? (byte) '}' : (byte) ']';
            i = ws(i + 1);
            if (i < limit && buf[i] == close) {
                return i + 1;
            }
            while (true) {
                if (c == '{') {
                    i = name(i);
                    if (i < 0) {
                        return -1;
                    }
                    i = ws(i);
                    if (i >= limit || buf[i] != ':') {
                        return -1;
                    }
                    i = ws(i + 1);
                }
                i = value(i, depth + 1);
                if (i < 0) {
                    return -1;
                }
                i = ws(i);
                if (i >= limit) {
                    return -1;
                }
                if (buf[i] == ',') {
                    i = ws(i + 1);
                    continue;
                }
                return buf[i] == close ? i + 1 : -1;
            }
        }
        if (startsWith(i, TRUE)) {
            return i + TRUE.length;
        }
        if (startsWith(i, FALSE)) {
            return i + FALSE.length;
        }
        if (startsWith(i, NULL)) {
            return i + NULL.length;
        }
        return number(i);
    }

    /** A JSON number ({@code -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?}): the index after it, or -1. */
    private int number(int i) {
        int start = i;
        if (i < limit && buf[i] == '-') {
            i++;
        }
        if (i >= limit) {
            return -1;
        }
        if (buf[i] == '0') {
            i++;
        } else if (buf[i] >= '1' && buf[i] <= '9') {
            i = digits(i);
        } else {
            return -1;
        }
        if (i < limit && buf[i] == '.') {
            int d = digits(i + 1);
            if (d == i + 1) {
                return -1;
            }
            i = d;
        }
        if (i < limit && (buf[i] == 'e' || buf[i] == 'E')) {
            i++;
            if (i < limit && (buf[i] == '+' || buf[i] == '-')) {
                i++;
            }
            int d = digits(i);
            if (d == i) {
                return -1;
            }
            i = d;
        }
        // A number must end where a value may end; Jackson's limit on a number's length is 1,000 characters.
        if (i - start > 100 || (i < limit && buf[i] != ',' && buf[i] != '}' && buf[i] != ']' && buf[i] != ' ' && buf[i] != '\t')) {
            return -1;
        }
        return i;
    }

    private int digits(int i) {
        while (i < limit && buf[i] >= '0' && buf[i] <= '9') {
            i++;
        }
        return i;
    }

    /** A line as the reader parses it; false when it does not parse (the whole commit then goes to the reader). */
    private boolean slow(int from, int to) {
        String line = new String(buf, from, to - from, StandardCharsets.UTF_8);
        if (line.isBlank()) {
            return true;
        }
        try {
            List<Action> parsed = CommitLines.parse(line);
            int lineChars = parsed.size() == 1 ? line.strip().length() : -1;
            for (Action a : parsed) {
                add(BUILT, lineChars, a);
            }
            return true;
        } catch (MalformedActionException e) {
            return false;
        }
    }

    private List<Action> fallback(LogStorage storage, FileEntry file, long version, Visitor visitor) {
        CommitReader.Commit commit = CommitReader.read(storage, file, version);
        count = 0;
        built.clear();
        for (Action a : commit.actions()) {
            add(BUILT, -1, a);
        }
        deliver(visitor);
        return commit.actions();
    }

    private void add(byte kind, int text, Action a) {
        if (count == kinds.length) {
            kinds = Arrays.copyOf(kinds, count * 2);
            chars = Arrays.copyOf(chars, count * 2);
        }
        kinds[count] = kind;
        chars[count] = text;
        count++;
        if (a != null) {
            built.add(a);
        }
    }

    private void deliver(Visitor visitor) {
        int next = 0;
        for (int i = 0; i < count; i++) {
            switch (kinds[i]) {
                case ADD -> visitor.fileAction(ActionType.ADD, chars[i]);
                case REMOVE -> visitor.fileAction(ActionType.REMOVE, chars[i]);
                default -> visitor.action(built.get(next++), chars[i]);
            }
        }
        count = 0;
        built.clear();
    }
}
