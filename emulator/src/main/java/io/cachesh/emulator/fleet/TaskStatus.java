package io.cachesh.emulator.fleet;

/** Status of an asynchronous task, with Tencent's DescribeTaskInfo word and DescribeTaskList number. */
public enum TaskStatus {
    PREPARING("preparing", 0),
    RUNNING("running", 1),
    SUCCEED("succeed", 2),
    FAILED("failed", 4);

    private final String wire;
    private final int result;

    TaskStatus(String wire, int result) {
        this.wire = wire;
        this.result = result;
    }

    /** {@code DescribeTaskInfo.Status}: preparing, running, succeed, failed. */
    public String wire() {
        return wire;
    }

    /** {@code DescribeTaskList.Tasks[].Result}: 0, 1, 2, 4. */
    public int result() {
        return result;
    }

    public boolean done() {
        return this == SUCCEED || this == FAILED;
    }
}
