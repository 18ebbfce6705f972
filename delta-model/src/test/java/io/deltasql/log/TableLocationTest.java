package io.deltasql.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** One canonical text per table, whatever form the user wrote it in. */
class TableLocationTest {

    private static String canonical(String location) {
        return TableLocation.of(location).toString();
    }

    @Test
    void everyFormOfALocalTableIsOneLocation() {
        for (String form : new String[] {"/tmp/t", "/tmp/t/", "/tmp/a/../t", "file:/tmp/t", "file:///tmp/t",
                "file:///tmp/t//", "file://localhost/tmp/t", "FILE:/tmp/t"}) {
            assertThat(canonical(form)).as(form).isEqualTo("file:///tmp/t");
            assertThat(TableLocation.of(form)).as(form).isEqualTo(TableLocation.of("/tmp/t"))
                    .hasSameHashCodeAs(TableLocation.of("/tmp/t"));
        }
        assertThat(canonical("t")).isEqualTo(Path.of("t").toAbsolutePath().toUri().toString().replaceAll("/$", ""));
        assertThat(canonical("/tmp/a b")).isEqualTo("file:///tmp/a%20b").isEqualTo(canonical("file:///tmp/a%20b"));
        TableLocation local = TableLocation.of("/tmp/t");
        assertThat(local.isLocal()).isTrue();
        assertThat(local.scheme()).isEqualTo("file");
        assertThat(local.authority()).isNull();
        assertThat(local.resolve("_delta_log")).isEqualTo("file:///tmp/t/_delta_log");
        assertThat(local.uri()).hasToString("file:///tmp/t");
    }

    @Test
    void objectStoreLocationsKeepTheirFormWithoutTrailingSlashes() {
        assertThat(canonical("s3://bucket/tables/t/")).isEqualTo("s3://bucket/tables/t");
        assertThat(canonical("S3://bucket/tables/t")).isEqualTo("s3://bucket/tables/t");
        assertThat(canonical("s3a://bucket/t")).isEqualTo("s3a://bucket/t");
        assertThat(TableLocation.of("s3a://bucket/t")).as("another driver, another location")
                .isNotEqualTo(TableLocation.of("s3://bucket/t"));
        assertThat(canonical("gs://bucket/t//")).isEqualTo("gs://bucket/t");
        assertThat(canonical("abfss://c@acct.dfs.core.windows.net/t/")).isEqualTo("abfss://c@acct.dfs.core.windows.net/t");
        assertThat(canonical("az://container/t/")).isEqualTo("az://container/t");
        assertThat(canonical("s3://bucket/")).isEqualTo("s3://bucket");
        TableLocation s3 = TableLocation.of("s3://bucket/tables/t");
        assertThat(s3.isLocal()).isFalse();
        assertThat(s3.scheme()).isEqualTo("s3");
        assertThat(s3.authority()).isEqualTo("bucket");
        assertThat(s3.resolve("_delta_log")).isEqualTo("s3://bucket/tables/t/_delta_log");
    }

    @Test
    void whatIsNoLocationIsRefusedInOneLine() {
        for (String bad : new String[] {"", "  ", "s3://bucket/a b", "file://otherhost/t"}) {
            DeltaLogException e = catchThrowableOfType(DeltaLogException.class, () -> TableLocation.of(bad));
            assertThat(e).as("'" + bad + "'").isNotNull();
            assertThat(e.kind()).isEqualTo(DeltaLogException.Kind.NOT_A_TABLE);
            assertThat(e.getMessage()).contains("'" + bad + "' is not a table location").doesNotContain("\n");
        }
    }

    @Test
    void trailingSlashesGoButNeverTheRoot() {
        assertThat(TableLocation.withoutTrailingSlashes("s3://b/t///")).isEqualTo("s3://b/t");
        assertThat(TableLocation.withoutTrailingSlashes("s3://")).isEqualTo("s3://");
        assertThat(TableLocation.withoutTrailingSlashes("file:/")).isEqualTo("file:/");
        assertThat(TableLocation.withoutTrailingSlashes("/")).isEqualTo("/");
        assertThat(TableLocation.withoutTrailingSlashes("s3://b/t")).isEqualTo("s3://b/t");
    }
}
