package io.deltasql.connect.source;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * A cloud location whose driver the plugin directory lacks is refused with one line naming the add-on.
 * (Here the drivers are on the test classpath, so their absence is simulated; PlainKafkaWorkerIT checks
 * it on a real worker that has only the core archive.)
 */
class StorageAddOnsTest {

    @Test
    void aGcsOrAzureLocationWithoutItsAddOnNamesTheArchiveToInstall() {
        assertThatThrownBy(() -> StorageAddOns.check("orders", URI.create("gs://bucket/orders"), c -> false))
                .isInstanceOf(MissingAddOnException.class)
                .hasMessageStartingWith("table orders: gs:// needs the plugin's gcs add-on, which is not installed: unzip "
                        + "deltasql-kafka-connect-deltasql-")
                .hasMessageContaining("-gcs.zip").hasMessageNotContaining("\n");
        assertThatThrownBy(() -> StorageAddOns.check("t", URI.create("abfss://c@acct.dfs.core.windows.net/t"), c -> false))
                .hasMessageContaining("abfss:// needs the plugin's azure add-on").hasMessageContaining("-azure.zip");
    }

    @Test
    void localAndS3NeedNoAddOnAndAnInstalledAddOnPasses() {
        assertThatCode(() -> StorageAddOns.check("t", URI.create("file:///data/t"), c -> false)).doesNotThrowAnyException();
        assertThatCode(() -> StorageAddOns.check("t", URI.create("s3a://b/t"), c -> false)).doesNotThrowAnyException();
        assertThatCode(() -> StorageAddOns.check("t", URI.create("gs://b/t"))).as("the GCS driver is on this classpath")
                .doesNotThrowAnyException();
    }
}
