package dev.fakeguru.samples;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClientBuilder;
import software.amazon.awssdk.services.codeguruprofiler.model.AgentConfiguration;
import software.amazon.awssdk.services.codeguruprofiler.model.CodeGuruProfilerException;
import software.amazon.awssdk.services.codeguruprofiler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.codeguruprofiler.model.ThrottlingException;

/**
 * A small profiling agent: asks CodeGuru Profiler whether and how often to profile
 * (ConfigureAgent), then posts the bytes a {@link Supplier} produces (PostAgentProfile). This is
 * the kind of code an application team writes; it knows nothing about FakeGuru.
 *
 * <p><b>Retries are this class's job.</b> It retries {@code ThrottlingException} (429) and any 5xx
 * itself, with exponential backoff ({@code baseDelay}, {@code 2 × baseDelay}, {@code 4 ×
 * baseDelay}, …) up to {@code maxAttempts} attempts per call, reusing the same {@code profileToken}
 * for every attempt of one upload so the service stores the profile once. Give it a client whose
 * SDK retries are off, e.g. one from {@link #clientBuilderWithoutSdkRetries()}; with a retrying
 * client the two layers multiply (it still works, only with more attempts). Other errors are not
 * retried: a {@code ResourceNotFoundException} (the profiling group is gone) stops the uploader for
 * good, and anything else, such as a 400 {@code ValidationException}, is thrown to the caller.
 *
 * <p>Drive it step by step with {@link #runOnce()}, or let it run on a scheduler with {@link
 * #start(ScheduledExecutorService)}: then each run is scheduled {@code periodInSeconds} (from
 * ConfigureAgent) after the previous one, until {@link #stop()} or a 404.
 *
 * <p>Thread-safe: {@link #runOnce()} is serialised.
 */
public final class ProfileUploader implements AutoCloseable {

  /** What one {@link #runOnce()} did. */
  public enum Status {
    /** A profile was posted and acknowledged. */
    POSTED,
    /** ConfigureAgent said {@code shouldProfile=false}: nothing was posted. */
    SKIPPED,
    /**
     * The profiling group does not exist (404): the uploader has stopped and makes no more calls.
     */
    STOPPED,
    /** Throttling or server errors outlasted {@code maxAttempts}; the next run tries again. */
    GAVE_UP
  }

  /**
   * The outcome of one run.
   *
   * @param status what happened
   * @param attempts how many PostAgentProfile attempts were made (0 if none)
   * @param profileToken the token of the posted profile, or null if none was posted
   * @param nextRunIn when the next run should happen, from ConfigureAgent's {@code periodInSeconds}
   * @param message a human-readable reason for SKIPPED, STOPPED and GAVE_UP
   */
  public record RunResult(
      Status status, int attempts, String profileToken, Duration nextRunIn, String message) {}

  /**
   * Waits between attempts; replaceable so that tests can record the backoff instead of sleeping.
   */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final CodeGuruProfilerClient client;
  private final String profilingGroup;
  private final Supplier<byte[]> profileSource;
  private final String contentType;
  private final Duration baseDelay;
  private final int maxAttempts;
  private final Sleeper sleeper;
  private final Consumer<RunResult> listener;
  private volatile boolean stopped;
  private volatile ScheduledFuture<?> scheduled;
  private volatile Duration period = Duration.ofMinutes(5);

  private ProfileUploader(Builder b) {
    this.client = b.client;
    this.profilingGroup = b.profilingGroup;
    this.profileSource = b.profileSource;
    this.contentType = b.contentType;
    this.baseDelay = b.baseDelay;
    this.maxAttempts = b.maxAttempts;
    this.sleeper = b.sleeper;
    this.listener = b.listener;
  }

  /**
   * A builder for an uploader of {@code profilingGroup}'s profiles through {@code client}.
   *
   * @param profileSource produces the profile to post, in the agent format (JSON by default)
   */
  public static Builder builder(
      CodeGuruProfilerClient client, String profilingGroup, Supplier<byte[]> profileSource) {
    return new Builder(client, profilingGroup, profileSource);
  }

  /**
   * A client builder with the SDK's own retries turned off, since this class retries by itself.
   * Region, credentials and endpoint come from the usual SDK defaults (environment, system
   * properties, profile files) unless set on the returned builder.
   */
  public static CodeGuruProfilerClientBuilder clientBuilderWithoutSdkRetries() {
    return CodeGuruProfilerClient.builder()
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
  }

  /**
   * An uploader with its own client, configured the way a production application would: by the
   * environment (region, credentials, endpoint). Close the client with {@link #close()}.
   */
  public static ProfileUploader withDefaultClient(
      String profilingGroup, Supplier<byte[]> profileSource) {
    return builder(clientBuilderWithoutSdkRetries().build(), profilingGroup, profileSource).build();
  }

