package dev.fakeguru.internal.engine;

/** An AWS-modelled error the fake answers with: status, error type and message. Internal. */
public final class ServiceException extends RuntimeException {

  private static final long serialVersionUID = 1L;
  private final int status;
  private final String errorType;

  public ServiceException(int status, String errorType, String message) {
    super(message, null, false, false);
    this.status = status;
    this.errorType = errorType;
  }

  public int status() {
    return status;
  }

  public String errorType() {
    return errorType;
  }

  public static ServiceException validation(String message) {
    return new ServiceException(400, "ValidationException", message);
  }

  /** The AWS-style message for one failed constraint of one member. */
  public static ServiceException invalidMember(String member, Object value, String constraint) {
    return validation(
        "1 validation error detected: Value "
            + (value == null ? "null" : "'" + value + "'")
            + " at '"
            + member
            + "' failed to satisfy constraint: "
            + constraint);
  }

  public static ServiceException notFound(String message) {
    return new ServiceException(404, "ResourceNotFoundException", message);
  }

  public static ServiceException conflict(String message) {
    return new ServiceException(409, "ConflictException", message);
  }

  public static ServiceException quotaExceeded(String message) {
    return new ServiceException(402, "ServiceQuotaExceededException", message);
  }

  public static ServiceException groupNotFound(String name) {
    return notFound("Profiling group '" + name + "' does not exist.");
  }
}
