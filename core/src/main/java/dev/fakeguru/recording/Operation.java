package dev.fakeguru.recording;

import org.apiguardian.api.API;

/**
 * The operations of the CodeGuru Profiler API (version 2019-07-18), as the fake routes and records
 * them.
 *
 * <pre>{@code
 * assertThat(fake.callCount(Operation.POST_AGENT_PROFILE)).isEqualTo(3);
 * }</pre>
 */
@API(status = API.Status.STABLE, since = "0.1")
public enum Operation {
  CREATE_PROFILING_GROUP("CreateProfilingGroup"),
  DESCRIBE_PROFILING_GROUP("DescribeProfilingGroup"),
  UPDATE_PROFILING_GROUP("UpdateProfilingGroup"),
  DELETE_PROFILING_GROUP("DeleteProfilingGroup"),
  LIST_PROFILING_GROUPS("ListProfilingGroups"),
  CONFIGURE_AGENT("ConfigureAgent"),
  POST_AGENT_PROFILE("PostAgentProfile"),
  LIST_PROFILE_TIMES("ListProfileTimes"),
  GET_PROFILE("GetProfile"),
  BATCH_GET_FRAME_METRIC_DATA("BatchGetFrameMetricData"),
  GET_RECOMMENDATIONS("GetRecommendations"),
  LIST_FINDINGS_REPORTS("ListFindingsReports"),
  GET_FINDINGS_REPORT_ACCOUNT_SUMMARY("GetFindingsReportAccountSummary"),
  SUBMIT_FEEDBACK("SubmitFeedback"),
  GET_POLICY("GetPolicy"),
  PUT_PERMISSION("PutPermission"),
  REMOVE_PERMISSION("RemovePermission"),
  GET_NOTIFICATION_CONFIGURATION("GetNotificationConfiguration"),
  ADD_NOTIFICATION_CHANNELS("AddNotificationChannels"),
  REMOVE_NOTIFICATION_CHANNEL("RemoveNotificationChannel"),
  LIST_TAGS_FOR_RESOURCE("ListTagsForResource"),
  TAG_RESOURCE("TagResource"),
  UNTAG_RESOURCE("UntagResource"),
  /**
   * A request that matched no operation of the API (answered 404 {@code
   * UnknownOperationException}).
   */
  UNKNOWN("Unknown");

  private final String apiName;

  Operation(String apiName) {
    this.apiName = apiName;
  }

  /** The operation's name in the API reference, e.g. {@code PostAgentProfile}. */
  public String apiName() {
    return apiName;
  }

  @Override
  public String toString() {
    return apiName;
  }
}
