package io.deltasql.connect.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltasql.connect.metrics.SourceTableMetrics;
import io.deltasql.connect.record.VersionRecordCodec;
import io.deltasql.log.CloseableIterator;
import io.deltasql.log.Origin;
import io.deltasql.log.VersionBatch;
import io.deltasql.log.action.Action;
import io.deltasql.log.action.ActionCodec;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeMap;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/** The reader's position logic over an in-memory log: bounded polls, version ends, resume inside a version. */
class TableReaderTest {

    /** A log in memory: version → action count; counts listings and re-opens. */
    static final class MemoryFeed implements VersionFeed {
        final TreeMap<Long, Integer> commits = new TreeMap<>();
        final TreeMap<Long, Integer> checkpoints = new TreeMap<>();
        int listings;
        final List<String> plans = new ArrayList<>();
        /** Versions whose action 1 gets a 5000-character path (a large action). */
        final java.util.Set<Long> padded = new java.util.HashSet<>();

        @Override
        public long newestVersionFrom(long fromVersion) {
            listings++;
            long newest = Math.max(commits.isEmpty() ? -1 : commits.lastKey(), checkpoints.isEmpty() ? -1 : checkpoints.lastKey());
            return newest >= fromVersion ? newest : -1;
        }

        @Override
        public CloseableIterator<VersionBatch> versionsFrom(long from, Long upTo, boolean checkpointBase) {
            plans.add(from + ".." + upTo + (checkpointBase ? " cp" : ""));
            List<VersionBatch> out = new ArrayList<>();
            long last = upTo == null ? commits.lastKey() : upTo;
            long v = from;
            if (checkpointBase) {
                Long cp = checkpoints.floorKey(last);
                if (cp != null && cp >= from) {
                    out.add(batch(cp, Origin.CHECKPOINT, checkpoints.get(cp)));
                    v = cp + 1;
                }
            }
            for (; v <= last; v++) {
                if (commits.containsKey(v)) {
                    out.add(batch(v, Origin.COMMIT, commits.get(v)));
                }
            }
            Iterator<VersionBatch> it = out.iterator();
            return new CloseableIterator<>() {
                public boolean hasNext() {
                    return it.hasNext();
                }

                public VersionBatch next() {
                    return it.next();
                }

                public void close() {
                }
            };
        }

        VersionBatch batch(long version, Origin origin, int count) {
            String pad = padded.contains(version) ? "x".repeat(5000) : "";
            return new VersionBatch(version, origin, 1000 + version, count, () -> {
                Iterator<Integer> i = java.util.stream.IntStream.range(0, count).boxed().iterator();
                return new CloseableIterator<Action>() {
                    public boolean hasNext() {
                        return i.hasNext();
                    }

                    public Action next() {
                        int n = i.next();
                        return ActionCodec.parse("{\"add\":{\"path\":\"" + origin + "-v" + version + "-" + n
                                + (n == 1 ? pad : "") + "\",\"size\":1,\"modificationTime\":1,\"dataChange\":true}}");
                    }

                    public void close() {
                    }
                };
            });
        }

        @Override
        public void close() {
        }
    }

    private static TableReader reader(MemoryFeed feed, SourceOffset offset, StartMode mode) {
        return new TableReader(new TableSpec("t", "file:///t"), "p.t", feed, offset, mode, 1000, null,
                SourceTableMetrics.unregistered("t"), RecordSizeLimit.from(java.util.Map.of()));
    }

    private static String id(SourceRecord r) {
        Struct v = (Struct) r.value();
        return v.getInt64("version") + ":" + v.getInt64("index") + "/" + v.getInt64("count");
    }

    @Test
    void pollsAreBoundedAndMarkTheLastRecordOfEachVersion() {
        MemoryFeed feed = new MemoryFeed();
        feed.commits.put(0L, 3);
        feed.commits.put(1L, 2);
        TableReader reader = reader(feed, null, StartMode.FULL);
        List<SourceRecord> ends = new ArrayList<>();
        List<SourceRecord> first = reader.poll(2, 0, ends);
        assertThat(first).extracting(TableReaderTest::id).containsExactly("0:0/3", "0:1/3");
        assertThat(ends).isEmpty();
        List<SourceRecord> second = reader.poll(10, 0, ends);
        assertThat(second).extracting(TableReaderTest::id).containsExactly("0:2/3", "1:0/2", "1:1/2");
        assertThat(ends).extracting(TableReaderTest::id).containsExactly("0:2/3", "1:1/2");
        assertThat(second.get(0).sourceOffset().get("complete")).isEqualTo(true);
        assertThat(second.get(0).sourceOffset().get("version")).isEqualTo(0L);
        assertThat(second.get(0).kafkaPartition()).isZero();
        assertThat(second.get(0).sourcePartition().get("table")).isEqualTo("file:///t");
        assertThat(VersionRecordCodec.decode(second.get(0).value()).location()).isEqualTo("file:///t");
        assertThat(reader.nextVersion()).isEqualTo(2);
    }

