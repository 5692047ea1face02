package dev.fakeguru.versions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.amazon.ion.IonReader;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.server.TestClients;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apiguardian.api.API;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The fake and the codec on the Jackson a user's BOM pins: each test loads core, WireMock, ion-java
 * and one Jackson release (copied by the build into {@code target/jackson/<version>}) into a class
 * loader of its own (or, for WireMock, one standalone release from {@code target/wiremock}), and
 * uses them only through reflection, as a user's class path would.
 */
class UnsupportedDependencyTest {
  /** The Jackson the WireMock tests load: the floor, copied for the tests above. */
  private static final String JACKSON_AT_FLOOR = "2.15.0";

  private static final String BELOW_FLOOR_MESSAGE =
      "FakeGuru needs Jackson (com.fasterxml.jackson.core:jackson-core) 2.15.0 or newer, but found"
          + " 2.14.3 (jackson-core-2.14.3.jar). A BOM or parent POM in your build (Spring Boot's, a"
          + " company parent) usually manages the older version over FakeGuru's own. Fix the"
          + " build: import com.fasterxml.jackson:jackson-bom 2.15.0 or newer in"
          + " <dependencyManagement>, ahead of the BOM that manages the old one (under Spring"
          + " Boot's parent: set the property jackson-bom.version). See \"Supported versions\" in"
          + " FakeGuru's README.";

  @Test
  void buildingTheFakeOnJackson214FailsWithOneClearException() throws Exception {
    try (URLClassLoader loader = coreWithJackson("2.14.3")) {
      Object builder = call(loader.loadClass(FakeCodeGuruProfiler.class.getName()), "builder");

      Throwable thrown = catchThrowable(() -> call(builder, "build"));

      assertThat(thrown).hasMessage(BELOW_FLOOR_MESSAGE).hasNoCause();
      assertThat(thrown.getClass().getName())
          .isEqualTo("dev.fakeguru.UnsupportedDependencyException");
      assertThat(call(thrown, "foundVersion")).isEqualTo("2.14.3 (jackson-core-2.14.3.jar)");
      assertThat(call(thrown, "requiredVersion")).isEqualTo("2.15.0");
    }
  }

  @Test
  void theCodecOnJackson214FailsTheSameWay() throws Exception {
    try (URLClassLoader loader = coreWithJackson("2.14.3")) {
      Class<?> codec = loader.loadClass("dev.fakeguru.codec.ProfileCodec");

      Throwable thrown = catchThrowable(() -> call(codec, "defaults"));

      assertThat(thrown).hasMessage(BELOW_FLOOR_MESSAGE);
      assertThat(thrown.getClass().getName())
          .isEqualTo("dev.fakeguru.UnsupportedDependencyException");
    }
  }

