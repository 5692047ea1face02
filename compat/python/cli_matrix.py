"""The live compatibility suite for the AWS CLI (Debian's awscli package, version 2), run by
compat/run-matrix against the running FakeGuru standalone server. Every call runs the real `aws`
command, as a shell script would, and checks its exit status, its output and what the server received.

    FAKEGURU_ENDPOINT=http://127.0.0.1:PORT FAKEGURU_RESULTS=results.tsv /usr/bin/python3 compat/python/cli_matrix.py

Appends "aws-cli TAB scenario TAB PASS|FAIL TAB detail" per scenario, and one "aws-cli TAB version TAB
INFO TAB cli version" line, to FAKEGURU_RESULTS (if set); exits 1 if any scenario failed. Every scenario
starts from POST /__fakeguru/reset. The command is /usr/bin/aws (FAKEGURU_AWS_CLI overrides it);
credentials, region, endpoint and output format are given to each call, and no configuration file is read.
"""
import datetime
import json
import os
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request

from harness import (ANOMALY_INSTANCE, ENDPOINT, EXPECTED_REPORTS, FIXTURES, admin, buckets_ago, calls,
                     check_attempts, check_feedback_recorded, check_post_stored_once,
                     check_scripted_findings, fault, is_ion_binary, iso, posts, profile_ion_text,
                     profile_json, report_lines, run, script_findings, wall_time)

CLIENT = "aws-cli"
GROUP = "compat-cli"
AWS = os.environ.get("FAKEGURU_AWS_CLI", "/usr/bin/aws")
# The AWS CLI's documented exit status for an error the service answered.
SERVICE_ERROR_EXIT = 254
# AWS CLI v2's defaults: standard retry mode, 3 attempts (its botocore's retries/standard.py).
DEFAULT_RETRY_MODE, DEFAULT_ATTEMPTS = "standard", 3
WORK = tempfile.mkdtemp(prefix="fakeguru-cli-")


def environment(**overrides):
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(AWS_ACCESS_KEY_ID="AKIDCOMPAT", AWS_SECRET_ACCESS_KEY="compat-secret",
               AWS_DEFAULT_REGION="us-east-1", AWS_CONFIG_FILE="/dev/null",
               AWS_SHARED_CREDENTIALS_FILE="/dev/null", AWS_PAGER="",
               AWS_EC2_METADATA_DISABLED="true")  # never ask an instance metadata service
    env.update(overrides)
    return env


class CliError(Exception):
    def __init__(self, status, stderr):
        super().__init__(f"exit {status}: {stderr.strip()}")
        self.status, self.stderr = status, stderr


def aws(*args, env=None):
    """Runs `aws codeguruprofiler ARGS`; returns its JSON output (None when it prints nothing)."""
    command = [AWS, "--endpoint-url", ENDPOINT, "--output", "json", "codeguruprofiler", *args]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, env=env or environment())
    if done.returncode != 0:
        raise CliError(done.returncode, done.stderr)
    return json.loads(done.stdout) if done.stdout.strip() else None


def fails(args, code, operation, message_part, env=None):
    """Runs a call that must fail as the CLI reports a service error: exit 254 and its one-line message."""
    try:
        aws(*args, env=env)
    except CliError as e:
        assert e.status == SERVICE_ERROR_EXIT, f"exit status {e.status}, expected {SERVICE_ERROR_EXIT}: {e.stderr}"
        prefix = f"An error occurred ({code}) when calling the {operation} operation"
        assert prefix in e.stderr, f"{e.stderr!r} should contain {prefix!r}"
        assert message_part in e.stderr, f"{e.stderr!r} should contain {message_part!r}"
        return e
    raise AssertionError(f"expected {code}, but the call succeeded")


def no_retries():
    return environment(AWS_MAX_ATTEMPTS="1")


def file_with(name, data):
    path = os.path.join(WORK, name)
    with open(path, "wb") as f:
        f.write(data)
    return path


def read(path):
    with open(path, "rb") as f:
        return f.read()


def stamp(d):
    return d.strftime("%Y-%m-%dT%H:%M:%S.") + f"{d.microsecond // 1000:03d}Z"


def create(name):
    return aws("create-profiling-group", "--profiling-group-name", name, "--client-token",
               "token-" + name)["profilingGroup"]


def given_group(name):
    """A group made through the admin API: setup a scenario does not test costs no aws process."""
    return admin("POST", "profiling-groups", json.dumps({"name": name}), 201)


