package io.cachesh.client.error;

/** An asynchronous task ended in failure; {@link #getMessage()} carries the vendor's task message. */
public class TaskFailedException extends ApiException {

    private final long taskId;
    private final String status;

    public TaskFailedException(String vendor, long taskId, String status, String taskMessage, String requestId) {
        super(vendor, "TaskFailed", "task " + taskId + " ended " + status + ": " + taskMessage, requestId, 200);
        this.taskId = taskId;
        this.status = status;
    }

    public long taskId() {
        return taskId;
    }

    /** The final status, e.g. {@code failed} or {@code error}. */
    public String status() {
        return status;
    }
}