  /**
   * The floor itself: before 2.15 support, the JSON writer's class failed to initialise here
   * (Jackson 2.15 has no {@code StreamWriteConstraints}).
   */
  @Test
  @Timeout(60)
  void onJackson215TheFakeTakesAPostAndTheCodecWritesDeepTrees() throws Exception {
    try (URLClassLoader loader = coreWithJackson("2.15.0")) {
      Object codec = call(loader.loadClass("dev.fakeguru.codec.ProfileCodec"), "defaults");
      Object json = jsonFormat(loader);
      String[] frames = new String[1_500]; // 3,000 levels of JSON: over 2.16+'s writer default
      for (int i = 0; i < frames.length; i++) {
        frames[i] = "frame" + i;
      }
      Object builder =
          call(
              loader.loadClass("dev.fakeguru.profile.Profile"),
              "builder",
              Instant.parse("2024-01-02T03:00:00Z"),
              Instant.parse("2024-01-02T03:05:00Z"));
      builder
          .getClass()
          .getMethod("stack", long.class, String[].class)
          .invoke(builder, 7L, (Object) frames);
      Object profile = call(builder, "build");
      byte[] body = (byte[]) call(codec, "encode", profile, json);
      assertThat(call(codec, "decode", body, json)).isEqualTo(profile);

      Object fakeBuilder = call(loader.loadClass(FakeCodeGuruProfiler.class.getName()), "builder");
      call(fakeBuilder, "profilingGroup", "checkout");
      Object fake = call(fakeBuilder, "start");
      try {
        URI endpoint = (URI) call(fake, "endpoint");
        HttpResponse<String> posted =
            send(
                HttpRequest.newBuilder(endpoint.resolve("/profilingGroups/checkout/agentProfile"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(204);
        List<?> stored = (List<?>) call(fake, "storedProfiles", "checkout");
        assertThat(stored).hasSize(1);
        assertThat(call(call(stored.get(0), "requireProfile"), "equals", profile)).isEqualTo(true);
      } finally {
        call(fake, "close");
      }
    }
  }

  @Test
  void buildingTheFakeOnWireMock310NamesWireMockAndTheFix() throws Exception {
    try (URLClassLoader loader = coreWithWireMock("3.1.0")) {
      Object builder = call(loader.loadClass(FakeCodeGuruProfiler.class.getName()), "builder");

      Throwable thrown = catchThrowable(() -> call(builder, "build"));

      assertThat(thrown.getClass().getName())
          .isEqualTo("dev.fakeguru.UnsupportedDependencyException");
      assertThat(thrown)
          .hasMessageStartingWith(
              "FakeGuru needs WireMock (org.wiremock:wiremock-standalone) 3.2.0 or newer, but found"
                  + " 3.1.0 (wiremock-standalone-3.1.0.jar).")
          .hasMessageContaining("Fix the build: manage org.wiremock:wiremock-standalone 3.2.0");
    }
  }

  /** The floor itself: the fake serves on WireMock 3.2.0's relocated Jetty. */
  @Test
  @Timeout(60)
  void onWireMock320TheFakeStartsAndAnswers() throws Exception {
    try (URLClassLoader loader = coreWithWireMock("3.2.0")) {
      Object builder = call(loader.loadClass(FakeCodeGuruProfiler.class.getName()), "builder");
      call(builder, "profilingGroup", "checkout");
      Object fake = call(builder, "start");
      try {
        URI endpoint = (URI) call(fake, "endpoint");
        HttpResponse<String> described =
            send(HttpRequest.newBuilder(endpoint.resolve("/profilingGroups/checkout")).GET());
        assertThat(described.statusCode()).as(described.body()).isEqualTo(200);
        assertThat(described.body()).contains("\"name\":\"checkout\"");
      } finally {
        call(fake, "close");
      }
    }
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return TestClients.HTTP.send(
        request.timeout(TestClients.REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static Object jsonFormat(ClassLoader loader) throws ClassNotFoundException {
    for (Object format :
        loader.loadClass("dev.fakeguru.profile.ProfileFormat").getEnumConstants()) {
      if (format.toString().equals("JSON")) {
        return format;
      }
    }
    throw new AssertionError("no ProfileFormat.JSON");
  }

  /** Core's classes and runtime libraries, with the Jackson jars of {@code version}. */
  private static URLClassLoader coreWithJackson(String version) throws IOException {
    return coreWith(
        version, WireMockServer.class.getProtectionDomain().getCodeSource().getLocation());
  }

  /** Core's classes and runtime libraries, with WireMock standalone {@code version}. */
  private static URLClassLoader coreWithWireMock(String version) throws IOException {
    Path jar =
        Path.of(
            System.getProperty("fakeguru.wiremock.jars", "target/wiremock"),
            "wiremock-standalone-" + version + ".jar");
    assertThat(jar).as("WireMock %s", version).exists();
    return coreWith(JACKSON_AT_FLOOR, jar.toUri().toURL());
  }

  private static URLClassLoader coreWith(String jacksonVersion, URL wireMock) throws IOException {
    List<URL> urls = new ArrayList<>();
    for (Class<?> c : List.of(FakeCodeGuruProfiler.class, IonReader.class, API.class)) {
      urls.add(c.getProtectionDomain().getCodeSource().getLocation());
    }
    urls.add(wireMock);
    Path jars =
        Path.of(System.getProperty("fakeguru.jackson.jars", "target/jackson"), jacksonVersion);
    try (Stream<Path> files = Files.list(jars)) {
      List<Path> jackson = files.filter(f -> f.toString().endsWith(".jar")).sorted().toList();
      assertThat(jackson).as("Jackson %s jars in %s", jacksonVersion, jars).hasSize(3);
      for (Path jar : jackson) {
        urls.add(jar.toUri().toURL());
      }
    }
    return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
  }

  /** Calls the public method of that name whose parameters accept {@code args}. */
  private static Object call(Object target, String name, Object... args) throws Exception {
    Class<?> type = target instanceof Class<?> c ? c : target.getClass();
    for (var method : type.getMethods()) {
      if (method.getName().equals(name) && accepts(method.getParameterTypes(), args)) {
        try {
          return method.invoke(target instanceof Class<?> ? null : target, args);
        } catch (InvocationTargetException e) {
          throw e.getCause() instanceof Exception cause ? cause : e;
        }
      }
    }
    throw new NoSuchMethodException(type.getName() + "." + name);
  }

  private static boolean accepts(Class<?>[] parameters, Object[] args) {
    if (parameters.length != args.length) {
      return false;
    }
    for (int i = 0; i < args.length; i++) {
      if (args[i] != null && !parameters[i].isInstance(args[i])) {
        return false;
      }
    }
    return true;
  }
}
