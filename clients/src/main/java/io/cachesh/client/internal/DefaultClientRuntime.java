package io.cachesh.client.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.client.core.ClientConfig;
import io.cachesh.client.core.ClientRuntime;
import io.cachesh.client.core.OperationInfo;
import io.cachesh.client.core.ApiRequest;
import io.cachesh.client.core.Interceptor;
import io.cachesh.client.paginate.Paginator;
import io.cachesh.model.ApiModel;
import io.cachesh.model.PaginationModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import okhttp3.HttpUrl;

/**
 * The runtime of one client: resolves the endpoint, picks the protocol from {@code model.protocol()} and runs
 * every call through the {@link Interceptor} chain: the config's application interceptors, retry, rate limit,
 * signing (inside retry, as a signature contains its timestamp), the config's network interceptors, logging and
 * the call to the server.
 */
public final class DefaultClientRuntime implements ClientRuntime {

    private static final System.Logger LOGGER = System.getLogger("io.cachesh.client");

    private final ApiModel model;
    private final ClientConfig config;
    private final HttpUrl url;
    private final ObjectMapper mapper = Transport.MAPPER;
    private final List<Interceptor> interceptors;
    private volatile boolean closed;

    public DefaultClientRuntime(ApiModel model, ClientConfig config) {
        this.model = Objects.requireNonNull(model, "model == null");
        this.config = Objects.requireNonNull(config, "config == null");
        this.url = endpoint(model, config);
        Consumer<String> log = config.requestLog() != null ? config.requestLog()
                : line -> LOGGER.log(System.Logger.Level.DEBUG, line);
        Protocol protocol = switch (String.valueOf(model.protocol())) {
            case Tc3JsonProtocol.ID -> new Tc3JsonProtocol(model, config, url, mapper);
            case HuaweiRestProtocol.ID, HuaweiRestProtocol.V1_ID -> HuaweiRestProtocol.of(model, config, url, mapper);
            case TencentV2FormProtocol.ID -> new TencentV2FormProtocol(model, config, url);
            case CapitalOnlineProtocol.ID -> new CapitalOnlineProtocol(model, config, url);
            default -> throw new IllegalArgumentException(model.service() + ": protocol " + model.protocol()
                    + " is not supported (supported: " + Tc3JsonProtocol.ID + ", " + HuaweiRestProtocol.ID + ", "
                    + HuaweiRestProtocol.V1_ID + ", " + TencentV2FormProtocol.ID + ", " + CapitalOnlineProtocol.ID + ")");
        };
        List<Interceptor> stages = new ArrayList<>(config.interceptors());
        stages.add(new RetryInterceptor(config.retryPolicy()));
        stages.add(new RateLimitInterceptor(config.rateLimiting()));
        stages.add(new SigningInterceptor(protocol));
        if (protocol instanceof HuaweiRestProtocol rest && rest.tokenAuth() != null) {
            stages.add(new TokenRefreshInterceptor(rest));
        }
        stages.addAll(config.networkInterceptors());
        java.util.function.BooleanSupplier logEnabled = config.requestLog() != null ? () -> true
                : () -> LOGGER.isLoggable(System.Logger.Level.DEBUG);
        stages.add(new LoggingInterceptor(log, logEnabled));
        stages.add(new CallServerInterceptor(Transport.httpClient(config), protocol, url.toString()));
        this.interceptors = List.copyOf(stages);
    }

    /** The override when given (a bare {@code host[:port]} means https), else https to the model's host for the region. */
    public static HttpUrl endpoint(ApiModel model, ClientConfig config) {
        String endpoint = config.endpoint();
        if (endpoint == null || endpoint.isBlank()) {
            String host = model.endpointFor(config.region());
            if (host == null) throw new IllegalArgumentException(model.service() + " has no endpoint for region " + config.region());
            endpoint = "https://" + host;
        } else if (!endpoint.toLowerCase(Locale.ROOT).matches("^https?://.*")) {
            endpoint = "https://" + endpoint;
        }
        HttpUrl parsed = HttpUrl.parse(endpoint);
        if (parsed == null) throw new IllegalArgumentException("not an endpoint URL: " + endpoint);
        return parsed.newBuilder().encodedPath("/").query(null).build();
    }

    @Override
    public ApiModel model() {
        return model;
    }

    @Override
    public ClientConfig config() {
        return config;
    }

    public HttpUrl url() {
        return url;
    }

    /** The stages every call runs through, outermost first (see {@link Interceptor}). */
    public List<Interceptor> interceptors() {
        return interceptors;
    }

    @Override
    public <T> T invoke(OperationInfo operation, Object request, Class<T> responseType) {
        Objects.requireNonNull(operation, "operation == null");
        Objects.requireNonNull(responseType, "responseType == null");
        if (closed) throw new IllegalStateException(model.service() + " client is closed");
        ApiRequest call = ApiRequest.builder().service(model.service()).operation(operation)
                .body(marshal(operation, request)).responseType(responseType).build();
        return responseType.cast(new RealInterceptorChain(interceptors, 0, call).proceed(call));
    }

    @Override
    public <R, I> Iterable<I> paginate(OperationInfo operation, Object request, Class<R> responseType,
                                       Function<R, List<I>> items) {
        PaginationModel pagination = operation.pagination();
        if (pagination == null) throw new IllegalArgumentException(operation.name() + " is not paginated");
        ObjectNode first = request == null ? mapper.createObjectNode() : mapper.valueToTree(request);
        String offsetName = pagination.offset();
        String limitName = pagination.limit();
        String totalName = pagination.total();
        long defaultOffset = pagination.firstPage() != null ? pagination.firstPage() : (pagination.pageBased() ? 1 : 0);
        long offset = first.path(offsetName).asLong(defaultOffset);
        long limit = first.hasNonNull(limitName) ? first.get(limitName).asLong()
                : pagination.maxLimit() != null ? pagination.maxLimit() : 20;
        Paginator<R, I> paginator = Paginator.of(pagination, offset, limit, (o, l) -> {
            ObjectNode page = first.deepCopy();
            page.put(offsetName, o);
            page.put(limitName, l);
            return invoke(operation, page, responseType);
        }, items, page -> total(page, totalName));
        return paginator;
    }

    private Long total(Object page, String totalName) {
        if (totalName == null || page == null) return null;
        JsonNode total = OperationInfo.at(mapper.valueToTree(page), totalName);
        if (total != null && total.isTextual() && total.asText().strip().matches("-?\\d+")) {
            return Long.parseLong(total.asText().strip());
        }
        return total == null || !total.canConvertToLong() ? null : total.asLong();
    }

    private byte[] marshal(OperationInfo operation, Object request) {
        try {
            return request == null ? "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8) : mapper.writeValueAsBytes(request);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(operation.name() + ": cannot write the request as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public String toString() {
        return "ClientRuntime[" + model.service() + " at " + url + ", " + config + "]";
    }
}
