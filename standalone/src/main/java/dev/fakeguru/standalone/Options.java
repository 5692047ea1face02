package dev.fakeguru.standalone;

import dev.fakeguru.conformance.AgentScenario;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The standalone server's command-line options, parsed strictly: an unknown option, a missing value
 * or a bad value is an {@link UsageException} with a one-line message.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * Options o = Options.parse("--port", "0", "--create-group", "my-app", "--data-dir", "/tmp/fg");
 * }</pre>
 *
 * @param port the port, 0 for a free one
 * @param bind the address to bind
 * @param region the region in ARNs
 * @param accountId the account id in ARNs
 * @param groups profiling groups that exist from the start (and again after a reset)
 * @param autoCreateGroups whether unknown groups are created on first use
 * @param dataDirectory where groups and posts are kept across restarts, if anywhere
 * @param adminToken the bearer token the admin API requires, if any
 * @param adminApi whether the admin API is served
 * @param clockStart where the fake's clock starts, if not at the current time
 * @param frozenClock whether the clock stands still until set or advanced (otherwise it runs with
 *     real time)
 * @param signingCredentials the test credentials every API call must be signed with (SigV4), if any
 * @param allowedOrigins origins whose web pages may call the API (CORS), for browser tests
 * @param maxRecordedBytes the most bytes the recorded calls and posts may hold, if not the default
 * @param maxAggregatedNodes the most call-tree nodes the aggregates may hold, if not the default
 * @param scenario the agent scenario to run, then print its conformance report and exit, if any
 * @param trainingRun whether to send the server a first user's requests once ready, then exit (to
 *     record a class-data-sharing archive or an AOT cache over the run)
 * @param help whether to print the usage and exit
 */
