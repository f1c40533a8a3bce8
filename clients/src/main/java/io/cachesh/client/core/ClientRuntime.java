package io.cachesh.client.core;

import io.cachesh.client.internal.DefaultClientRuntime;
import io.cachesh.model.ApiModel;
import java.util.List;
import java.util.function.Function;

/**
 * Everything between a typed client method and the wire: endpoint, protocol (marshalling, signing, the vendor's
 * envelope and errors), rate limit, retries and pagination. Generated clients delegate every call here; the
 * shell and the DSL use it for untyped calls ({@code invoke(OperationInfo.of(model, "DescribeInstances"),
 * objectNode, JsonNode.class)}).
 */
public interface ClientRuntime extends AutoCloseable {

    /** A runtime for one client of {@code model}; connections are pooled across all runtimes. */
    static ClientRuntime create(ApiModel model, ClientConfig config) {
        return new DefaultClientRuntime(model, config);
    }

    ApiModel model();

    ClientConfig config();

    /**
     * Calls {@code operation} with {@code request} (a generated request object, a Jackson tree or a {@code Map})
     * and binds the answer to {@code responseType}.
     *
     * @throws io.cachesh.client.error.ApiException        the vendor answered an error (or a non-200 status)
     * @throws io.cachesh.client.error.TransportException  no answer after the retries allowed
     * @throws io.cachesh.client.error.MalformedResponseException the answer was not the vendor's envelope
     */
    <T> T invoke(OperationInfo operation, Object request, Class<T> responseType);

    /** The items of a paginated operation, fetched lazily page by page starting at the request's offset. */
    <R, I> Iterable<I> paginate(OperationInfo operation, Object request, Class<R> responseType,
                                Function<R, List<I>> items);

    /** Further calls fail; the shared connection pool stays up for other clients. */
    @Override
    void close();
}
