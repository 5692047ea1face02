package dev.fakeguru.findings;

import org.apiguardian.api.API;

/**
 * Whether a user found an anomaly useful: the API's {@code FeedbackType}, sent with SubmitFeedback
 * and shown as an {@link AnomalyInstance#userFeedback() anomaly instance's userFeedback}.
 *
 * <pre>{@code
 * assertThat(fake.receivedFeedback().get(0).type()).isEqualTo(FeedbackType.POSITIVE);
 * }</pre>
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public enum FeedbackType {
  /** {@code Positive}: the anomaly was useful. */
  POSITIVE("Positive"),
  /** {@code Negative}: it was not. */
  NEGATIVE("Negative");

  private final String wireName;

  FeedbackType(String wireName) {
    this.wireName = wireName;
  }

  /**
   * The value on the wire.
   *
   * @return {@code Positive} or {@code Negative}
   */
  public String wireName() {
    return wireName;
  }

  /**
   * The type a wire value names.
   *
   * @param wireName {@code Positive} or {@code Negative}
   * @return the type
   * @throws IllegalArgumentException for any other value
   */
  public static FeedbackType fromWireName(String wireName) {
    for (FeedbackType t : values()) {
      if (t.wireName.equals(wireName)) {
        return t;
      }
    }
    throw new IllegalArgumentException(
        "A feedback type is Positive or Negative, but was '" + wireName + "'");
  }
}
