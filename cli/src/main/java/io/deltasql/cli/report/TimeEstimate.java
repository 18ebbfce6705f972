package io.deltasql.cli.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A dry run's time estimate, part by part, in seconds: fixed costs first, then what grows with the log. */
@JsonPropertyOrder({"start", "connect_and_schema", "versions", "actions", "validation"})
public record TimeEstimate(
        @JsonProperty("start") double start,
        @JsonProperty("connect_and_schema") double connectAndSchema,
        @JsonProperty("versions") double versions,
        @JsonProperty("actions") double actions,
        @JsonProperty("validation") double validation) {

    public double total() {
        return start + connectAndSchema + versions + actions + validation;
    }

    /** Rounded to tenths of a second, as reported. */
    public TimeEstimate rounded() {
        return new TimeEstimate(r(start), r(connectAndSchema), r(versions), r(actions), r(validation));
    }

    private static double r(double s) {
        return Math.round(s * 10) / 10.0;
    }
}
