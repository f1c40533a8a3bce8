package io.cachesh.emulator.fleet;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Lifecycle of an instance, with the vendor status codes (Tencent {@code InstanceSet.Status}: 0 待初始化, 1 流程中,
 * 2 运行中, -2 已隔离, -3 待删除) and the allowed transitions.
 */
public enum InstanceStatus {
    TO_BE_INITIALIZED(0, "待初始化"),
    PROCESSING(1, "流程中"),
    RUNNING(2, "运行中"),
    ISOLATED(-2, "已隔离"),
    TO_BE_DELETED(-3, "待删除");

    private static final Map<InstanceStatus, Set<InstanceStatus>> NEXT = Map.of(
            TO_BE_INITIALIZED, EnumSet.of(PROCESSING, RUNNING),
            PROCESSING, EnumSet.of(RUNNING, ISOLATED, TO_BE_DELETED),
            RUNNING, EnumSet.of(PROCESSING, ISOLATED),
            ISOLATED, EnumSet.of(PROCESSING, RUNNING, TO_BE_DELETED),
            TO_BE_DELETED, EnumSet.noneOf(InstanceStatus.class));

    private final int code;
    private final String title;

    InstanceStatus(int code, String title) {
        this.code = code;
        this.title = title;
    }

    /** Tencent's numeric status code. */
    public int code() {
        return code;
    }

    /** Tencent's {@code InstanceTitle} text for this status. */
    public String title() {
        return title;
    }

    public boolean canMoveTo(InstanceStatus next) {
        return next == this || NEXT.get(this).contains(next);
    }

    public static InstanceStatus ofCode(int code) {
        for (InstanceStatus s : values()) {
            if (s.code == code) return s;
        }
        throw new IllegalArgumentException("unknown instance status code " + code);
    }
}