    @Test
    void anIdleTableCostsOneListingPerInterval() {
        MemoryFeed feed = new MemoryFeed();
        feed.commits.put(0L, 1);
        TableReader reader = reader(feed, null, StartMode.FULL);
        reader.poll(10, 0, new ArrayList<>());
        int plans = feed.plans.size();
        assertThat(reader.poll(10, 10, new ArrayList<>())).isEmpty(); // before the interval: not even a listing
        int listings = feed.listings;
        assertThat(reader.poll(10, 5000, new ArrayList<>())).isEmpty();
        assertThat(feed.listings).isEqualTo(listings + 1);
        assertThat(feed.plans).hasSize(plans);
        feed.commits.put(1L, 2);
        assertThat(reader.poll(10, 10_000, new ArrayList<>())).extracting(TableReaderTest::id).containsExactly("1:0/2", "1:1/2");
    }

    @Test
    void resumesInsideAVersionSkippingWhatWasSent() {
        MemoryFeed feed = new MemoryFeed();
        feed.commits.put(0L, 2);
        feed.commits.put(1L, 4);
        TableReader reader = reader(feed, new SourceOffset(1, 1, false, Origin.COMMIT), StartMode.FULL);
        assertThat(reader.poll(10, 0, new ArrayList<>())).extracting(TableReaderTest::id).containsExactly("1:2/4", "1:3/4");
        assertThat(feed.plans).containsExactly("1..null");
    }

    @Test
    void resumesAfterACompleteVersion() {
        MemoryFeed feed = new MemoryFeed();
        feed.commits.put(0L, 2);
        feed.commits.put(1L, 1);
        TableReader reader = reader(feed, new SourceOffset(0, 1, true, Origin.COMMIT), StartMode.FULL);
        assertThat(reader.poll(10, 0, new ArrayList<>())).extracting(TableReaderTest::id).containsExactly("1:0/1");
    }

    @Test
    void resumeInsideACheckpointBaseReadsThatCheckpointAgain() {
        MemoryFeed feed = new MemoryFeed();
        feed.checkpoints.put(2L, 5);
        feed.commits.put(2L, 1);
        feed.commits.put(3L, 1);
        TableReader reader = reader(feed, new SourceOffset(2, 2, false, Origin.CHECKPOINT), StartMode.CHECKPOINT);
        List<SourceRecord> out = reader.poll(10, 0, new ArrayList<>());
        assertThat(out).extracting(TableReaderTest::id).containsExactly("2:3/5", "2:4/5");
        assertThat(((Struct) out.get(0).value()).getString("origin")).isEqualTo("CHECKPOINT");
        assertThat(feed.plans).containsExactly("2..2 cp");
        assertThat(reader.poll(10, 5000, new ArrayList<>())).extracting(TableReaderTest::id).containsExactly("3:0/1");
    }

    @Test
    void checkpointStartModeBeginsWithTheNewestCheckpoint() {
        MemoryFeed feed = new MemoryFeed();
        feed.commits.put(0L, 1);
        feed.commits.put(1L, 1);
        feed.checkpoints.put(1L, 3);
        feed.commits.put(2L, 1);
        TableReader reader = reader(feed, null, StartMode.CHECKPOINT);
        assertThat(reader.poll(10, 0, new ArrayList<>())).extracting(TableReaderTest::id)
                .containsExactly("1:0/3", "1:1/3", "1:2/3", "2:0/1");
    }

    @Test
    void anActionTooLargeFailsThePollAfterWhatPrecedesItIsSentAndIsNeverSkipped() {
        MemoryFeed feed = new MemoryFeed();
        feed.commits.put(0L, 2);
        feed.commits.put(1L, 3);
        feed.padded.add(1L);
        TableReader reader = new TableReader(new TableSpec("t", "file:///t"), "p.t", feed, null, StartMode.FULL, 1000,
                null, SourceTableMetrics.unregistered("t"), new RecordSizeLimit(4096, "test.limit", true));
        assertThat(reader.poll(10, 0, new ArrayList<>())).extracting(TableReaderTest::id)
                .containsExactly("0:0/2", "0:1/2", "1:0/3");
        for (int attempt = 0; attempt < 2; attempt++) {
            long later = System.currentTimeMillis() + 2000; // after the retry interval
            assertThatThrownBy(() -> reader.poll(10, later, new ArrayList<>()))
                    .isInstanceOf(ActionTooLargeException.class)
                    .hasMessageContaining("table t: action 1 (add) of version 1 is about")
                    .hasMessageContaining("over the 4096 bytes allowed by test.limit");
        }
        assertThat(reader.nextVersion()).isEqualTo(1);
    }
}
