package dev.fakeguru.internal.api;

import static dev.fakeguru.recording.Operation.ADD_NOTIFICATION_CHANNELS;
import static dev.fakeguru.recording.Operation.BATCH_GET_FRAME_METRIC_DATA;
import static dev.fakeguru.recording.Operation.CONFIGURE_AGENT;
import static dev.fakeguru.recording.Operation.CREATE_PROFILING_GROUP;
import static dev.fakeguru.recording.Operation.DELETE_PROFILING_GROUP;
import static dev.fakeguru.recording.Operation.DESCRIBE_PROFILING_GROUP;
import static dev.fakeguru.recording.Operation.GET_FINDINGS_REPORT_ACCOUNT_SUMMARY;
import static dev.fakeguru.recording.Operation.GET_NOTIFICATION_CONFIGURATION;
import static dev.fakeguru.recording.Operation.GET_POLICY;
import static dev.fakeguru.recording.Operation.GET_PROFILE;
import static dev.fakeguru.recording.Operation.GET_RECOMMENDATIONS;
import static dev.fakeguru.recording.Operation.LIST_FINDINGS_REPORTS;
import static dev.fakeguru.recording.Operation.LIST_PROFILE_TIMES;
import static dev.fakeguru.recording.Operation.LIST_PROFILING_GROUPS;
import static dev.fakeguru.recording.Operation.LIST_TAGS_FOR_RESOURCE;
import static dev.fakeguru.recording.Operation.POST_AGENT_PROFILE;
import static dev.fakeguru.recording.Operation.PUT_PERMISSION;
import static dev.fakeguru.recording.Operation.REMOVE_NOTIFICATION_CHANNEL;
import static dev.fakeguru.recording.Operation.REMOVE_PERMISSION;
import static dev.fakeguru.recording.Operation.SUBMIT_FEEDBACK;
import static dev.fakeguru.recording.Operation.TAG_RESOURCE;
import static dev.fakeguru.recording.Operation.UNTAG_RESOURCE;
import static dev.fakeguru.recording.Operation.UPDATE_PROFILING_GROUP;

import dev.fakeguru.internal.engine.Engine;
import dev.fakeguru.internal.engine.ProfilingGroups;
import dev.fakeguru.internal.http.Exchange;
import dev.fakeguru.internal.http.RouteTable;
import java.util.function.Function;

/**
 * The CodeGuru Profiler API (version 2019-07-18, spec section 2) as routes: every operation's
 * method and URI, and the handler that answers it. Internal.
 */
public final class ApiRoutes {
  private static final String GROUP = "/profilingGroups/{profilingGroupName}";
  private static final String INTERNAL_GROUP = "/internal/profilingGroups/{profilingGroupName}";

  private ApiRoutes() {}

  /** Adds every API route over {@code engine} to {@code table}. */
  public static void register(RouteTable.Builder table, Engine engine) {
    ProfilingGroupHandlers groups = new ProfilingGroupHandlers(engine);
    AgentHandlers agents = new AgentHandlers(engine);
    ProfileQueryHandlers queries = new ProfileQueryHandlers(engine);
    FrameMetricsHandler frameMetrics = new FrameMetricsHandler(engine);
    GroupSettingsHandlers settings = new GroupSettingsHandlers(engine);
    FindingsHandlers findings = new FindingsHandlers(engine);
    Function<Exchange, String> groupOfArn = e -> ProfilingGroups.nameFromArn(e.path("resourceArn"));

    table
        .api("GET", "/profilingGroups", LIST_PROFILING_GROUPS, groups::list)
        .api("POST", "/profilingGroups", CREATE_PROFILING_GROUP, groups::create)
        .api("GET", GROUP, DESCRIBE_PROFILING_GROUP, groups::describe)
        .api("PUT", GROUP, UPDATE_PROFILING_GROUP, groups::update)
        .api("DELETE", GROUP, DELETE_PROFILING_GROUP, groups::delete)
        .api("POST", GROUP + "/configureAgent", CONFIGURE_AGENT, agents::configureAgent)
        .api(
            "POST",
            GROUP + "/agentProfile",
            POST_AGENT_PROFILE,
            agents::postAgentProfile,
            e -> e.path("profilingGroupName"),
            agents::recordReplaced)
        .api("GET", GROUP + "/profileTimes", LIST_PROFILE_TIMES, queries::listProfileTimes)
        .api("GET", GROUP + "/profile", GET_PROFILE, queries::getProfile)
        .api(
            "POST",
            GROUP + "/frames/-/metrics",
            BATCH_GET_FRAME_METRIC_DATA,
            frameMetrics::batchGetFrameMetricData)
        .api("GET", GROUP + "/policy", GET_POLICY, settings::getPolicy)
        .api("PUT", GROUP + "/policy/{actionGroup}", PUT_PERMISSION, settings::putPermission)
        .api(
            "DELETE",
            GROUP + "/policy/{actionGroup}",
            REMOVE_PERMISSION,
            settings::removePermission)
        .api(
            "GET",
            GROUP + "/notificationConfiguration",
            GET_NOTIFICATION_CONFIGURATION,
            settings::getNotificationConfiguration)
        .api(
            "POST",
            GROUP + "/notificationConfiguration",
            ADD_NOTIFICATION_CHANNELS,
            settings::addNotificationChannels)
        .api(
            "DELETE",
            GROUP + "/notificationConfiguration/{channelId}",
            REMOVE_NOTIFICATION_CHANNEL,
            settings::removeNotificationChannel)
        .api(
            "GET",
            "/internal/findingsReports",
            GET_FINDINGS_REPORT_ACCOUNT_SUMMARY,
            findings::findingsReportAccountSummary)
        .api(
            "GET",
            INTERNAL_GROUP + "/recommendations",
            GET_RECOMMENDATIONS,
            findings::getRecommendations)
        .api(
            "GET",
            INTERNAL_GROUP + "/findingsReports",
            LIST_FINDINGS_REPORTS,
            findings::listFindingsReports)
        .api(
            "POST",
            INTERNAL_GROUP + "/anomalies/{anomalyInstanceId}/feedback",
            SUBMIT_FEEDBACK,
            findings::submitFeedback)
        .api(
            "GET",
            "/tags/{resourceArn+}",
            LIST_TAGS_FOR_RESOURCE,
            settings::listTags,
            groupOfArn,
            null)
        .api("POST", "/tags/{resourceArn+}", TAG_RESOURCE, settings::tagResource, groupOfArn, null)
        .api(
            "DELETE",
            "/tags/{resourceArn+}",
            UNTAG_RESOURCE,
            settings::untagResource,
            groupOfArn,
            null);
  }
}