def post_directly(group, body, content_type):
    """A post over plain HTTP, for scenarios about reading profiles (posting is post-json's)."""
    req = urllib.request.Request(f"{ENDPOINT.rstrip('/')}/profilingGroups/{group}/agentProfile", data=body,
                                 method="POST", headers={"Content-Type": content_type})
    with urllib.request.urlopen(req) as r:
        assert r.status == 204, r.status


def describe(name, env=None):
    return aws("describe-profiling-group", "--profiling-group-name", name, env=env)["profilingGroup"]


def post(group, path, content_type):
    aws("post-agent-profile", "--profiling-group-name", group, "--content-type", content_type,
        "--agent-profile", "fileb://" + path)


def post_two():
    given_group(GROUP)
    start = buckets_ago(3)
    post_directly(GROUP, profile_json(start, 3, 4), "application/json")
    post_directly(GROUP, profile_ion_text(start + datetime.timedelta(minutes=5), 10, 20), "application/x-amzn-ion")
    return start


def get_profile_to_file(start, *accept):
    out = os.path.join(WORK, "profile.out")
    answer = aws("get-profile", "--profiling-group-name", GROUP, "--start-time", stamp(start),
                 "--end-time", stamp(start + datetime.timedelta(minutes=10)), *accept, out)
    return answer, read(out)


def profiling_groups():
    created = create(GROUP)
    assert created["arn"] == f"arn:aws:codeguru-profiler:us-east-1:123456789012:profilingGroup/{GROUP}", created["arn"]
    again = create(GROUP)  # the same client token and parameters: the same group, not a conflict
    assert again["createdAt"] == created["createdAt"]
    assert describe(GROUP)["agentOrchestrationConfig"]["profilingEnabled"] is True
    aws("update-profiling-group", "--profiling-group-name", GROUP,
        "--agent-orchestration-config", "profilingEnabled=false")
    updated = describe(GROUP)
    assert updated["agentOrchestrationConfig"]["profilingEnabled"] is False
    assert iso(updated["updatedAt"]) >= iso(updated["createdAt"])
    aws("delete-profiling-group", "--profiling-group-name", GROUP)
    fails(["describe-profiling-group", "--profiling-group-name", GROUP], "ResourceNotFoundException",
          "DescribeProfilingGroup", GROUP)
    return "create (same client token twice), describe, update profilingEnabled=false, delete, then exit 254"


def list_pagination():
    names = ["compat-a", "compat-b", "compat-c", "compat-d", "compat-e"]
    for n in names:
        given_group(n)
    # The CLI does not page ListProfilingGroups by itself (no paginator in the model): page by hand.
    seen, described, token, pages = [], [], None, 0
    while True:
        page = aws("list-profiling-groups", "--max-results", "2", "--include-description",
                   *(["--next-token", token] if token else []))
        assert [g["name"] for g in page["profilingGroups"]] == page["profilingGroupNames"]
        seen += page["profilingGroupNames"]
        described += page["profilingGroups"]
        pages += 1
        token = page.get("nextToken")
        if not token:
            break
    assert seen == names and pages == 3, (seen, pages)
    assert all(g["arn"].endswith("/" + g["name"]) for g in described)
    bare = aws("list-profiling-groups")
    assert bare["profilingGroupNames"] == names and "profilingGroups" not in bare, bare
    return f"{pages} pages of 2 with --next-token, descriptions with --include-description"


def configure_agent():
    given_group(GROUP)
    config = aws("configure-agent", "--profiling-group-name", GROUP, "--fleet-instance-id", "i-compat")["configuration"]
    assert config["shouldProfile"] is True
    assert config["periodInSeconds"] == 300
    assert config["agentParameters"]
    return f"shouldProfile {config['shouldProfile']}, periodInSeconds {config['periodInSeconds']}"


def post_json():
    given_group(GROUP)
    path = os.path.join(FIXTURES, "python-agent-profile-1.json")
    body = read(path)
    post(GROUP, path, "application/json")
    recorded = posts(GROUP)
    assert len(recorded) == 1
    assert recorded[0]["size"] == len(body), "the file's bytes, as they are"
    assert recorded[0]["stored"] and recorded[0]["decoded"]
    assert recorded[0]["contentType"] == "application/json"
    assert recorded[0]["token"], "the CLI fills in the profile token"
    return f"fileb:// of fixture python-agent-profile-1.json, {len(body)} bytes"


def post_ion():
    given_group(GROUP)
    body = profile_ion_text(buckets_ago(2), 3, 4)
    post(GROUP, file_with("p.ion", body), "application/x-amzn-ion")
    recorded = posts(GROUP)
    assert len(recorded) == 1 and recorded[0]["size"] == len(body) and recorded[0]["decoded"], recorded
    assert recorded[0]["contentType"] == "application/x-amzn-ion"
    decoded = admin("GET", f"posts/{recorded[0]['sequence']}/profile")
    assert decoded["callgraph"]["children"]["main"]["children"]["b"]["counts"]["WALL_TIME"] == 4
    return f"Ion text from a file, {len(body)} bytes, decoded by the server"


