package dev.fakeguru.junit5.internal;

/**
 * Recognises the AWS SDK's CodeGuru Profiler client types by name, without loading any SDK class,
 * so that the extension works when the optional SDK is absent. {@link SdkClients} does the
 * building.
 *
 * @since 0.1
 */
public final class SdkSupport {
  /** The synchronous client's class name. */
  public static final String SYNC_CLIENT =
      "software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient";

  /** The asynchronous client's class name. */
  public static final String ASYNC_CLIENT =
      "software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerAsyncClient";

  private SdkSupport() {}

  /**
   * Whether the CodeGuru Profiler SDK can be loaded from {@code loader} (or this class's loader).
   */
  public static boolean available(ClassLoader loader) {
    for (ClassLoader l : new ClassLoader[] {loader, SdkSupport.class.getClassLoader()}) {
      try {
        Class.forName(SYNC_CLIENT, false, l);
        return true;
      } catch (ClassNotFoundException | LinkageError e) {
        // try the next loader
      }
    }
    return false;
  }

  /** Whether {@code type} is one of the client types the extension injects. */
  public static boolean isClientType(Class<?> type) {
    return type.getName().equals(SYNC_CLIENT) || type.getName().equals(ASYNC_CLIENT);
  }
}
