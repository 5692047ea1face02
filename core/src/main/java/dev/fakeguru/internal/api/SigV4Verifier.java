package dev.fakeguru.internal.api;

import dev.fakeguru.internal.engine.ServiceException;
import dev.fakeguru.internal.http.HttpRequest;
import dev.fakeguru.internal.wire.Wire;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks AWS Signature Version 4 on requests, as the real service does, against configured test
 * credentials: the credential scope (the fake's region, the service {@code codeguru-profiler}), the
 * request date (within 15 minutes of the fake's clock, or of the real time that SDKs sign with when
 * a test set the fake's clock elsewhere), the canonical request (path encoded once more, as every
 * SDK does for non-S3 services, and the SHA-256 of the body as received: an {@code
 * x-amz-content-sha256} header must match it, and {@code UNSIGNED-PAYLOAD} is refused), string to
 * sign, derived key, signature. Thread-safe. Internal.
 */
public final class SigV4Verifier {
  /** How far a request's date may be from the fake's clock, as AWS allows. */
  static final Duration MAX_SKEW = Duration.ofMinutes(15);

  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final Map<String, String> secrets;
  private final String region;
  private final Clock clock;

  /**
   * @param secrets access key id to secret access key
   * @param region the only region a credential scope may name
   * @param clock the fake's clock, which request dates must be near
   */
  public SigV4Verifier(Map<String, String> secrets, String region, Clock clock) {
    this.secrets = Map.copyOf(secrets);
    this.region = region;
    this.clock = clock;
  }

  /** Nothing when the signature is right; otherwise the 403 error to answer. */
  public Optional<ServiceException> check(HttpRequest req) {
    Optional<String> auth = req.header("authorization");
    if (auth.isEmpty()) {
      return Optional.of(
          new ServiceException(
              403, "MissingAuthenticationTokenException", "Missing Authentication Token"));
    }
    Matcher m = Wire.SIGV4_AUTHORIZATION.matcher(auth.get().trim());
    if (!m.matches()) {
      return Optional.of(
          incomplete(
              "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters of AWS4-HMAC-SHA256."));
    }
    String keyId = m.group(1);
    String date = m.group(2);
    String scopeRegion = m.group(3);
    String service = m.group(4);
    String signedHeaders = m.group(5).toLowerCase(Locale.ROOT);
    String signature = m.group(6).toLowerCase(Locale.ROOT);
    String secret = secrets.get(keyId);
    if (secret == null) {
      return Optional.of(
          new ServiceException(
              403,
              "UnrecognizedClientException",
              "The security token included in the request is invalid."));
    }
    if (!service.equals("codeguru-profiler")) {
      return Optional.of(
          invalid("Credential should be scoped to correct service: 'codeguru-profiler'."));
    }
    if (!scopeRegion.equals(region)) {
      return Optional.of(
          invalid(
              "Credential should be scoped to a valid region, not '"
                  + scopeRegion
                  + "'. This fake serves '"
                  + region
                  + "'."));
    }
    if (!List.of(signedHeaders.split(";")).contains("host")) {
      return Optional.of(incomplete("'Host' must be a 'SignedHeader' in the AWS Authorization."));
    }
    Optional<String> amzDate = req.header("x-amz-date");
    if (amzDate.isEmpty() || !amzDate.get().startsWith(date)) {
      return Optional.of(
          invalid(
              "The request must carry an X-Amz-Date header on the credential's date "
                  + date
                  + "."));
    }
    Optional<ServiceException> stale = staleness(amzDate.get());
    if (stale.isPresent()) {
      return stale;
    }
    String bodyHash = hex(sha256(req.body()));
    Optional<String> declared = req.header("x-amz-content-sha256");
    if (declared.isPresent() && req.bodyOverLimit() < 0) {
      if (declared.get().startsWith("UNSIGNED-PAYLOAD")
          || declared.get().startsWith("STREAMING-")) {
        return Optional.of(
            invalid(
                "x-amz-content-sha256 '"
                    + declared.get()
                    + "' is not accepted: this service requires the payload to be signed."));
      }
      if (!declared.get().equalsIgnoreCase(bodyHash)) {
        return Optional.of(
            invalid(
                "The provided 'x-amz-content-sha256' header does not match what was computed"
                    + " from the request body."));
      }
    }
    // An over-long body was not kept; the request is refused for its size after this check.
    String payloadHash = req.bodyOverLimit() >= 0 ? declared.orElse(bodyHash) : bodyHash;
    String canonical = canonicalRequest(req, signedHeaders, payloadHash);
    String scope = date + "/" + scopeRegion + "/" + service + "/aws4_request";
    String toSign =
        "AWS4-HMAC-SHA256\n"
            + amzDate.get()
            + "\n"
            + scope
            + "\n"
            + hex(sha256(canonical.getBytes(StandardCharsets.UTF_8)));
    byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
    key = hmac(key, scopeRegion);
    key = hmac(key, service);
    key = hmac(key, "aws4_request");
    String expected = hex(hmac(key, toSign));
    if (!MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII),
        signature.getBytes(StandardCharsets.US_ASCII))) {
      return Optional.of(
          invalid(
              "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method."));
    }
    return Optional.empty();
  }

  /**
   * A date more than {@link #MAX_SKEW} from the fake's clock, in AWS's words, unless it is near the
   * real time: SDKs sign with the system clock, and a test that set the fake's clock to another day
   * must still be able to use them.
   */
  private Optional<ServiceException> staleness(String amzDate) {
    Instant signed;
    try {
      signed = AMZ_DATE.parse(amzDate, Instant::from);
    } catch (DateTimeParseException e) {
      return Optional.of(
          incomplete(
              "Date must be in ISO-8601 'basic format'. Got '"
                  + amzDate
                  + "'. See http://en.wikipedia.org/wiki/ISO_8601"));
    }
    Instant realTime = Instant.now();
    if (!signed.isBefore(realTime.minus(MAX_SKEW)) && !signed.isAfter(realTime.plus(MAX_SKEW))) {
      return Optional.empty();
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    if (signed.isBefore(now.minus(MAX_SKEW))) {
      return Optional.of(
          invalid(
              "Signature expired: "
                  + amzDate
                  + " is now earlier than "
                  + AMZ_DATE.format(now.minus(MAX_SKEW))
                  + " ("
                  + AMZ_DATE.format(now)
                  + " - 15 min.)"));
    }
    if (signed.isAfter(now.plus(MAX_SKEW))) {
      return Optional.of(
          invalid(
              "Signature not yet current: "
                  + amzDate
                  + " is still later than "
                  + AMZ_DATE.format(now.plus(MAX_SKEW))
                  + " ("
                  + AMZ_DATE.format(now)
                  + " + 15 min.)"));
    }
    return Optional.empty();
  }

  private static ServiceException incomplete(String message) {
    return new ServiceException(403, "IncompleteSignatureException", message);
  }

  private static ServiceException invalid(String message) {
    return new ServiceException(403, "InvalidSignatureException", message);
  }

  static String canonicalRequest(HttpRequest req, String signedHeaders, String payloadHash) {
    StringBuilder sb = new StringBuilder();
    sb.append(req.method()).append('\n');
    String path = req.rawPath().isEmpty() ? "/" : req.rawPath();
    sb.append(encode(path, true)).append('\n');
    TreeMap<String, List<String>> query = new TreeMap<>();
    req.query()
        .forEach(
            (k, vs) -> {
              List<String> encoded = new ArrayList<>();
              vs.forEach(v -> encoded.add(encode(v, false)));
              encoded.sort(null);
              query.put(encode(k, false), encoded);
            });
    StringBuilder q = new StringBuilder();
    query.forEach(
        (k, vs) ->
            vs.forEach(v -> q.append(q.length() == 0 ? "" : "&").append(k).append('=').append(v)));
    sb.append(q).append('\n');
    for (String name : signedHeaders.split(";")) {
      List<String> values = req.headers().getOrDefault(name, List.of());
      List<String> trimmed = new ArrayList<>();
      values.forEach(v -> trimmed.add(v.trim().replaceAll("\\s+", " ")));
      sb.append(name).append(':').append(String.join(",", trimmed)).append('\n');
    }
    sb.append('\n').append(signedHeaders).append('\n');
    sb.append(payloadHash);
    return sb.toString();
  }

  /** RFC 3986 percent-encoding of everything but unreserved characters (and '/' in paths). */
  static String encode(String s, boolean keepSlash) {
    StringBuilder sb = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xFF);
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '~'
          || (keepSlash && c == '/')) {
        sb.append(c);
      } else {
        sb.append('%')
            .append(Character.toUpperCase(Character.forDigit((c >> 4) & 0xF, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
      }
    }
    return sb.toString();
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }
}