def get_profile_json():
    answer, body = get_profile_to_file(post_two(), "--accept", "application/json")
    assert answer["contentType"] == "application/json", answer
    assert wall_time(body, "a") == 13 and wall_time(body, "b") == 24
    return "to a file with --accept application/json: a=13, b=24"


def get_profile_ion():
    answer, body = get_profile_to_file(post_two(), "--accept", "application/x-amzn-ion")
    assert answer["contentType"] == "application/x-amzn-ion", answer
    assert is_ion_binary(body), body[:8]
    return f"to a file with --accept application/x-amzn-ion: Ion binary, {len(body)} bytes"


def get_profile_no_accept():
    answer, body = get_profile_to_file(post_two())
    assert answer["contentType"] == "application/x-amzn-ion", answer
    assert is_ion_binary(body), body[:8]
    return f"to a file without --accept: Ion binary, {len(body)} bytes"


def list_profile_times():
    given_group(GROUP)
    starts = [buckets_ago(4), buckets_ago(3), buckets_ago(1)]
    for i, s in enumerate(starts):
        post(GROUP, file_with(f"t{i}.json", profile_json(s + datetime.timedelta(seconds=30), 1, 1)), "application/json")
    window = ["--profiling-group-name", GROUP, "--period", "PT5M",
              "--start-time", stamp(starts[0] - datetime.timedelta(hours=1)),
              "--end-time", stamp(datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(minutes=1))]
    # The CLI pages ListProfileTimes by itself: --page-size 2 makes it ask twice.
    ascending = aws("list-profile-times", *window, "--order-by", "TimestampAscending", "--page-size", "2")
    assert [iso(t["start"]) for t in ascending["profileTimes"]] == starts, ascending
    assert len(calls("ListProfileTimes")) == 2, "two pages"
    descending = aws("list-profile-times", *window)
    assert [iso(t["start"]) for t in descending["profileTimes"]] == starts[::-1], descending
    return f"{len(starts)} buckets, ascending in pages of 2 (paged by the CLI) and descending"


def tags():
    arn = given_group(GROUP)["arn"]
    aws("tag-resource", "--resource-arn", arn, "--tags", "team=perf,env=ci")
    assert aws("list-tags-for-resource", "--resource-arn", arn)["tags"] == {"team": "perf", "env": "ci"}
    aws("untag-resource", "--resource-arn", arn, "--tag-keys", "env")
    assert aws("list-tags-for-resource", "--resource-arn", arn)["tags"] == {"team": "perf"}
    assert describe(GROUP)["tags"] == {"team": "perf"}
    tag_call = calls("TagResource")[0]
    assert tag_call["path"] == "/tags/" + urllib.parse.quote(arn, safe=""), tag_call["path"]
    return f"on {arn}, sent as {tag_call['path']}"


def errors():
    once = no_retries()
    fails(["create-profiling-group", "--profiling-group-name", "has space", "--client-token", "t1"],
          "ValidationException", "CreateProfilingGroup", "profilingGroupName", once)
    fails(["describe-profiling-group", "--profiling-group-name", "missing"], "ResourceNotFoundException",
          "DescribeProfilingGroup", "missing", once)
    given_group(GROUP)
    fails(["create-profiling-group", "--profiling-group-name", GROUP, "--client-token", "another"],
          "ConflictException", "CreateProfilingGroup", GROUP, once)

    def channel(n):
        return ["add-notification-channels", "--profiling-group-name", GROUP, "--channels",
                json.dumps([{"uri": f"arn:aws:sns:us-east-1:123456789012:topic-{n}",
                             "eventPublishers": ["AnomalyDetection"]}])]
    aws(*channel(1))
    aws(*channel(2))
    fails(channel(3), "ServiceQuotaExceededException", "AddNotificationChannels",
          "at most 2 notification channels", once)
    fault({"fault": {"type": "throttling", "message": "Rate exceeded (compat)"},
           "operations": ["DescribeProfilingGroup"], "nextCalls": 1})
    fails(["describe-profiling-group", "--profiling-group-name", GROUP], "ThrottlingException",
          "DescribeProfilingGroup", "Rate exceeded (compat)", once)
    fault({"fault": {"type": "internalError", "message": "Broken (compat)"},
           "operations": ["DescribeProfilingGroup"], "nextCalls": 1})
    fails(["describe-profiling-group", "--profiling-group-name", GROUP], "InternalServerException",
          "DescribeProfilingGroup", "Broken (compat)", once)
    # A parameter the CLI checks itself never reaches the server: exit 252, not a service error.
    bad = subprocess.run([AWS, "--endpoint-url", ENDPOINT, "codeguruprofiler", "get-profile"],
                         capture_output=True, text=True, timeout=120, env=environment())
    assert bad.returncode == 252, (bad.returncode, bad.stderr)
    return f"400, 404, 409, 402, 429, 500: exit {SERVICE_ERROR_EXIT}, 'An error occurred (Type) ...: message'"


