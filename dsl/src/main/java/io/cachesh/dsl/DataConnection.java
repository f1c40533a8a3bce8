package io.cachesh.dsl;

/** A connection to an instance's data plane ({@link RedisConnection}, {@link MemcachedConnection}): closing it throws nothing. */
public interface DataConnection extends AutoCloseable {

    @Override
    void close();
}
