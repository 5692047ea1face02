package dev.fakeguru.junit5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/**
 * The AWS SDK is an optional dependency: the extension must load, link and build without it. The
 * extension's classes are loaded here by a class loader that hides every {@code
 * software.amazon.awssdk} class.
 */
class WithoutSdkTests {

  /**
   * Loads dev.fakeguru.junit5 classes itself and refuses the SDK; everything else from the parent.
   */
  static final class NoSdkClassLoader extends ClassLoader {
    NoSdkClassLoader(ClassLoader parent) {
      super(parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      synchronized (getClassLoadingLock(name)) {
        if (name.startsWith("software.amazon.awssdk.")) {
          throw new ClassNotFoundException(name + " (hidden by the test)");
        }
        if (!name.startsWith("dev.fakeguru.junit5.")
            || name.startsWith(WithoutSdkTests.class.getName())) {
          return super.loadClass(name, resolve);
        }
        Class<?> loaded = findLoadedClass(name);
        if (loaded == null) {
          try (InputStream in =
              getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
            if (in == null) {
              throw new ClassNotFoundException(name);
            }
            byte[] bytes = in.readAllBytes();
            loaded = defineClass(name, bytes, 0, bytes.length);
          } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
          }
        }
        if (resolve) {
          resolveClass(loaded);
        }
        return loaded;
      }
    }
  }

  @Test
  void theExtensionLoadsAndBuildsWithoutTheSdk() throws Exception {
    ClassLoader loader = new NoSdkClassLoader(getClass().getClassLoader());
    assertThatThrownBy(
            () ->
                Class.forName(
                    "software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient",
                    false,
                    loader))
        .isInstanceOf(ClassNotFoundException.class);

    Class<?> extension = Class.forName(FakeCodeGuruProfilerExtension.class.getName(), true, loader);
    assertThat(extension.getClassLoader()).isSameAs(loader);
    Object builder = extension.getMethod("builder").invoke(null);
    Object built = builder.getClass().getMethod("build").invoke(builder);
    assertThat(built.toString()).isEqualTo("FakeCodeGuruProfilerExtension[not running]");
    extension.getConstructor().newInstance(); // the declarative form too

    Class<?> support = Class.forName("dev.fakeguru.junit5.internal.SdkSupport", true, loader);
    Method available = support.getMethod("available", ClassLoader.class);
    assertThat(support.getClassLoader()).isSameAs(loader);
    assertThat(available.invoke(null, loader)).isEqualTo(false);
  }
}
