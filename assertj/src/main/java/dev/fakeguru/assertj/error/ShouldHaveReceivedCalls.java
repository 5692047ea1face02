package dev.fakeguru.assertj.error;

import static dev.fakeguru.assertj.internal.MessageText.block;

import dev.fakeguru.assertj.internal.ArrivalText;
import dev.fakeguru.recording.Operation;
import dev.fakeguru.recording.RecordedCall;
import java.util.List;
import org.apiguardian.api.API;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Creates the message for a fake that received another number of calls than expected.
 *
 * <pre>
 * Expecting the fake to have received:
 *   2 PostAgentProfile calls for profiling group 'g'
 * but it received:
 *   1
 * calls received:
 *   #1 DescribeProfilingGroup(g) GET /profilingGroups/g -&gt; 200
 *   #2 PostAgentProfile(g) POST /profilingGroups/g/agentProfile -&gt; 204
 * </pre>
 */
@API(status = API.Status.MAINTAINED, since = "0.1")
public class ShouldHaveReceivedCalls extends TextErrorMessageFactory {

  private ShouldHaveReceivedCalls(String text) {
    super(text);
  }

  /**
   * The number of calls of an operation differs.
   *
   * @param operation the operation counted
   * @param group the profiling group counted, or {@code null} for every group
   * @param expected the expected number of calls
   * @param actual the number received
   * @param calls every call the fake received
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveReceivedCalls(
      Operation operation, String group, int expected, int actual, List<RecordedCall> calls) {
    return new ShouldHaveReceivedCalls(
        ArrivalText.countDiffers(
            "Expecting the fake to have received",
            ArrivalText.count(expected, operation.apiName() + " call")
                + ArrivalText.forGroup(group),
            "but it received",
            actual,
            "calls received",
            ArrivalText.calls(calls)));
  }

  /**
   * The fake received calls although none were expected.
   *
   * @param calls every call the fake received
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveReceivedNoCalls(List<RecordedCall> calls) {
    return new ShouldHaveReceivedCalls(
        block(
            "Expecting the fake to have received no calls,\nbut it received " + calls.size(),
            ArrivalText.calls(calls)));
  }

  /**
   * The fake answered calls with an error that no test injected.
   *
   * @param unexpected the unexpected calls
   * @param calls every call the fake received
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveNoUnexpectedCalls(
      List<RecordedCall> unexpected, List<RecordedCall> calls) {
    return new ShouldHaveReceivedCalls(
        block(
                "Expecting the fake to have answered no call with an error the test did not inject,\nbut it answered "
                    + unexpected.size(),
                ArrivalText.calls(unexpected))
            + "\n"
            + block("calls received", ArrivalText.calls(calls)));
  }

  /**
   * Scripted answers were never served.
   *
   * @param unconsumed descriptions of the answers left in the queues
   * @param calls every call the fake received
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveConsumedAllScripts(
      List<String> unconsumed, List<RecordedCall> calls) {
    return new ShouldHaveReceivedCalls(
        block(
                "Expecting every scripted answer of the fake to have been served,\nbut "
                    + unconsumed.size()
                    + (unconsumed.size() == 1 ? " was not" : " were not"),
                String.join("\n", unconsumed))
            + "\n"
            + block("calls received", ArrivalText.calls(calls)));
  }
}
