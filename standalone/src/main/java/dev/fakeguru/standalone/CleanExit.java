package dev.fakeguru.standalone;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;

/**
 * Makes SIGTERM and SIGINT a clean exit with status 0 instead of the JVM's 143 and 130, so that
 * scripts running the server under {@code set -e} and {@code wait} do not fail on a normal stop.
 * The shutdown hooks still run ({@link Main} closes the fake in one). A crash or a bad option keeps
 * its non-zero status: only these two signals are handled.
 *
 * <p>The JDK's signal API ({@code sun.misc.Signal}, in {@code jdk.unsupported}) is reached by
 * reflection: javac has no way to silence its "internal proprietary API" warning, and the build
 * treats warnings as errors. Where the JVM does not allow handlers ({@code -Xrs}), the default
 * statuses remain. Internal to the standalone server.
 */
final class CleanExit {
  static final List<String> SIGNALS = List.of("TERM", "INT");

  private CleanExit() {}

  /** Installs the handlers, where the JVM allows it. */
  static void onStopSignals() {
    try {
      Class<?> signalType = Class.forName("sun.misc.Signal");
      Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
      Object handler =
          Proxy.newProxyInstance(
              CleanExit.class.getClassLoader(),
              new Class<?>[] {handlerType},
              (proxy, method, args) -> answer(proxy, method, args));
      Method handle = signalType.getMethod("handle", signalType, handlerType);
      for (String name : SIGNALS) {
        handle.invoke(null, signalType.getConstructor(String.class).newInstance(name), handler);
      }
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      // no handlers: the JVM's own statuses remain
    }
  }

  private static Object answer(Object proxy, Method method, Object[] args) {
    switch (method.getName()) {
      case "handle":
        // On the signal's own thread: System.exit runs the shutdown hooks, then exits with 0.
        System.exit(0);
        return null;
      case "equals":
        return proxy == args[0];
      case "hashCode":
        return System.identityHashCode(proxy);
      default:
        return "CleanExit";
    }
  }
}
