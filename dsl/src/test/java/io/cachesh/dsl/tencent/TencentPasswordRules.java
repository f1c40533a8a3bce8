package io.cachesh.dsl.tencent;

/** Test access to the Tencent adapter's password rule. */
public final class TencentPasswordRules {
    private TencentPasswordRules() {
    }

    public static void check(String pw) {
        TencentCacheService.checkPassword("create", "password", pw);
    }
}
