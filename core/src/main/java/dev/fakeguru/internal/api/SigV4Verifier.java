package dev.fakeguru.internal.api;

import dev.fakeguru.internal.engine.ServiceException;
import dev.fakeguru.internal.http.HttpRequest;
import dev.fakeguru.internal.wire.Wire;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
 * credentials: canonical request (path encoded once more, as every SDK does for non-S3 services),
 * string to sign, derived key, signature. Clock skew is not checked (the fake's clock may be
 * anywhere). Thread-safe. Internal.
 */
public final class SigV4Verifier {
  private final Map<String, String> secrets;

  /**
   * @param secrets access key id to secret access key
   */
  public SigV4Verifier(Map<String, String> secrets) {
    this.secrets = Map.copyOf(secrets);
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
          new ServiceException(
              403,
              "IncompleteSignatureException",
              "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters of AWS4-HMAC-SHA256."));
    }
    String keyId = m.group(1);
    String date = m.group(2);
    String region = m.group(3);
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
    Optional<String> amzDate = req.header("x-amz-date");
    if (amzDate.isEmpty() || !amzDate.get().startsWith(date)) {
      return Optional.of(
          invalid(
              "The request must carry an X-Amz-Date header on the credential's date "
                  + date
                  + "."));
    }
    String canonical = canonicalRequest(req, signedHeaders);
    String scope = date + "/" + region + "/" + service + "/aws4_request";
    String toSign =
        "AWS4-HMAC-SHA256\n"
            + amzDate.get()
            + "\n"
            + scope
            + "\n"
            + hex(sha256(canonical.getBytes(StandardCharsets.UTF_8)));
    byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
    key = hmac(key, region);
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

  private static ServiceException invalid(String message) {
    return new ServiceException(403, "InvalidSignatureException", message);
  }

  static String canonicalRequest(HttpRequest req, String signedHeaders) {
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
    String payloadHash =
        req.header("x-amz-content-sha256").orElseGet(() -> hex(sha256(req.body())));
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
