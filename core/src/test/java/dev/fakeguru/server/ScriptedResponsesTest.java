package dev.fakeguru.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.fakeguru.codec.ProfileCodec;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.profile.ProfileFormat;
import dev.fakeguru.scripting.AgentConfiguration;
import dev.fakeguru.scripting.ScriptedProfileResponse;
import java.io.ByteArrayInputStream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.codeguruprofiler.model.GetProfileResponse;

class ScriptedResponsesTest extends FakeServerTestBase {
  static final Profile BASELINE =
      Profile.builder(T0, T0.plusSeconds(300))
          .stack(10, "main", "handle")
          .stack(90, "main", "idle")
          .build();
  static final Profile CURRENT =
      Profile.builder(T0, T0.plusSeconds(300))
          .stack(40, "main", "handle")
          .stack(60, "main", "idle")
          .build();

  private GetProfileResponse get(String group, String accept) {
    return client.getProfile(
        b -> b.profilingGroupName(group).startTime(T0).period("PT5M").accept(accept));
  }

  @Test
  void queued_answers_are_served_in_order_then_aggregation_resumes() {
    fake.enqueueGetProfile(GROUP, ScriptedProfileResponse.of(BASELINE));
    fake.enqueueGetProfile(GROUP, ScriptedProfileResponse.of(CURRENT));
    post(GROUP, profileAt(1, 7, "posted"));

    assertThat(decode(get(GROUP, "application/json"))).isEqualTo(BASELINE);
    assertThat(decode(get(GROUP, "application/json"))).isEqualTo(CURRENT);
    assertThat(decode(get(GROUP, "application/json")).nodeAt("posted")).isPresent();
    assertThat(fake.unconsumedScripts()).isEmpty();
  }

  @Test
  void group_queues_come_before_the_catch_all_which_serves_unknown_groups_too() {
    fake.enqueueGetProfile(ScriptedProfileResponse.of(CURRENT));
    fake.enqueueGetProfile(GROUP, ScriptedProfileResponse.of(BASELINE));

    assertThat(decode(get(GROUP, "application/json"))).isEqualTo(BASELINE);
    assertThat(decode(get("not-created", "application/json"))).isEqualTo(CURRENT);
  }

  @Test
  void answers_follow_accept_or_a_fixed_format_and_can_be_gzipped() throws Exception {
    fake.enqueueGetProfile(ScriptedProfileResponse.of(BASELINE));
    GetProfileResponse ion = get(GROUP, null);
    assertThat(ion.contentType()).isEqualTo("application/x-amzn-ion");
    assertThat(
            ProfileCodec.defaults().decode(ion.profile().asByteArray(), ProfileFormat.ION_BINARY))
        .isEqualTo(BASELINE);

    fake.enqueueGetProfile(ScriptedProfileResponse.of(BASELINE, ProfileFormat.JSON).gzipped());
    GetProfileResponse gz = get(GROUP, "application/x-amzn-ion");
    assertThat(gz.contentType()).isEqualTo("application/json");
    assertThat(gz.contentEncoding()).isEqualTo("gzip");
    // Found here: the Java SDK v2 (Apache client) inflates a gzip body itself and still reports the
    // encoding. Passing what the SDK reports decodes it all the same.
    assertThat(gz.profile().asByteArray()).startsWith((byte) '{');
    assertThat(
            ProfileCodec.defaults()
                .decode(gz.profile().asByteArray(), gz.contentType(), gz.contentEncoding()))
        .isEqualTo(BASELINE);
    // On the wire the bytes are gzip, as scripted.
    fake.enqueueGetProfile(ScriptedProfileResponse.of(BASELINE, ProfileFormat.JSON).gzipped());
    var onTheWire =
        raw(
            "GET",
            "/profilingGroups/" + GROUP + "/profile?startTime=2024-01-02T03:00:00Z&period=PT5M",
            null);
    assertThat(onTheWire.headers().firstValue("Content-Encoding")).hasValue("gzip");
    byte[] inflated =
        new GZIPInputStream(new ByteArrayInputStream(onTheWire.body())).readAllBytes();
    assertThat(ProfileCodec.defaults().decode(inflated, ProfileFormat.JSON)).isEqualTo(BASELINE);

    fake.enqueueGetProfile(
        ScriptedProfileResponse.ofBytes(new byte[] {1, 2, 3}, "application/octet-stream"));
    GetProfileResponse rawBytes = get(GROUP, "application/json");
    assertThat(rawBytes.profile().asByteArray()).containsExactly(1, 2, 3);
    assertThat(rawBytes.contentType()).isEqualTo("application/octet-stream");
  }

  @Test
  void scripted_profiles_are_cut_to_max_depth() {
    fake.enqueueGetProfile(ScriptedProfileResponse.of(BASELINE));
    Profile p =
        decode(
            client.getProfile(
                b ->
                    b.profilingGroupName(GROUP)
                        .startTime(T0)
                        .period("PT5M")
                        .maxDepth(1)
                        .accept("application/json")));
    assertThat(p.nodeAt("main").orElseThrow().selfCount("WALL_TIME")).isEqualTo(100);
    assertThat(p.maxDepth()).isEqualTo(1);
  }

  @Test
  void range_answers_and_the_fallback() {
    fake.answerGetProfile(GROUP, T0, T0.plusSeconds(300), ScriptedProfileResponse.of(BASELINE));
    assertThat(decode(get(GROUP, "application/json"))).isEqualTo(BASELINE);
    assertThat(decode(get(GROUP, "application/json"))).isEqualTo(BASELINE); // not consumed

    fake.setGetProfileFallback(ScriptedProfileResponse.of(CURRENT));
    assertThat(
            decode(
                client.getProfile(
                    b ->
                        b.profilingGroupName(GROUP)
                            .startTime(T0)
                            .period("PT1H")
                            .accept("application/json"))))
        .isEqualTo(CURRENT);
  }

  @Test
  void configure_agent_answers_drive_an_agent_through_its_states() {
    fake.enqueueConfigureAgent(GROUP, AgentConfiguration.defaults().withShouldProfile(false));
    fake.enqueueConfigureAgent(GROUP, AgentConfiguration.fastReporting(1));

    assertThat(
            client.configureAgent(b -> b.profilingGroupName(GROUP)).configuration().shouldProfile())
        .isFalse();
    assertThat(
            client
                .configureAgent(b -> b.profilingGroupName(GROUP))
                .configuration()
                .periodInSeconds())
        .isEqualTo(1);
    assertThat(
            client
                .configureAgent(b -> b.profilingGroupName(GROUP))
                .configuration()
                .periodInSeconds())
        .isEqualTo(300);
  }

  @Test
  void unconsumed_scripts_are_reported() {
    fake.enqueueGetProfile(GROUP, ScriptedProfileResponse.of(BASELINE));
    fake.enqueueConfigureAgent(AgentConfiguration.defaults());

    AssertionError e = catchThrowableOfType(AssertionError.class, fake::verifyAllScriptsConsumed);

    assertThat(e)
        .hasMessageStartingWith("2 scripted answer(s) were never served:")
        .hasMessageContaining("for profiling group 'my-app'")
        .hasMessageContaining("ConfigureAgent answer")
        .hasMessageContaining("for any profiling group")
        .hasMessageContaining("The fake received no calls.");
    fake.reset();
    fake.verifyAllScriptsConsumed();
  }

  private static Profile decode(GetProfileResponse r) {
    return ProfileCodec.defaults().decode(r.profile().asByteArray(), ProfileFormat.JSON);
  }
}
