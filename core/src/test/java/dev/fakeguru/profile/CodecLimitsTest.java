package dev.fakeguru.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakeguru.codec.ProfileCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CodecLimitsTest {

  @Test
  void defaults() {
    CodecLimits d = CodecLimits.defaults();
    assertThat(d.maxCompressedBytes()).isEqualTo(16L * 1024 * 1024);
    assertThat(d.maxDecompressedBytes()).isEqualTo(64L * 1024 * 1024);
    assertThat(d.maxDepth()).isEqualTo(10_000);
    assertThat(d.maxNodes()).isEqualTo(2_000_000);
    assertThat(d)
        .isEqualTo(CodecLimits.builder().build())
        .hasSameHashCodeAs(CodecLimits.builder().build());
    assertThat(d)
        .hasToString(
            "CodecLimits[maxCompressedBytes=16777216, maxDecompressedBytes=67108864, maxDepth=10000, maxNodes=2000000]");
    assertThat(ProfileCodec.defaults().limits()).isEqualTo(d);
  }

  @Test
  void builder_changes_one_limit_at_a_time_and_rejects_non_positive_values() {
    CodecLimits l = CodecLimits.defaults().toBuilder().maxDepth(5).build();
    assertThat(l.maxDepth()).isEqualTo(5);
    assertThat(l.maxNodes()).isEqualTo(2_000_000);
    assertThat(l).isNotEqualTo(CodecLimits.defaults());
    assertThat(ProfileCodec.withLimits(l).limits()).isSameAs(l);
    assertThatThrownBy(() -> CodecLimits.builder().maxDepth(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxDepth must be >= 1, but was 0");
    assertThatThrownBy(() -> CodecLimits.builder().maxCompressedBytes(-1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CodecLimits.builder().maxDecompressedBytes(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CodecLimits.builder().maxNodes(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void one_codec_is_safe_to_share_between_threads() throws Exception {
    ProfileCodec codec = ProfileCodec.defaults();
    byte[] json = Fixtures.body(Fixtures.PROFILE_1);
    Profile expected = codec.decode(json, ProfileFormat.JSON);
    byte[] ion = codec.encode(expected, ProfileFormat.ION_BINARY);
    byte[] gz = codec.encodeGzip(expected, ProfileFormat.ION_TEXT);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Profile>> tasks = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        int kind = i % 3;
        tasks.add(
            () ->
                kind == 0
                    ? codec.decode(json, "application/json", null)
                    : kind == 1
                        ? codec.decode(ion, "application/x-amzn-ion", null)
                        : codec.decode(
                            codec.encode(codec.decode(gz, null, "gzip"), ProfileFormat.JSON),
                            ProfileFormat.JSON));
      }
      for (Future<Profile> f : pool.invokeAll(tasks)) {
        assertThat(f.get()).isEqualTo(expected);
      }
    } finally {
      pool.shutdown();
      assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
  }
}
