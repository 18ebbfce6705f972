package io.deltasql.cli.validation;

import java.io.PrintWriter;

/**
 * Prints a {@link ValidationView} in the guide's form:
 * <pre>
 * Validation (version 14):
 *   Version Match     ✓  14 = 14
 *   ...
 * Overall: PASSED ✓
 * </pre>
 */
public final class ValidationPrinter {
    /** Text output shows this many differences per check; JSON output has them all. */
    static final int MAX_DIFFERENCES_SHOWN = 10;

    private ValidationPrinter() {
    }

    public static void print(ValidationView view, PrintWriter out) {
        out.printf("Validation (version %d):%n", view.version());
        for (ValidationView.Check c : view.checks()) {
            out.printf("  %-16s %s  %s%n", c.name(), c.passed() ? "✓" : "✗", c.detail());
            int shown = 0;
            for (String d : c.differences()) {
                if (shown++ == MAX_DIFFERENCES_SHOWN) {
                    out.printf("      … and %,d more%n", c.differences().size() - MAX_DIFFERENCES_SHOWN);
                    break;
                }
                out.printf("      %s%n", d);
            }
        }
        for (String note : view.notes()) {
            out.printf("  Note: %s%n", note);
        }
        out.println(view.passed() ? "Overall: PASSED ✓" : "Overall: FAILED ✗");
        out.flush();
    }
}