record Options(
    int port,
    String bind,
    String region,
    String accountId,
    List<String> groups,
    boolean autoCreateGroups,
    Optional<Path> dataDirectory,
    Optional<String> adminToken,
    boolean adminApi,
    Optional<java.time.Instant> clockStart,
    boolean frozenClock,
    Optional<SigningCredentials> signingCredentials,
    List<String> allowedOrigins,
    Optional<Long> maxRecordedBytes,
    Optional<Long> maxAggregatedNodes,
    Optional<Scenario> scenario,
    boolean trainingRun,
    boolean help) {

  /** An access key id and its secret, as {@code --require-signatures KEY:SECRET} gives them. */
  public record SigningCredentials(String accessKeyId, String secretAccessKey) {
    @Override
    public String toString() {
      return accessKeyId + ":(secret)";
    }
  }

  /**
   * A named agent scenario ({@code --scenario}), the profiling group it steers and its period.
   *
   * @param name one of {@code AgentScenario.names()}
   * @param group the profiling group the agent reports to
   * @param periodInSeconds the scenario's period, at least 1
   */
  public record Scenario(String name, String group, int periodInSeconds) {}

  /** A command line that cannot be used. */
  public static final class UsageException extends Exception {

    private static final long serialVersionUID = 1L;

    /** A usage error; {@code message} is one line that names the option. */
    public UsageException(String message) {
      super(message);
    }
  }

  /** The text {@code --help} prints. */
  public static final String USAGE =
      String.join(
          System.lineSeparator(),
          "Usage: java -jar fakeguru-standalone.jar [options]",
          "",
          "A fake Amazon CodeGuru Profiler API for tests, with an admin API under /__fakeguru/.",
          "",
          "Options:",
          "  --port PORT            port to listen on; 0 picks a free one (default 8080)",
          "  --bind ADDRESS         address to bind (default 127.0.0.1; anything else exposes the fake)",
          "  --region REGION        region used in ARNs (default us-east-1)",
          "  --account-id ID        12-digit account id used in ARNs (default 123456789012)",
          "  --create-group NAME    a profiling group that exists from the start; repeatable",
          "  --auto-create-groups   create unknown profiling groups on first use instead of 404",
          "  --data-dir DIR         keep profiling groups and acknowledged posts in DIR across restarts",
          "  --admin-token TOKEN    require 'Authorization: Bearer TOKEN' on admin API calls",
          "  --no-admin             do not serve the admin API",
          "  --clock-start INSTANT  start the fake's clock at this ISO-8601 instant instead of now",
          "  --frozen-clock         the clock stands still until set or advanced through the admin API",
          "                         (by default it runs with real time, and can be set and advanced too)",
          "  --require-signatures KEY:SECRET",
          "                         verify AWS SigV4 on every API call against these test credentials:",
          "                         unsigned 403 MissingAuthenticationTokenException, unknown key 403",
          "                         UnrecognizedClientException, wrong secret, changed body, unsigned",
          "                         payload, another region or a date over 15 minutes from the fake's",
          "                         clock and real time 403 InvalidSignatureException;",
          "                         (by default any signature, or none, is accepted)",
          "  --allow-origin ORIGIN  let web pages of ORIGIN (scheme://host[:port]) call the API, with",
          "                         CORS answers, for browser tests of the JavaScript SDK; repeatable",
          "                         (by default requests from web pages are refused with 403)",
          "  --max-recorded-bytes N the most bytes recorded calls and posts may hold (default 268435456);",
          "                         beyond it the oldest are evicted and counted in the status",
          "  --max-aggregated-nodes N",
          "                         the most call-tree nodes the aggregates may hold (default 2000000,",
          "                         25 to 110 bytes of heap each, more with several counter types",
          "                         or files; a post kept as sent counts one per 200 bytes);",
          "                         a post needing more gets 402",
          "  --scenario NAME        steer the agent of --scenario-group through a named scenario ("
              + String.join(", ", AgentScenario.names())
              + "),",
          "                         then print its conformance report to stdout and exit: 0 if the",
          "                         agent conforms, 3 if it broke a rule or never called",
          "  --scenario-group NAME  the profiling group the agent reports to (created if absent)",
          "  --scenario-period SECONDS",
          "                         the scenario's period, which times its steps (default 10)",
          "  --training-run         once ready, send the server a first user's requests (list, create,",
          "                         post, GetProfile in JSON and Ion, admin status), then stop and exit",
          "                         0; run it under -XX:AOTCacheOutput=FILE (JDK 25) or",
          "                         -XX:ArchiveClassesAtExit=FILE (JDK 17) to make a start-up cache",
          "  --help                 print this help and exit",
          "",
          "When ready it prints one line to stdout: FakeGuru listening on http://HOST:PORT",
          "(with --scenario, the report follows when the scenario ends).",
          "Point SDK clients and agents at that URL; stop it with SIGTERM (Ctrl-C).",
          "");

  private static final java.util.regex.Pattern GROUP_NAME =
      java.util.regex.Pattern.compile("^[\\w-]{1,255}$");

  /** Copies the list. */
  public Options {
    groups = List.copyOf(groups);
    allowedOrigins = List.copyOf(allowedOrigins);
  }

  /**
   * Parses a command line; {@code --name value} and {@code --name=value} are both accepted.
   *
   * @throws UsageException naming the option and the problem
   */
  public static Options parse(String... args) throws UsageException {
    int port = 8080;
    String bind = "127.0.0.1";
    String region = "us-east-1";
    String accountId = "123456789012";
    List<String> groups = new ArrayList<>();
    boolean autoCreate = false;
    Path dataDir = null;
    String token = null;
    boolean admin = true;
    boolean help = false;
    boolean training = false;
    java.time.Instant clockStart = null;
    boolean frozen = false;
    SigningCredentials signing = null;
    List<String> origins = new ArrayList<>();
    Long maxRecordedBytes = null;
    Long maxAggregatedNodes = null;
    String scenario = null;
    String scenarioGroup = null;
    Integer scenarioPeriod = null;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String name = arg;
      String inline = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        name = arg.substring(0, eq);
        inline = arg.substring(eq + 1);
      }
      switch (name) {
        case "--help", "-h" -> {
          noValue(name, inline);
          help = true;
        }
        case "--auto-create-groups" -> {
          noValue(name, inline);
          autoCreate = true;
        }
        case "--no-admin" -> {
          noValue(name, inline);
          admin = false;
        }
        case "--training-run" -> {
          noValue(name, inline);
          training = true;
        }
        case "--frozen-clock" -> {
          noValue(name, inline);
          frozen = true;
        }
        case "--clock-start" -> {
          String v = inline != null ? inline : value(args, ++i, name);
          try {
            clockStart = java.time.Instant.parse(v);
          } catch (java.time.format.DateTimeParseException e) {
            throw new UsageException(
                "--clock-start needs an ISO-8601 instant such as 2024-01-02T03:00:00Z, but got '"
                    + v
                    + "'");
          }
        }
        case "--port" -> {
          String v = inline != null ? inline : value(args, ++i, name);
          try {
            port = Integer.parseInt(v);
          } catch (NumberFormatException e) {
            throw new UsageException("--port needs a number from 0 to 65535, but got '" + v + "'");
          }
          if (port < 0 || port > 65535) {
            throw new UsageException("--port needs a number from 0 to 65535, but got " + port);
          }
        }
        case "--bind" -> bind = nonEmpty(name, inline != null ? inline : value(args, ++i, name));
        case "--region" -> {
          region = nonEmpty(name, inline != null ? inline : value(args, ++i, name));
          if (!region.matches("^[a-z0-9-]{1,64}$")) {
            throw new UsageException(
                "--region needs a region name such as us-east-1, but got '" + region + "'");
          }
        }
        case "--account-id" -> {
          accountId = inline != null ? inline : value(args, ++i, name);
          if (!accountId.matches("^\\d{12}$")) {
            throw new UsageException("--account-id needs 12 digits, but got '" + accountId + "'");
          }
        }
        case "--create-group" -> {
          String g = inline != null ? inline : value(args, ++i, name);
          if (!GROUP_NAME.matcher(g).matches()) {
            throw new UsageException(
                "--create-group needs a profiling-group name of 1 to 255 characters of [A-Za-z0-9_-], but got '"
                    + g
                    + "'");
          }
          if (!groups.contains(g)) {
            groups.add(g);
          }
        }
        case "--data-dir" -> {
          String v = nonEmpty(name, inline != null ? inline : value(args, ++i, name));
          try {
            dataDir = Path.of(v);
          } catch (java.nio.file.InvalidPathException e) {
            throw new UsageException(
                "--data-dir needs a directory path, but got '" + v + "': " + e.getReason());
          }
        }
        case "--allow-origin" -> {
          String v = nonEmpty(name, inline != null ? inline : value(args, ++i, name));
          if (!v.matches("^[A-Za-z][A-Za-z0-9+.-]*://[^/?#\\s]+$")) {
            throw new UsageException(
                "--allow-origin needs an origin such as http://localhost:9876 (scheme://host[:port],"
                    + " no path), but got '"
                    + v
                    + "'");
          }
          origins.add(v);
        }
        case "--max-recorded-bytes" ->
            maxRecordedBytes = positiveLong(name, inline != null ? inline : value(args, ++i, name));
        case "--max-aggregated-nodes" ->
            maxAggregatedNodes =
                positiveLong(name, inline != null ? inline : value(args, ++i, name));
        case "--admin-token" ->
            token = nonEmpty(name, inline != null ? inline : value(args, ++i, name));
        case "--require-signatures" -> {
          String v = inline != null ? inline : value(args, ++i, name);
          int colon = v.indexOf(':');
          if (colon <= 0 || colon == v.length() - 1) {
            throw new UsageException(
                "--require-signatures needs ACCESS_KEY_ID:SECRET, e.g. AKIDTEST:test-secret");
          }
          if (signing != null) {
            throw new UsageException(
                "--require-signatures was given twice; give one pair of test credentials");
          }
          signing = new SigningCredentials(v.substring(0, colon), v.substring(colon + 1));
        }
        case "--scenario" -> {
          scenario = inline != null ? inline : value(args, ++i, name);
          if (!AgentScenario.names().contains(scenario)) {
            throw new UsageException(
                "--scenario needs one of "
                    + AgentScenario.names()
                    + ", but got '"
                    + scenario
                    + "'");
          }
        }
        case "--scenario-group" -> {
          scenarioGroup = inline != null ? inline : value(args, ++i, name);
          if (!GROUP_NAME.matcher(scenarioGroup).matches()) {
            throw new UsageException(
                "--scenario-group needs a profiling-group name of 1 to 255 characters of"
                    + " [A-Za-z0-9_-], but got '"
                    + scenarioGroup
                    + "'");
          }
        }
        case "--scenario-period" -> {
          String v = inline != null ? inline : value(args, ++i, name);
          try {
            scenarioPeriod = Integer.parseInt(v);
          } catch (NumberFormatException e) {
            scenarioPeriod = 0;
          }
          if (scenarioPeriod < 1) {
            throw new UsageException(
                "--scenario-period needs a whole number of seconds, at least 1, but got '"
                    + v
                    + "'");
          }
        }
        default ->
            throw new UsageException(
                arg.startsWith("-")
                    ? "unknown option " + name
                    : "unexpected argument '" + arg + "' (options start with --)");
      }
    }
    if (!admin && token != null) {
      throw new UsageException("--admin-token makes no sense with --no-admin");
    }
    if (scenario == null && (scenarioGroup != null || scenarioPeriod != null)) {
      throw new UsageException("--scenario-group and --scenario-period need --scenario NAME");
    }
    if (training
        && (scenario != null || dataDir != null || signing != null || !admin || token != null)) {
      // Its requests are unsigned, call the admin API, and must leave no data behind.
      throw new UsageException(
          "--training-run cannot be combined with --scenario, --data-dir, --require-signatures,"
              + " --no-admin or --admin-token");
    }
    if (scenario != null && scenarioGroup == null) {
      throw new UsageException(
          "--scenario needs --scenario-group NAME, the agent's profiling group");
    }
    return new Options(
        port,
        bind,
        region,
        accountId,
        groups,
        autoCreate,
        Optional.ofNullable(dataDir),
        Optional.ofNullable(token),
        admin,
        Optional.ofNullable(clockStart),
        frozen,
        Optional.ofNullable(signing),
        origins,
        Optional.ofNullable(maxRecordedBytes),
        Optional.ofNullable(maxAggregatedNodes),
        scenario == null
            ? Optional.empty()
            : Optional.of(
                new Scenario(
                    scenario, scenarioGroup, scenarioPeriod == null ? 10 : scenarioPeriod)),
        training,
        help);
  }

  private static long positiveLong(String name, String v) throws UsageException {
    try {
      long n = Long.parseLong(v);
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException(name + " needs a whole number of at least 1, but got '" + v + "'");
  }

  private static String value(String[] args, int i, String name) throws UsageException {
    if (i >= args.length || (args[i].startsWith("--") && args[i].length() > 2)) {
      throw new UsageException(name + " needs a value");
    }
    return args[i];
  }

  private static String nonEmpty(String name, String v) throws UsageException {
    if (v.isBlank()) {
      throw new UsageException(name + " needs a non-empty value");
    }
    return v;
  }

  private static void noValue(String name, String inline) throws UsageException {
    if (inline != null) {
      throw new UsageException(name + " takes no value");
    }
  }
}
