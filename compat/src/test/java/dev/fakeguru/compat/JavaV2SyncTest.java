package dev.fakeguru.compat;

import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;

/** The Java SDK v2 sync client with its default HTTP client (Apache). */
class JavaV2SyncTest extends JavaV2Scenarios {
  @Override
  String clientId() {
    return "java-v2-sync";
  }

  @Override
  CodeGuruProfilerClient client(boolean retries) {
    return configure(CodeGuruProfilerClient.builder(), retries).build();
  }
}