  /**
   * One cycle: ConfigureAgent, then (if told to profile) PostAgentProfile with retries.
   *
   * @return what happened
   * @throws CodeGuruProfilerException for errors that retrying cannot fix, such as a 400
   */
  public synchronized RunResult runOnce() {
    if (stopped) {
      return report(new RunResult(Status.STOPPED, 0, null, period, "stopped earlier"));
    }
    try {
      Attempted<AgentConfiguration> configured =
          withRetries(
              () ->
                  client.configureAgent(r -> r.profilingGroupName(profilingGroup)).configuration());
      if (!configured.succeeded) {
        return report(
            new RunResult(
                Status.GAVE_UP, 0, null, period, "ConfigureAgent: " + configured.lastError));
      }
      AgentConfiguration configuration = configured.value;
      if (configuration.periodInSeconds() != null && configuration.periodInSeconds() > 0) {
        period = Duration.ofSeconds(configuration.periodInSeconds());
      }
      if (!Boolean.TRUE.equals(configuration.shouldProfile())) {
        return report(
            new RunResult(
                Status.SKIPPED, 0, null, period, "ConfigureAgent said shouldProfile=false"));
      }

      byte[] profile = profileSource.get();
      String token =
          UUID.randomUUID().toString(); // the same token for every attempt of this upload
      Attempted<?> posted =
          withRetries(
              () ->
                  client.postAgentProfile(
                      r ->
                          r.profilingGroupName(profilingGroup)
                              .profileToken(token)
                              .contentType(contentType)
                              .agentProfile(SdkBytes.fromByteArray(profile))));
      if (!posted.succeeded) {
        return report(
            new RunResult(Status.GAVE_UP, posted.attempts, null, period, posted.lastError));
      }
      return report(new RunResult(Status.POSTED, posted.attempts, token, period, "posted"));
    } catch (ResourceNotFoundException e) {
      stop();
      return report(
          new RunResult(Status.STOPPED, 0, null, period, e.awsErrorDetails().errorMessage()));
    }
  }

  /**
   * Runs {@link #runOnce()} on {@code scheduler} now and then every {@code periodInSeconds} until
   * {@link #stop()} or a 404. A run that throws is reported to nobody but does not end the loop: an
   * agent must never take its application down.
   */
  public void start(ScheduledExecutorService scheduler) {
    Objects.requireNonNull(scheduler, "scheduler");
    scheduled = scheduler.schedule(() -> loop(scheduler), 0, TimeUnit.MILLISECONDS);
  }

  private void loop(ScheduledExecutorService scheduler) {
    Duration next = period;
    try {
      RunResult result = runOnce();
      next = result.nextRunIn();
    } catch (RuntimeException e) {
      // keep going: the next run may succeed
    }
    if (!stopped && !scheduler.isShutdown()) {
      scheduled = scheduler.schedule(() -> loop(scheduler), next.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** Stops the scheduled loop (if any); later {@link #runOnce()} calls make no calls. */
  public void stop() {
    stopped = true;
    ScheduledFuture<?> f = scheduled;
    if (f != null) {
      f.cancel(false);
    }
  }

  /** Whether the uploader has stopped, by {@link #stop()} or because its group was not found. */
  public boolean isStopped() {
    return stopped;
  }

  /** Stops and closes the client (also a client that was passed in: the uploader owns it). */
  @Override
  public void close() {
    stop();
    client.close();
  }

  private RunResult report(RunResult result) {
    listener.accept(result);
    return result;
  }

  private record Attempted<T>(T value, boolean succeeded, int attempts, String lastError) {}

  private <T> Attempted<T> withRetries(Supplier<T> call) {
    String lastError = null;
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      try {
        return new Attempted<>(call.get(), true, attempt, null);
      } catch (CodeGuruProfilerException e) {
        if (!retryable(e)) {
          throw e;
        }
        lastError =
            e.statusCode()
                + " "
                + e.awsErrorDetails().errorCode()
                + ": "
                + e.awsErrorDetails().errorMessage();
        if (attempt < maxAttempts) {
          sleep(baseDelay.multipliedBy(1L << (attempt - 1)));
        }
      }
    }
    return new Attempted<>(
        null,
        false,
        maxAttempts,
        "gave up after " + maxAttempts + " attempts; last error " + lastError);
  }

  private static boolean retryable(CodeGuruProfilerException e) {
    return e instanceof ThrottlingException || e.statusCode() == 429 || e.statusCode() >= 500;
  }

  private void sleep(Duration d) {
    try {
      sleeper.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while backing off", e);
    }
  }

  /** Configures a {@link ProfileUploader}. */
  public static final class Builder {
    private final CodeGuruProfilerClient client;
    private final String profilingGroup;
    private final Supplier<byte[]> profileSource;
    private String contentType = "application/json";
    private Duration baseDelay = Duration.ofMillis(200);
    private int maxAttempts = 5;
    private Sleeper sleeper = d -> Thread.sleep(d.toMillis());
    private Consumer<RunResult> listener = r -> {};

    private Builder(
        CodeGuruProfilerClient client, String profilingGroup, Supplier<byte[]> profileSource) {
      this.client = Objects.requireNonNull(client, "client");
      this.profilingGroup = Objects.requireNonNull(profilingGroup, "profilingGroup");
      this.profileSource = Objects.requireNonNull(profileSource, "profileSource");
    }

    /** The Content-Type of posted profiles; {@code application/json} by default. */
    public Builder contentType(String contentType) {
      this.contentType = Objects.requireNonNull(contentType, "contentType");
      return this;
    }

    /** The first backoff delay, doubled after each failed attempt; 200 ms by default. */
    public Builder baseDelay(Duration baseDelay) {
      this.baseDelay = Objects.requireNonNull(baseDelay, "baseDelay");
      return this;
    }

    /** Attempts per call, the first included; 5 by default. */
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be >= 1, but was " + maxAttempts);
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /** How to wait between attempts; {@link Thread#sleep} by default. */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /** Called with the result of every run, e.g. for metrics or logs. */
    public Builder listener(Consumer<RunResult> listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** The uploader. */
    public ProfileUploader build() {
      return new ProfileUploader(this);
    }
  }
}
