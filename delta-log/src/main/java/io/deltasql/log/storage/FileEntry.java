package io.deltasql.log.storage;

/**
 * A file as listed by {@link LogStorage}.
 *
 * @param path             the full location, usable with {@link LogStorage#open(String)}
 * @param name             the last path segment
 * @param size             bytes
 * @param modificationTime epoch millis
 */
public record FileEntry(String path, String name, long size, long modificationTime) {
}
