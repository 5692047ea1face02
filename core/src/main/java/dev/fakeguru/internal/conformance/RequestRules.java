package dev.fakeguru.internal.conformance;

import dev.fakeguru.conformance.ConformanceRule;
import dev.fakeguru.conformance.RuleVerdict;
import dev.fakeguru.internal.engine.Recordings;
import dev.fakeguru.internal.wire.Wire;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * The rules about each request's headers: a User-Agent, a Content-Type the service accepts on
 * posts, a SigV4 signature. Stateless. Internal.
 */
final class RequestRules {
  private static final Set<String> POST_TYPES =
      Set.of("application/json", "application/x-amzn-ion");

  private RequestRules() {}

  static RuleVerdict userAgent(AgentTimeline t) {
    Finding f = new Finding(ConformanceRule.USER_AGENT);
    for (AgentCall c : t.calls) {
      f.judged();
      if (c.call.header("user-agent").filter(v -> !v.isBlank()).isEmpty()) {
        f.violation(c, c.operationName() + " carries no User-Agent header");
      }
    }
    return f.verdict("call", "no call of the agent arrived");
  }

  static RuleVerdict contentType(AgentTimeline t) {
    Finding f = new Finding(ConformanceRule.CONTENT_TYPE);
    for (AgentCall c : t.calls) {
      if (!c.isPost()) {
        continue;
      }
      f.judged();
      Optional<String> type = c.call.header("content-type");
      String media = type.map(v -> v.split(";")[0].trim().toLowerCase(Locale.ROOT)).orElse("");
      if (!POST_TYPES.contains(media)) {
        f.violation(
            c,
            type.map(v -> "PostAgentProfile has Content-Type '" + v + "'")
                    .orElse("PostAgentProfile has no Content-Type")
                + "; the service takes application/json or application/x-amzn-ion");
      }
    }
    return f.verdict("post", "no post arrived");
  }

  static RuleVerdict signature(AgentTimeline t) {
    Finding f = new Finding(ConformanceRule.SIGV4_SIGNATURE);
    boolean verified = false;
    for (AgentCall c : t.calls) {
      f.judged();
      if (c.signature() == Recordings.Signature.NOT_CHECKED) {
        formOnly(f, c);
      } else {
        verified = true;
        if (c.signature() == Recordings.Signature.REFUSED) {
          f.violation(
              c,
              c.operationName()
                  + "'s signature was refused: "
                  + c.status()
                  + c.call.errorType().map(e -> " " + e).orElse(""));
        }
      }
    }
    RuleVerdict v = f.verdict("call", "no call of the agent arrived");
    if (verified || t.calls.isEmpty()) {
      return v;
    }
    return Reports.verdict(
        v.rule(),
        v.verdict(),
        v.summary() + " (form and scope only: the fake does not check signatures)",
        v.evidence());
  }

  private static void formOnly(Finding f, AgentCall c) {
    Optional<String> auth = c.call.header("authorization");
    if (auth.isEmpty()) {
      f.violation(c, c.operationName() + " carries no Authorization header");
      return;
    }
    Matcher m = Wire.SIGV4_AUTHORIZATION.matcher(auth.get().trim());
    if (!m.matches()) {
      f.violation(
          c, c.operationName() + "'s Authorization header is not an AWS4-HMAC-SHA256 signature");
    } else if (!m.group(4).equals("codeguru-profiler")) {
      f.violation(
          c,
          c.operationName()
              + " is signed for the service '"
              + m.group(4)
              + "', not 'codeguru-profiler'");
    } else if (c.call.header("x-amz-date").isEmpty()) {
      f.violation(c, c.operationName() + " is signed but carries no X-Amz-Date header");
    }
  }
}