def retries_of(fault_type, code, status):
    given_group(GROUP)
    fault({"fault": {"type": fault_type}, "operations": ["DescribeProfilingGroup"]})
    fails(["describe-profiling-group", "--profiling-group-name", GROUP], code, "DescribeProfilingGroup",
          f"reached max retries: {DEFAULT_ATTEMPTS - 1}")
    received = check_attempts("DescribeProfilingGroup", DEFAULT_ATTEMPTS, status)
    return f"{len(received)} attempts (default {DEFAULT_RETRY_MODE} mode, max attempts {DEFAULT_ATTEMPTS})"


def idempotent_post_retry():
    given_group(GROUP)
    fault({"fault": {"type": "internalError"}, "operations": ["PostAgentProfile"], "nextCalls": 1,
           "timing": "afterEffect"})
    post(GROUP, file_with("r.json", profile_json(buckets_ago(1), 5, 6)), "application/json")
    return check_post_stored_once(GROUP)


def timestamps():
    before = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(seconds=5)
    created = create(GROUP)
    stored = admin("GET", "profiling-groups/" + GROUP)
    # The CLI prints the instants it parsed as ISO-8601 with an offset; they must be the server's.
    assert iso(created["createdAt"]) == iso(stored["createdAt"]) >= before, (created["createdAt"], stored["createdAt"])
    assert iso(created["updatedAt"]) == iso(stored["updatedAt"])
    start = buckets_ago(2)
    post(GROUP, file_with("s.json", profile_json(start, 1, 2)), "application/json")
    frm = start - datetime.timedelta(milliseconds=123457)
    to = start + datetime.timedelta(minutes=5, milliseconds=877)
    out = os.path.join(WORK, "ts.out")
    aws("get-profile", "--profiling-group-name", GROUP, "--start-time", stamp(frm), "--end-time", stamp(to),
        "--accept", "application/json", out)
    assert wall_time(read(out), "b") == 2
    times = aws("list-profile-times", "--profiling-group-name", GROUP, "--period", "PT5M",
                "--start-time", stamp(frm), "--end-time", stamp(to))["profileTimes"]
    assert [iso(t["start"]) for t in times] == [start], times
    return f"createdAt printed as {created['createdAt']}, query times with ms accepted"


def findings():
    given_group(GROUP)
    script_findings(GROUP)
    window = ["--profiling-group-name", GROUP, "--start-time", "2024-01-02T03:00:00Z",
              "--end-time", "2024-01-02T04:00:00Z"]
    check_scripted_findings(aws("get-recommendations", *window, "--locale", "fr-FR"), iso)
    # No paginator for ListFindingsReports in the CLI's model: page by hand.
    reports = report_lines(
        lambda token: aws("list-findings-reports", "--profiling-group-name", GROUP, "--start-time",
                          "2024-01-02T00:00:00Z", "--end-time", "2024-01-03T00:00:00Z", "--max-results", "1",
                          *(["--next-token", token] if token else [])),
        iso)
    assert reports == EXPECTED_REPORTS, reports
    summary = aws("get-findings-report-account-summary", "--daily-reports-only")["reportSummaries"]
    assert [x["profilingGroupName"] for x in summary] == [GROUP], summary
    aws("submit-feedback", "--profiling-group-name", GROUP, "--anomaly-instance-id", ANOMALY_INSTANCE,
        "--type", "Positive", "--comment", "useful")
    check_feedback_recorded(GROUP)
    again = aws("get-recommendations", *window)
    assert again["anomalies"][0]["instances"][0]["userFeedback"]["type"] == "Positive"
    return "1 recommendation, 1 anomaly, 3 reports in pages of 1 (--next-token), Positive feedback shown"


def version():
    done = subprocess.run([AWS, "--version"], capture_output=True, text=True, timeout=60, env=environment())
    return (done.stdout or done.stderr).split()[0].replace("/", " ")


def main():
    return run(CLIENT, version(), sys.modules[__name__])


if __name__ == "__main__":
    sys.exit(main())
