package io.cachesh.dsl.huawei;

/** Test access to the Huawei adapter's password rule. */
public final class HuaweiPasswordRules {
    private HuaweiPasswordRules() {
    }

    public static void check(String pw) {
        HuaweiCacheService.checkPassword("create", "password", pw);
    }
}
