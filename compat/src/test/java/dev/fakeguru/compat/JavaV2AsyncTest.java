package dev.fakeguru.compat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerAsyncClient;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;

/**
 * The Java SDK v2 async client with its default HTTP client (Netty), driven through the same
 * scenarios: each sync method is answered by the async method of the same name and signature,
 * joined, with the service exception unwrapped from the {@link CompletionException}.
 */
class JavaV2AsyncTest extends JavaV2Scenarios {
  @Override
  String clientId() {
    return "java-v2-async";
  }

  @Override
  CodeGuruProfilerClient client(boolean retries) {
    CodeGuruProfilerAsyncClient async =
        configure(CodeGuruProfilerAsyncClient.builder(), retries).build();
    return (CodeGuruProfilerClient)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {CodeGuruProfilerClient.class},
            (proxy, method, args) -> {
              Method target =
                  CodeGuruProfilerAsyncClient.class.getMethod(
                      method.getName(), method.getParameterTypes());
              try {
                Object result = target.invoke(async, args);
                return result instanceof CompletableFuture<?> f ? f.join() : result;
              } catch (InvocationTargetException e) {
                throw e.getCause();
              } catch (CompletionException e) {
                throw e.getCause();
              }
            });
  }
}
