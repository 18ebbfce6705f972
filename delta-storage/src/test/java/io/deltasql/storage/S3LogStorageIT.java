package io.deltasql.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.deltasql.log.CloseableIterator;
import io.deltasql.log.DeltaLogException;
import io.deltasql.log.SharedTables;
import io.deltasql.log.VersionBatch;
import io.deltasql.log.action.Action;
import io.deltasql.log.action.ActionCodec;
import io.deltasql.log.listing.LogListing;
import io.deltasql.log.reader.DeltaLog;
import io.deltasql.log.reader.VersionPlan;
import io.deltasql.log.replay.Snapshot;
import io.deltasql.log.storage.LogStorage;
import io.deltasql.storage.testing.S3ProxyServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Shared tables read through s3proxy on loopback equal the local copies; clear one-line errors for
 * wrong keys, a missing bucket and a missing table, with the secret nowhere; and a poll costs the
 * same number of S3 requests on a 100-version and a 10,000-version log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3LogStorageIT {
    private static final String BUCKET = "lake";

    private S3ProxyServer s3;

    @BeforeAll
    void startS3() throws Exception {
        s3 = new S3ProxyServer();
        s3.createBucket(BUCKET);
        for (String t : List.of("simple-table", "checkpoint", "multi-part-checkpoint", "v2-checkpoint-json",
                "v2-checkpoints-json-with-sidecars", "v2-checkpoint-parquet", "dv-partitioned-with-checkpoint")) {
            s3.upload(SharedTables.table(t), BUCKET, "tables/" + t);
        }
        writeSyntheticLog("synthetic/v100", 100);
        writeSyntheticLog("synthetic/v10k", 10_000);
    }

    @AfterAll
    void stopS3() throws Exception {
        if (s3 != null) {
            s3.close();
        }
    }

    /** Both schemes are covered, alternating, to keep the run short (same code path below the URI). */
    @ParameterizedTest
    @CsvSource({"simple-table,s3", "checkpoint,s3a", "multi-part-checkpoint,s3", "v2-checkpoint-json,s3a",
            "v2-checkpoints-json-with-sidecars,s3", "v2-checkpoint-parquet,s3a", "dv-partitioned-with-checkpoint,s3"})
    void sharedTableOverS3EqualsTheLocalCopy(String table, String scheme) throws Exception {
        String location = scheme + "://" + BUCKET + "/tables/" + table;
        try (LogStorage storage = LogStorages.forLocation(location, s3.settings());
             DeltaLog remote = DeltaLog.open(location, storage);
             DeltaLog local = LogStorages.openLog(SharedTables.table(table).toString())) {
            Snapshot expected = local.latestSnapshot();
            Snapshot actual = remote.latestSnapshot();
            assertThat(actual.version()).isEqualTo(expected.version());
            assertThat(actual.files()).extracting(f -> f.path() + "|" + f.size() + "|" + f.dvId())
                    .containsExactlyElementsOf(expected.files().stream()
                            .map(f -> f.path() + "|" + f.size() + "|" + f.dvId()).toList())
                    .isNotEmpty();
            assertThat(actual.files()).isEqualTo(expected.files());
            assertThat(actual.tombstones()).isEqualTo(expected.tombstones());
            assertThat(actual.protocol()).isEqualTo(expected.protocol());
            assertThat(actual.metadata()).isEqualTo(expected.metadata());
            assertThat(actual.txns()).isEqualTo(expected.txns());
            assertThat(actual.domains()).isEqualTo(expected.domains());

            long first = local.listing().earliestRebuildableVersion().orElseThrow();
            List<String> expectedStream = stream(local, local.plan(first, null, false));
            assertThat(expectedStream).isNotEmpty();
            assertThat(stream(remote, remote.plan(first, null, false))).containsExactlyElementsOf(expectedStream);
            assertThat(LogStorages.unwrap(storage, S3LogStorage.class).requestCount()).isPositive();
        }
    }

    @Test
    void wrongSecretIsOneClearLineWithoutTheSecret() throws Exception {
        String wrongSecret = "Wr0ng-Secret-Must-Not-Leak";
        StorageSettings settings = s3.settings(S3ProxyServer.ACCESS_KEY, wrongSecret);
        String location = "s3://" + BUCKET + "/tables/simple-table";
        try (LogStorage storage = LogStorages.forLocation(location, settings)) {
            DeltaLogException e = catchThrowableOfType(DeltaLogException.class, () -> DeltaLog.open(location, storage));
            assertThat(e.kind()).isEqualTo(DeltaLogException.Kind.IO);
            assertThat(e.getMessage()).doesNotContain("\n")
                    .contains("cannot read " + location + "/_delta_log: access denied (HTTP 403, ",
                            "credentials: access key delt**** from the settings", "check the access key, the secret");
            assertThat(e.getMessage().length()).isLessThanOrEqualTo(200);
            assertNowhere(wrongSecret, e, storage.toString(), settings.toString(), settings.masked().toString());
            assertThat(settings.toString()).contains("s3.secret-key=****");
        }
    }

    @Test
    void unknownAccessKeyIsDenied() throws Exception {
        StorageSettings settings = s3.settings("nobody", S3ProxyServer.SECRET_KEY);
        String location = "s3a://" + BUCKET + "/tables/simple-table";
        try (LogStorage storage = LogStorages.forLocation(location, settings)) {
            DeltaLogException e = catchThrowableOfType(DeltaLogException.class, () -> DeltaLog.open(location, storage));
            assertThat(e.kind()).isEqualTo(DeltaLogException.Kind.IO);
            assertThat(e.getMessage()).doesNotContain("\n").contains("access denied", location);
            assertNowhere(S3ProxyServer.SECRET_KEY, e, storage.toString(), settings.toString());
        }
    }

    @Test
    void missingBucketIsOneClearLine() throws Exception {
        String location = "s3://no-such-bucket/tables/simple-table";
        try (LogStorage storage = LogStorages.forLocation(location, s3.settings())) {
            DeltaLogException e = catchThrowableOfType(DeltaLogException.class, () -> DeltaLog.open(location, storage));
            assertThat(e.kind()).isEqualTo(DeltaLogException.Kind.IO);
            assertThat(e.getMessage()).doesNotContain("\n")
                    .contains("no such bucket 'no-such-bucket'", location, "check the bucket name");
            assertThat(e.getMessage().length()).isLessThanOrEqualTo(200);
            assertNowhere(S3ProxyServer.SECRET_KEY, e, storage.toString());
        }
    }

    @Test
    void listDirectoriesGivesTheCommonPrefixesOnlyByName() throws Exception {
        try (LogStorage storage = LogStorages.forLocation("s3://" + BUCKET + "/tables", s3.settings())) {
            assertThat(storage.listDirectories("s3://" + BUCKET + "/tables")).contains("checkpoint", "simple-table")
                    .isSorted().noneMatch(n -> n.contains("/"));
            assertThat(storage.listDirectories("s3://" + BUCKET + "/tables/simple-table")).containsExactly("_delta_log");
            assertThat(storage.listDirectories("s3://" + BUCKET + "/no-such-prefix")).isEmpty();
        }
    }

    @Test
    void missingTableIsNotATable() throws Exception {
        String location = "s3://" + BUCKET + "/tables/no-such-table";
        try (LogStorage storage = LogStorages.forLocation(location, s3.settings())) {
            DeltaLogException e = catchThrowableOfType(DeltaLogException.class, () -> DeltaLog.open(location, storage));
            assertThat(e.kind()).isEqualTo(DeltaLogException.Kind.NOT_A_TABLE);
            assertThat(e.getMessage()).doesNotContain("\n").contains(location);
            assertNowhere(S3ProxyServer.SECRET_KEY, e, storage.toString());
        }
    }

    @Test
    void pollingAndResumingCostTheSameRequestsWhateverTheLogLength() throws Exception {
        long[] small = pollAndResumeCosts("synthetic/v100", 99);
        long[] large = pollAndResumeCosts("synthetic/v10k", 9_999);
        System.out.printf("S3 requests {poll, resume 5, full listing}: 100 versions %s, 10k versions %s%n",
                java.util.Arrays.toString(small), java.util.Arrays.toString(large));
        // A poll with no new commit: one LIST request from the last known version, on either log.
        assertThat(large[0]).isEqualTo(small[0]).isEqualTo(1);
        // Resuming the last 5 versions: one LIST, then reading those 5 commits — same on either log.
        // Each commit is one GET of its listed length (S3A's open would first send a HEAD).
        assertThat(large[1]).isEqualTo(small[1]).isLessThanOrEqualTo(1 + 5);
        // The counter does count pages: listing the whole 10k log takes at least 10 LIST pages of 1000.
        assertThat(large[2]).isGreaterThanOrEqualTo(10).isGreaterThan(small[2]);
    }

    /**
     * An import's read of every version and a dry run's scan of them, both with the commits read
     * ahead (an object store's {@code readsAhead}): every version in order, one GET per commit.
     */
    @Test
    void readingEveryCommitAheadCostsOneGetEach() throws Exception {
        String location = "s3://" + BUCKET + "/synthetic/v100";
        try (LogStorage storage = LogStorages.forLocation(location, s3.settings());
             DeltaLog log = DeltaLog.open(location, storage)) {
            S3LogStorage s3Storage = LogStorages.unwrap(storage, S3LogStorage.class);
            assertThat(storage.readsAhead()).isEqualTo(LogStorage.REMOTE_READS_AHEAD);
            VersionPlan plan = log.plan(0, null, false);

            long before = s3Storage.requestCount();
            List<String> versions = stream(log, plan);
            assertThat(versions).hasSize(100);
            for (int v = 0; v < 100; v++) {
                assertThat(versions.get(v)).startsWith(v + " COMMIT ");
            }
            assertThat(s3Storage.requestCount() - before).isEqualTo(100);

            before = s3Storage.requestCount();
            long[] scanned = new long[2];
            log.scan(plan, new DeltaLog.ActionScan() {
                @Override
                public void version(long version, io.deltasql.log.Origin origin) {
                    assertThat(version).isEqualTo(scanned[0]++);
                }

                @Override
                public void fileAction(io.deltasql.log.action.ActionType type, int textChars) {
                    scanned[1]++;
                }

                @Override
                public void action(io.deltasql.log.action.Action action) {
                    scanned[1]++;
                }
            });
            assertThat(scanned).containsExactly(100, 102); // protocol and metaData at version 0, one add per version
            assertThat(s3Storage.requestCount() - before).isEqualTo(100);
        }
    }

    /** {poll requests, resume requests, full listing requests} for a synthetic log ending at {@code latest}. */
    private long[] pollAndResumeCosts(String prefix, long latest) throws Exception {
        String location = "s3://" + BUCKET + "/" + prefix;
        try (LogStorage storage = LogStorages.forLocation(location, s3.settings());
             DeltaLog log = DeltaLog.open(location, storage)) {
            S3LogStorage s3Storage = LogStorages.unwrap(storage, S3LogStorage.class);

            long before = s3Storage.requestCount();
            LogListing poll = log.listingAfter(latest);
            VersionPlan nothingNew = log.plan(latest + 1, null, false);
            long pollCost = s3Storage.requestCount() - before;
            assertThat(poll.isEmpty()).isTrue();
            assertThat(nothingNew.isEmpty()).isTrue();
            pollCost = pollCost / 2; // listingAfter + plan: two polls

            before = s3Storage.requestCount();
            List<String> resumed = stream(log, log.plan(latest - 4, null, false));
            long resumeCost = s3Storage.requestCount() - before;
            assertThat(resumed).hasSize(5).first().asString().startsWith((latest - 4) + " ");

            before = s3Storage.requestCount();
            assertThat(log.listing().latestVersion()).isEqualTo(latest);
            long fullCost = s3Storage.requestCount() - before;
            return new long[] {pollCost, resumeCost, fullCost};
        }
    }

    /** Each version of the plan as "version origin count: action json, ..." (timestamps left out: mtimes differ). */
    private static List<String> stream(DeltaLog log, VersionPlan plan) throws Exception {
        List<String> out = new ArrayList<>();
        try (CloseableIterator<VersionBatch> it = log.versions(plan)) {
            while (it.hasNext()) {
                VersionBatch b = it.next();
                StringBuilder s = new StringBuilder(b.version() + " " + b.origin() + " " + b.actionCount() + ":");
                try (CloseableIterator<Action> actions = b.actions().open()) {
                    while (actions.hasNext()) {
                        s.append(' ').append(ActionCodec.toJson(actions.next()));
                    }
                }
                out.add(s.toString());
            }
        }
        return out;
    }

    /** A log of {@code versions} tiny commits stored straight into the bucket. */
    private void writeSyntheticLog(String prefix, int versions) throws Exception {
        String schema = "{\\\"type\\\":\\\"struct\\\",\\\"fields\\\":[{\\\"name\\\":\\\"a\\\",\\\"type\\\":\\\"integer\\\","
                + "\\\"nullable\\\":true,\\\"metadata\\\":{}}]}";
        for (int v = 0; v < versions; v++) {
            String add = "{\"add\":{\"path\":\"part-" + v + ".parquet\",\"partitionValues\":{},\"size\":" + (100 + v)
                    + ",\"modificationTime\":" + v + ",\"dataChange\":true}}\n";
            String body = v > 0 ? add : "{\"protocol\":{\"minReaderVersion\":1,\"minWriterVersion\":2}}\n"
                    + "{\"metaData\":{\"id\":\"synthetic\",\"format\":{\"provider\":\"parquet\",\"options\":{}},"
                    + "\"schemaString\":\"" + schema + "\",\"partitionColumns\":[],\"configuration\":{},"
                    + "\"createdTime\":0}}\n" + add;
            s3.put(BUCKET, prefix + "/_delta_log/" + String.format("%020d.json", v), body.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void assertNowhere(String secret, Throwable e, String... texts) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).doesNotContain(secret);
        for (String t : texts) {
            assertThat(t).doesNotContain(secret);
        }
    }
}
