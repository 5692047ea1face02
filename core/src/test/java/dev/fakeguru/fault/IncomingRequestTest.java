package dev.fakeguru.fault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakeguru.recording.Operation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a fault predicate reads: the first value of a parameter or header, copies of the maps. */
class IncomingRequestTest {

  private static IncomingRequest request(
      Map<String, List<String>> query, Map<String, List<String>> headers) {
    return new IncomingRequest(
        Operation.GET_PROFILE, Optional.of("g"), "GET", "/p", query, headers, new byte[0]);
  }

  @Test
  void query_parameter_is_the_first_value_and_empty_when_absent_or_valueless() {
    IncomingRequest r =
        request(Map.of("period", List.of("PT5M", "PT1H"), "bare", List.of()), Map.of());

    assertThat(r.queryParameter("period")).hasValue("PT5M");
    assertThat(r.queryParameter("bare")).isEmpty();
    assertThat(r.queryParameter("missing")).isEmpty();
  }

  @Test
  void header_is_found_by_any_case_of_its_name() {
    IncomingRequest r =
        request(Map.of(), Map.of("content-type", List.of("application/json", "text/plain")));

    assertThat(r.header("Content-Type")).hasValue("application/json");
    assertThat(r.header("content-type")).hasValue("application/json");
    assertThat(r.header("Accept")).isEmpty();
  }

  @Test
  void the_maps_are_copies_the_caller_cannot_change() {
    Map<String, List<String>> query = new HashMap<>(Map.of("a", List.of("1")));
    IncomingRequest r = request(query, Map.of());
    query.put("b", List.of("2"));

    assertThat(r.queryParameters()).containsOnlyKeys("a").isUnmodifiable();
    assertThat(r.headers()).isUnmodifiable();
  }
}
