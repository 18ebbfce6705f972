package io.deltasql.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Whether two outputs are the same bytes (streamed: a 1M-file snapshot's JSON is ~100 MB), and if not, where they part. */
final class SameBytes {
    private SameBytes() {
    }

    /** "same output as NAME", or where the first difference is. */
    static String compare(Path a, Path b, String name) throws IOException {
        try (InputStream x = new BufferedInputStream(Files.newInputStream(a), 1 << 16);
             InputStream y = new BufferedInputStream(Files.newInputStream(b), 1 << 16)) {
            long offset = 0;
            long line = 1;
            while (true) {
                int cx = x.read();
                int cy = y.read();
                if (cx != cy) {
                    return String.format(Locale.ROOT, "output DIFFERS from %s at line %,d (%s, %s)", name, line, a, b);
                }
                if (cx < 0) {
                    return String.format(Locale.ROOT, "same output as %s (%,d bytes)", name, offset);
                }
                offset++;
                if (cx == '\n') {
                    line++;
                }
            }
        }
    }
}
