package dev.fakeguru.junit5.internal;

import java.lang.reflect.AnnotatedElement;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Points AWS SDK v2 clients that the code under test builds with defaults at the fake, through the
 * SDK's documented system properties, and puts the previous values back afterwards.
 *
 * <p>Property names were checked against AWS SDK 2.40.2: {@code aws.endpointUrl} is read by {@code
 * AwsClientEndpointProvider}; {@code aws.endpointUrlCodeGuruProfiler} by the generated {@code
 * DefaultCodeGuruProfilerBaseClientBuilder}; {@code aws.region}, {@code aws.accessKeyId}, {@code
 * aws.secretAccessKey} and {@code aws.sessionToken} are {@code SdkSystemSetting}s. Any session
 * token is cleared so that real temporary credentials are not mixed with the dummy ones.
 *
 * <p>System properties are JVM-wide: callers must make sure no other test reads or writes them at
 * the same time (a {@code SYSTEM_PROPERTIES} resource lock).
 *
 * @since 0.1
 */
public final class SystemPropertyOverride {
  /** The global endpoint override, honoured by every SDK v2 service client. */
  public static final String ENDPOINT_URL = "aws.endpointUrl";

  /** The CodeGuru Profiler endpoint override; wins over the global one. */
  public static final String SERVICE_ENDPOINT_URL = "aws.endpointUrlCodeGuruProfiler";

  /** The default region. */
  public static final String REGION = "aws.region";

  /** The default access key id. */
  public static final String ACCESS_KEY_ID = "aws.accessKeyId";

  /** The default secret key. */
  public static final String SECRET_ACCESS_KEY = "aws.secretAccessKey";

  /** A session token, cleared while the override is in place. */
  public static final String SESSION_TOKEN = "aws.sessionToken";

  private SystemPropertyOverride() {}

  /**
   * Sets the properties for {@code endpoint} and {@code region}; closing the result restores them.
   */
  public static StoreResource<Map<String, String>> apply(URI endpoint, String region) {
    Map<String, String> wanted = new LinkedHashMap<>();
    wanted.put(ENDPOINT_URL, endpoint.toString());
    wanted.put(SERVICE_ENDPOINT_URL, endpoint.toString());
    wanted.put(REGION, region);
    wanted.put(ACCESS_KEY_ID, "test");
    wanted.put(SECRET_ACCESS_KEY, "test");
    wanted.put(SESSION_TOKEN, null);
    Map<String, String> previous = new LinkedHashMap<>();
    wanted.forEach(
        (key, value) -> {
          previous.put(key, System.getProperty(key));
          set(key, value);
        });
    return new StoreResource<>(
        Map.copyOf(withoutNulls(wanted)), () -> previous.forEach(SystemPropertyOverride::set));
  }

  private static Map<String, String> withoutNulls(Map<String, String> map) {
    Map<String, String> copy = new LinkedHashMap<>(map);
    copy.values().removeIf(v -> v == null);
    return copy;
  }

  private static void set(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }

  /**
   * Under parallel execution, requires the test (method, class or an enclosing class) to hold the
   * {@code SYSTEM_PROPERTIES} lock or to be {@code @Isolated}: nothing else may use the properties
   * while they point at the fake.
   *
   * @param who how the failure names the extension
   * @throws ExtensionConfigurationException saying what to annotate
   */
  public static void requireLock(ExtensionContext context, String who) {
    boolean parallel =
        context
            .getConfigurationParameter("junit.jupiter.execution.parallel.enabled")
            .map(Boolean::parseBoolean)
            .orElse(false);
    if (!parallel) {
      return;
    }
    List<AnnotatedElement> sites = new ArrayList<>();
    context.getTestMethod().ifPresent(sites::add);
    context.getTestClass().ifPresent(sites::add);
    sites.addAll(context.getEnclosingTestClasses());
    for (AnnotatedElement site : sites) {
      if (AnnotationSupport.isAnnotated(site, Isolated.class)) {
        return;
      }
      for (ResourceLock lock :
          AnnotationSupport.findRepeatableAnnotations(site, ResourceLock.class)) {
        if (lock.value().equals(Resources.SYSTEM_PROPERTIES)
            && lock.mode() == ResourceAccessMode.READ_WRITE) {
          return;
        }
      }
    }
    String where =
        context.getTestMethod().isPresent() ? "the test class or method" : "the test class";
    throw new ExtensionConfigurationException(
        who
            + " has pointSdkClientsAtFake(true), which sets JVM-wide system properties, but parallel"
            + " execution is enabled and nothing keeps other tests from using them meanwhile. Annotate "
            + where
            + " with @ResourceLock(Resources.SYSTEM_PROPERTIES) (or @Isolated).");
  }
}
