package io.cachesh.client.error;

/** An asynchronous task ended in failure; {@link #getMessage()} carries the vendor's task message. */
public class TaskFailedException extends ApiException {

    private final long taskId;
    private final String status;
    private final String taskIdText;

    public TaskFailedException(String vendor, long taskId, String status, String taskMessage, String requestId) {
        super(vendor, "TaskFailed", "task " + taskId + " ended " + status + ": " + taskMessage, requestId, 200);
        this.taskId = taskId;
        this.status = status;
        this.taskIdText = Long.toString(taskId);
    }

    /** A task or job with a textual id (Huawei job ids are 32 hex digits); {@link #taskId()} is -1 unless it is a number. */
    public TaskFailedException(String vendor, String taskId, String status, String taskMessage, String requestId) {
        super(vendor, "TaskFailed", "task " + taskId + " ended " + status + ": " + taskMessage, requestId, 200);
        this.taskId = numeric(taskId);
        this.status = status;
        this.taskIdText = taskId;
    }

    private static long numeric(String id) {
        try {
            return id == null ? -1 : Long.parseLong(id);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public long taskId() {
        return taskId;
    }

    /** The task or job id as the vendor spells it. */
    public String taskIdText() {
        return taskIdText;
    }

    /** The final status, e.g. {@code failed} or {@code error}. */
    public String status() {
        return status;
    }
}
