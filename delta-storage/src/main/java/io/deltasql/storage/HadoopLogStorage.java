package io.deltasql.storage;

import io.deltasql.log.storage.FileEntry;
import io.deltasql.log.storage.LogStorage;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.util.functional.FutureIO;
import org.apache.parquet.hadoop.util.HadoopStreams;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * {@link LogStorage} on the Hadoop FileSystem API: local paths and {@code file://} today, object
 * stores (s3a, gs, abfs) through the same class once their connectors are on the class path.
 *
 * <p>Hadoop checksum verification is off on purpose: real tables carry stale {@code .xxx.crc}
 * sidecars (the upstream authors edited files by hand), and a Delta reader must not fail on them.
 * For the local file system we therefore use the raw file system, which also lists the sidecars
 * like any other file (the log listing ignores them by name).
 */
public final class HadoopLogStorage implements LogStorage {
    private final FileSystem fs;
    /** The bucket/container was found once: a missing file is then just missing (no request per miss). */
    private volatile boolean bucketSeen;

    /** Opens a private (uncached) file system for {@code root}, so closing it affects nobody else. */
    public HadoopLogStorage(URI root, Configuration conf) throws IOException {
        FileSystem opened = FileSystem.newInstance(root, conf);
        opened.setVerifyChecksum(false);
        this.fs = opened instanceof LocalFileSystem local ? local.getRaw() : opened;
        this.fs.setVerifyChecksum(false);
    }

    @Override
    public List<FileEntry> list(String dir, String startAfter) throws IOException {
        if (fs instanceof RawLocalFileSystem local && startAfter != null) {
            return listLocalAfter(local, dir, startAfter);
        }
        return listAll(dir, startAfter);
    }

    /**
     * The local file system stats every file it lists, so polling a long log after its last version
     * cost time in proportion to the whole log (a few thousand stats per poll; object stores do
     * {@code start-after} on the server). Here only names are listed and just the files after
     * {@code startAfter} are stat'ed. Same entries, same order as {@link #listAll}.
     */
    private List<FileEntry> listLocalAfter(RawLocalFileSystem local, String dir, String startAfter) throws IOException {
        Path qualifiedDir = local.makeQualified(new Path(dir));
        java.nio.file.Path nioDir = local.pathToFile(qualifiedDir).toPath();
        List<FileEntry> entries = new ArrayList<>();
        try (DirectoryStream<java.nio.file.Path> names = Files.newDirectoryStream(nioDir)) {
            for (java.nio.file.Path p : names) {
                String name = p.getFileName().toString();
                if (name.compareTo(startAfter) <= 0) {
                    continue;
                }
                BasicFileAttributes attrs;
                try {
                    attrs = Files.readAttributes(p, BasicFileAttributes.class);
                } catch (NoSuchFileException e) {
                    continue; // removed since the listing (log cleanup)
                }
                if (!attrs.isRegularFile()) {
                    continue; // _sidecars/, _staged_commits/, _autostats/: never log entries themselves
                }
                entries.add(new FileEntry(new Path(qualifiedDir, name).toString(), name, attrs.size(),
                        attrs.lastModifiedTime().toMillis()));
            }
        } catch (NoSuchFileException | NotDirectoryException e) {
            return List.of();
        }
        entries.sort(Comparator.comparing(FileEntry::name));
        return entries;
    }

    @Override
    public List<String> listDirectories(String dir) throws IOException {
        FileStatus[] statuses;
        try {
            statuses = fs.listStatus(new Path(dir));
        } catch (FileNotFoundException e) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (FileStatus status : statuses) {
            if (status.isDirectory()) {
                names.add(status.getPath().getName());
            }
        }
        names.sort(Comparator.naturalOrder());
        return names;
    }

    /**
     * Every file of {@code dir} through the Hadoop API, those after {@code startAfter} kept. A missing
     * directory is an empty list — unless the whole bucket/container is missing, which is an error.
     */
    List<FileEntry> listAll(String dir, String startAfter) throws IOException {
        FileStatus[] statuses;
        try {
            statuses = fs.listStatus(new Path(dir));
        } catch (FileNotFoundException e) {
            checkBucketExists(dir);
            return List.of();
        }
        List<FileEntry> entries = new ArrayList<>(statuses.length);
        for (FileStatus status : statuses) {
            if (!status.isFile()) {
                continue; // _sidecars/, _staged_commits/, _autostats/: never log entries themselves
            }
            String name = status.getPath().getName();
            if (startAfter == null || name.compareTo(startAfter) > 0) {
                entries.add(toEntry(status));
            }
        }
        entries.sort(Comparator.comparing(FileEntry::name));
        return entries;
    }

    /** An object store's root missing means no bucket/container: say so instead of "not a Delta table". */
    private void checkBucketExists(String dir) throws IOException {
        if (fs instanceof RawLocalFileSystem || bucketSeen) {
            return;
        }
        Path root = new Path(new Path(dir).toUri().resolve("/"));
        try {
            fs.getFileStatus(root);
        } catch (FileNotFoundException missing) {
            String authority = root.toUri().getAuthority();
            int at = authority == null ? -1 : authority.indexOf('@');
            String name = at >= 0 ? authority.substring(0, at) : authority;
            throw new StorageBucketMissing("no such " + (at >= 0 ? "container" : "bucket") + " '" + name + "'");
        }
        bucketSeen = true;
    }

    @Override
    public FileEntry stat(String path) throws IOException {
        try {
            FileStatus status = fs.getFileStatus(new Path(path));
            // A directory has no size of its own (the local disk would say 4096): 0, as on every object store.
            return status.isDirectory() ? new FileEntry(status.getPath().toString(), status.getPath().getName(), 0,
                    status.getModificationTime()) : toEntry(status);
        } catch (FileNotFoundException e) {
            checkBucketExists(path);
            return null;
        }
    }

    @Override
    public InputStream open(String path) throws IOException {
        return fs.open(new Path(path));
    }

    /**
     * With the listed length as Hadoop's standard open option, S3A reads without first asking for the
     * object's status (a HEAD per commit); a file system that does not know the option ignores it.
     */
    @Override
    public InputStream open(FileEntry file) throws IOException {
        if (file.size() <= 0 || fs instanceof RawLocalFileSystem) {
            return open(file.path());
        }
        return FutureIO.awaitFuture(fs.openFile(new Path(file.path()))
                .opt(Options.OpenFileOptions.FS_OPTION_OPENFILE_LENGTH, Long.toString(file.size()))
                .opt(Options.OpenFileOptions.FS_OPTION_OPENFILE_READ_POLICY,
                        Options.OpenFileOptions.FS_OPTION_OPENFILE_READ_POLICY_WHOLE_FILE)
                .build());
    }

    /** A local file system has no round trip to hide; a remote one waits one per file. */
    @Override
    public int readsAhead() {
        return fs instanceof RawLocalFileSystem ? 1 : REMOTE_READS_AHEAD;
    }

    @Override
    public InputFile parquetFile(FileEntry file) {
        // Our own InputFile (not HadoopInputFile.fromPath) so reads go through this checksum-free
        // file system instead of a cached, checksumming one.
        Path path = new Path(file.path());
        long length = file.size();
        return new InputFile() {
            @Override
            public long getLength() {
                return length;
            }

            @Override
            public SeekableInputStream newStream() throws IOException {
                return HadoopStreams.wrap(fs.open(path));
            }

            @Override
            public String toString() {
                return path.toString();
            }
        };
    }

    @Override
    public void close() throws IOException {
        fs.close();
    }

    /** The file system underneath, for storages that need its internals (S3A's credential chain). */
    org.apache.hadoop.fs.FileSystem fileSystem() {
        return fs;
    }

    @Override
    public String toString() {
        return "HadoopLogStorage{" + fs.getUri() + "}";
    }

    private static FileEntry toEntry(FileStatus status) {
        return new FileEntry(status.getPath().toString(), status.getPath().getName(), status.getLen(),
                status.getModificationTime());
    }
}
