package io.cachesh.client.internal;

import io.cachesh.client.auth.HuaweiTokenAuth;
import io.cachesh.client.core.ApiRequest;
import io.cachesh.client.core.Interceptor;
import io.cachesh.client.error.ApiException;

/**
 * Huawei token auth, right after signing: when an attempt carrying an IAM token is refused with 401, the token is
 * dropped, the request is built again with a fresh one and sent once more. A second 401 is the caller's.
 */
public final class TokenRefreshInterceptor implements Interceptor {

    private final HuaweiRestProtocol protocol;
    private final HuaweiTokenAuth auth;

    public TokenRefreshInterceptor(HuaweiRestProtocol protocol) {
        this.protocol = protocol;
        this.auth = protocol.tokenAuth();
        if (auth == null) throw new IllegalArgumentException("the protocol does not use IAM tokens");
    }

    @Override
    public Object intercept(Chain chain) {
        ApiRequest request = chain.request();
        HuaweiTokenAuth.Token used = auth.token();
        try {
            return chain.proceed(request);
        } catch (ApiException e) {
            if (e.httpStatus() != 401) throw e;
            auth.invalidate(used);
            ApiRequest again = request.newBuilder().httpRequest(protocol.sign(request)).build();
            return chain.proceed(again);
        }
    }

    @Override
    public String toString() {
        return "TokenRefreshInterceptor";
    }
}
