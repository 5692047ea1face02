"""The live compatibility suite for boto3 (Debian's python3-boto3), run by compat/run-matrix against
the running FakeGuru standalone server.

    FAKEGURU_ENDPOINT=http://127.0.0.1:PORT FAKEGURU_RESULTS=results.tsv /usr/bin/python3 compat/python/matrix.py

Appends "boto3 TAB scenario TAB PASS|FAIL TAB detail" per scenario, and one "boto3 TAB version TAB INFO
TAB sdk versions" line, to FAKEGURU_RESULTS (if set); exits 1 if any scenario failed. Every scenario
starts from POST /__fakeguru/reset; a scenario may return a short detail for its PASS line. Credentials,
region and endpoint are passed explicitly; run it with AWS_CONFIG_FILE=/dev/null and
AWS_SHARED_CREDENTIALS_FILE=/dev/null so that no configuration file changes the client's defaults.
"""
import datetime
import json
import os
import sys
import time
import urllib.parse
import urllib.request
import uuid

import boto3
import botocore
import botocore.loaders
import botocore.retries.standard
from botocore.config import Config

CLIENT = "boto3"
GROUP = "compat-py"
HERE = os.path.dirname(os.path.abspath(__file__))
ENDPOINT = os.environ.get("FAKEGURU_ENDPOINT")
RESULTS = os.environ.get("FAKEGURU_RESULTS")
if not ENDPOINT:
    sys.exit("Set FAKEGURU_ENDPOINT=http://127.0.0.1:PORT (the running standalone server)")
ADMIN = ENDPOINT.rstrip("/") + "/__fakeguru/"
FIVE_MINUTES = 300


def sdk(config=None):
    return boto3.session.Session().client(
        "codeguruprofiler",
        endpoint_url=ENDPOINT,
        region_name="us-east-1",
        aws_access_key_id="AKIDCOMPAT",
        aws_secret_access_key="compat-secret",
        config=config,
    )


client = sdk()
no_retries = sdk(Config(retries={"total_max_attempts": 1}))


def default_attempts():
    """The retry mode a default client resolved, and the attempts the installed botocore makes in it."""
    mode = client.meta.config.retries["mode"]
    if mode == "legacy":
        retry = botocore.loaders.Loader().load_data("_retry")["retry"]
        service = retry.get(client.meta.service_model.endpoint_prefix, {}).get("__default__", {})
        return mode, service.get("max_attempts", retry["__default__"]["max_attempts"])
    return mode, botocore.retries.standard.DEFAULT_MAX_ATTEMPTS


DEFAULT_RETRY_MODE, DEFAULT_ATTEMPTS = default_attempts()


def admin(method, path, body=None, expected=200):
    data = body.encode() if isinstance(body, str) else body
    req = urllib.request.Request(ADMIN + path, data=data, method=method)
    try:
        with urllib.request.urlopen(req) as r:
            status, text = r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        status, text = e.code, e.read().decode()
    if status != expected:
        raise AssertionError(f"{method} {path} answered {status}: {text}")
    return json.loads(text) if text else {}


def fault(rule):
    admin("POST", "faults", json.dumps(rule), 201)


def calls(operation):
    return admin("GET", "calls?operation=" + operation)["calls"]


def posts(group):
    return admin("GET", "posts?group=" + group)["posts"]


def buckets_ago(n):
    now = int(time.time())
    return datetime.datetime.fromtimestamp(now - now % FIVE_MINUTES - n * FIVE_MINUTES, tz=datetime.timezone.utc)


def iso(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


def millis(d):
    return int(d.timestamp() * 1000)


def profile_json(start, a, b):
    return json.dumps({
        "start": millis(start), "end": millis(start) + 60000, "agentMetadata": {"durationInMs": 60000},
        "callgraph": {"children": {"main": {"children": {"a": {"counts": {"WALL_TIME": a}}, "b": {"counts": {"WALL_TIME": b}}}}}},
    }).encode()


def profile_ion_text(start, a, b):
    """The same profile as Ion text (unquoted field names are Ion symbols: this is not JSON)."""
    s = millis(start)
    return (f"{{start:{s},end:{s + 60000},agentMetadata:{{durationInMs:60000}},"
            f"callgraph:{{children:{{main:{{children:{{a:{{counts:{{WALL_TIME:{a}}}}},b:{{counts:{{WALL_TIME:{b}}}}}}}}}}}}}}}").encode()


def body_of(response):
    p = response["profile"]
    return p.read() if hasattr(p, "read") else p


def wall_time(body, frame):
    return json.loads(body)["callgraph"]["children"]["main"]["children"][frame]["counts"]["WALL_TIME"]


def is_ion_binary(body):
    return body[:4] == b"\xe0\x01\x00\xea"


def create(name):
    return client.create_profiling_group(profilingGroupName=name, clientToken=str(uuid.uuid4()))["profilingGroup"]


def post(group, body, content_type):
    client.post_agent_profile(profilingGroupName=group, contentType=content_type, agentProfile=body)


def describe(c, name):
    return c.describe_profiling_group(profilingGroupName=name)["profilingGroup"]


def rejects(call, code, status, message_part, exception_class):
    try:
        call()
    except exception_class as e:
        err = e.response["Error"]
        assert err["Code"] == code, f"code {err['Code']} != {code}"
        assert e.response["ResponseMetadata"]["HTTPStatusCode"] == status
        assert message_part in err["Message"], f"message {err['Message']!r} should contain {message_part!r}"
        return e
    raise AssertionError(f"expected {code}, but the call succeeded")


def post_two():
    create(GROUP)
    start = buckets_ago(3)
    post(GROUP, profile_json(start, 3, 4), "application/json")
    post(GROUP, profile_ion_text(start + datetime.timedelta(minutes=5), 10, 20), "application/x-amzn-ion")
    return start


def ten_minutes_from(start):
    return {"profilingGroupName": GROUP, "startTime": start, "endTime": start + datetime.timedelta(minutes=10)}


def profiling_groups():
    created = create(GROUP)
    assert created["arn"] == f"arn:aws:codeguru-profiler:us-east-1:123456789012:profilingGroup/{GROUP}", created["arn"]
    assert describe(client, GROUP)["agentOrchestrationConfig"]["profilingEnabled"] is True
    client.update_profiling_group(profilingGroupName=GROUP, agentOrchestrationConfig={"profilingEnabled": False})
    updated = describe(client, GROUP)
    assert updated["agentOrchestrationConfig"]["profilingEnabled"] is False
    assert updated["updatedAt"] >= updated["createdAt"]
    client.delete_profiling_group(profilingGroupName=GROUP)
    rejects(lambda: describe(client, GROUP), "ResourceNotFoundException", 404, GROUP, client.exceptions.ResourceNotFoundException)
    return "create, describe, update profilingEnabled=false, delete, then 404"


def list_pagination():
    names = ["compat-a", "compat-b", "compat-c", "compat-d", "compat-e"]
    for n in names:
        create(n)
    seen, token, pages = [], None, 0
    while True:
        kwargs = {"maxResults": 2}
        if token:
            kwargs["nextToken"] = token
        page = client.list_profiling_groups(**kwargs)
        assert len(page["profilingGroupNames"]) <= 2
        seen += page["profilingGroupNames"]
        pages += 1
        token = page.get("nextToken")
        if not token:
            break
    assert seen == names, seen
    assert pages == 3, pages
    bare = client.list_profiling_groups(includeDescription=False)
    assert bare["profilingGroupNames"] == names
    assert "profilingGroups" not in bare, "no descriptions without includeDescription"
    described, token = [], None
    while True:
        kwargs = {"includeDescription": True, "maxResults": 2}
        if token:
            kwargs["nextToken"] = token
        page = client.list_profiling_groups(**kwargs)
        assert [g["name"] for g in page["profilingGroups"]] == page["profilingGroupNames"]
        described += page["profilingGroups"]
        token = page.get("nextToken")
        if not token:
            break
    assert [g["name"] for g in described] == names
    assert all(g["arn"].endswith("/" + g["name"]) and isinstance(g["createdAt"], datetime.datetime) for g in described)
    return f"{pages} pages of 2, descriptions paged too"


def configure_agent():
    create(GROUP)
    config = client.configure_agent(profilingGroupName=GROUP, fleetInstanceId="i-compat")["configuration"]
    assert config["shouldProfile"] is True
    assert config["periodInSeconds"] == 300
    assert config["agentParameters"]
    return (f"shouldProfile {config['shouldProfile']}, periodInSeconds {config['periodInSeconds']}, "
            f"{len(config['agentParameters'])} agentParameters")


def post_json():
    create(GROUP)
    with open(os.path.join(HERE, "..", "..", "fixtures", "python-agent-profile-1.json"), "rb") as f:
        body = f.read()
    post(GROUP, body, "application/json")
    recorded = posts(GROUP)
    assert len(recorded) == 1
    assert recorded[0]["size"] == len(body)
    assert recorded[0]["stored"] and recorded[0]["decoded"]
    assert recorded[0]["contentType"] == "application/json"
    fixture = json.loads(body)
    decoded = admin("GET", f"posts/{recorded[0]['sequence']}/profile")
    assert (decoded["start"], decoded["end"]) == (fixture["start"], fixture["end"]), decoded["start"]
    return f"fixture python-agent-profile-1.json, {len(body)} bytes, recorded as post {recorded[0]['sequence']}"


def post_ion():
    create(GROUP)
    body = profile_ion_text(buckets_ago(2), 3, 4)
    post(GROUP, body, "application/x-amzn-ion")
    recorded = posts(GROUP)
    assert len(recorded) == 1
    assert recorded[0]["size"] == len(body)
    assert recorded[0]["decoded"]
    assert recorded[0]["contentType"] == "application/x-amzn-ion"
    decoded = admin("GET", f"posts/{recorded[0]['sequence']}/profile")
    assert decoded["callgraph"]["children"]["main"]["children"]["b"]["counts"]["WALL_TIME"] == 4
    return f"Ion text, {len(body)} bytes, decoded by the server"


def get_profile_json():
    r = client.get_profile(accept="application/json", **ten_minutes_from(post_two()))
    assert r["contentType"] == "application/json"
    body = body_of(r)
    assert wall_time(body, "a") == 13
    assert wall_time(body, "b") == 24
    return "JSON + Ion posts aggregated: a=13, b=24"


def get_profile_ion():
    r = client.get_profile(accept="application/x-amzn-ion", **ten_minutes_from(post_two()))
    assert r["contentType"] == "application/x-amzn-ion"
    body = body_of(r)
    assert is_ion_binary(body), body[:8]
    return f"Ion binary, {len(body)} bytes"


def get_profile_no_accept():
    r = client.get_profile(**ten_minutes_from(post_two()))
    assert r["contentType"] == "application/x-amzn-ion"
    body = body_of(r)
    assert is_ion_binary(body), body[:8]
    return f"no Accept: Ion binary, {len(body)} bytes"


def list_profile_times():
    create(GROUP)
    starts = [buckets_ago(4), buckets_ago(3), buckets_ago(1)]
    for s in starts:
        post(GROUP, profile_json(s + datetime.timedelta(seconds=30), 1, 1), "application/json")
    seen, token = [], None
    while True:
        kwargs = {"profilingGroupName": GROUP, "period": "PT5M", "startTime": starts[0] - datetime.timedelta(hours=1),
                  "endTime": datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(minutes=1),
                  "orderBy": "TimestampAscending", "maxResults": 2}
        if token:
            kwargs["nextToken"] = token
        page = client.list_profile_times(**kwargs)
        seen += [t["start"] for t in page["profileTimes"]]
        token = page.get("nextToken")
        if not token:
            break
    assert seen == starts, seen
    desc = client.list_profile_times(profilingGroupName=GROUP, period="PT5M", startTime=starts[0] - datetime.timedelta(hours=1),
                                     endTime=datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(minutes=1),
                                     orderBy="TimestampDescending")["profileTimes"]
    assert [t["start"] for t in desc] == starts[::-1], desc
    return f"{len(seen)} buckets, ascending in pages of 2 and descending"


def tags():
    arn = create(GROUP)["arn"]
    client.tag_resource(resourceArn=arn, tags={"team": "perf", "env": "ci"})
    assert client.list_tags_for_resource(resourceArn=arn)["tags"] == {"team": "perf", "env": "ci"}
    client.untag_resource(resourceArn=arn, tagKeys=["env"])
    assert client.list_tags_for_resource(resourceArn=arn)["tags"] == {"team": "perf"}
    assert describe(client, GROUP)["tags"] == {"team": "perf"}
    # botocore percent-encodes the ARN's ':' and '/' into one path segment, and the server resolved it.
    tag_call = calls("TagResource")[0]
    assert tag_call["path"] == "/tags/" + urllib.parse.quote(arn, safe=""), tag_call["path"]
    assert tag_call["group"] == GROUP
    return f"on {arn}, sent as {tag_call['path']}"


def errors():
    ex = no_retries.exceptions
    rejects(lambda: no_retries.create_profiling_group(profilingGroupName="has space", clientToken="t1"),
            "ValidationException", 400, "profilingGroupName", ex.ValidationException)
    rejects(lambda: describe(no_retries, "missing"), "ResourceNotFoundException", 404, "missing", ex.ResourceNotFoundException)
    create(GROUP)
    rejects(lambda: create(GROUP), "ConflictException", 409, GROUP, client.exceptions.ConflictException)

    def channel(n):
        return no_retries.add_notification_channels(profilingGroupName=GROUP, channels=[
            {"uri": f"arn:aws:sns:us-east-1:123456789012:topic-{n}", "eventPublishers": ["AnomalyDetection"]}])
    channel(1)
    channel(2)
    rejects(lambda: channel(3), "ServiceQuotaExceededException", 402, "at most 2 notification channels",
            ex.ServiceQuotaExceededException)
    fault({"fault": {"type": "throttling", "message": "Rate exceeded (compat)"}, "operations": ["DescribeProfilingGroup"], "nextCalls": 1})
    rejects(lambda: describe(no_retries, GROUP), "ThrottlingException", 429, "Rate exceeded (compat)", ex.ThrottlingException)
    fault({"fault": {"type": "internalError", "message": "Broken (compat)"}, "operations": ["DescribeProfilingGroup"], "nextCalls": 1})
    rejects(lambda: describe(no_retries, GROUP), "InternalServerException", 500, "Broken (compat)", ex.InternalServerException)
    return "400, 404, 409, 402, 429, 500 as their exception classes"


def retries_of(fault_type, code, status):
    # The spec (section 6.3) expects botocore's legacy mode with 5 attempts for this botocore.
    assert (DEFAULT_RETRY_MODE, DEFAULT_ATTEMPTS) == ("legacy", 5), (DEFAULT_RETRY_MODE, DEFAULT_ATTEMPTS)
    create(GROUP)
    fault({"fault": {"type": fault_type}, "operations": ["DescribeProfilingGroup"]})
    e = rejects(lambda: describe(client, GROUP), code, status, "", getattr(client.exceptions, code))
    received = calls("DescribeProfilingGroup")
    assert len(received) == DEFAULT_ATTEMPTS, f"the server received {len(received)} attempts, expected {DEFAULT_ATTEMPTS}"
    assert all(c["status"] == status and c["faultInjected"] for c in received), received
    retried = e.response["ResponseMetadata"]["RetryAttempts"]
    assert retried == DEFAULT_ATTEMPTS - 1, f"botocore reports {retried} retries"
    return f"{len(received)} attempts (default {DEFAULT_RETRY_MODE} mode, max attempts {DEFAULT_ATTEMPTS})"


def idempotent_post_retry():
    create(GROUP)
    fault({"fault": {"type": "internalError"}, "operations": ["PostAgentProfile"], "nextCalls": 1, "timing": "afterEffect"})
    post(GROUP, profile_json(buckets_ago(1), 5, 6), "application/json")
    recorded = posts(GROUP)
    assert len(recorded) == 2, recorded
    assert recorded[0]["token"] and recorded[0]["token"] == recorded[1]["token"], "the retry reuses the token"
    assert len([p for p in recorded if p["stored"]]) == 1
    assert [c["status"] for c in calls("PostAgentProfile")] == [500, 204]
    return "2 calls (500 after effect, then 204), stored once"


def timestamps():
    before = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(seconds=5)
    created = create(GROUP)
    assert created["createdAt"].tzinfo is not None and created["createdAt"] >= before
    # The server's own record of the same instants (ISO-8601 with milliseconds): botocore's datetime must equal it.
    stored = admin("GET", "profiling-groups/" + GROUP)
    assert created["createdAt"] == iso(stored["createdAt"]), (created["createdAt"], stored["createdAt"])
    assert created["updatedAt"] == iso(stored["updatedAt"]), (created["updatedAt"], stored["updatedAt"])
    start = buckets_ago(2)
    post(GROUP, profile_json(start, 1, 2), "application/json")
    frm = start - datetime.timedelta(milliseconds=123457)
    to = start + datetime.timedelta(minutes=5, milliseconds=877)
    r = client.get_profile(profilingGroupName=GROUP, startTime=frm, endTime=to, accept="application/json")
    assert wall_time(body_of(r), "b") == 2
    times = client.list_profile_times(profilingGroupName=GROUP, period="PT5M", startTime=frm, endTime=to)["profileTimes"]
    assert [t["start"] for t in times] == [start], times
    reported = describe(client, GROUP)["profilingStatus"]["latestAgentProfileReportedAt"]
    assert reported >= before
    return f"createdAt {created['createdAt'].isoformat(timespec='milliseconds')}, query times with ms accepted"


ANOMALY_INSTANCE = "0b6c1f0e-3a4b-4c8e-9d3f-2f1e0c9a7b11"


def script_findings(group):
    """A recommendation for 03:00-04:00 and an anomaly instance 03:10-03:20 on 2024-01-02."""
    admin("POST", "findings/recommendations", json.dumps({
        "group": group, "startTime": "2024-01-02T03:00:00Z", "endTime": "2024-01-02T04:00:00Z",
        "pattern": {"name": "Excessive logging", "description": "Logging takes time.", "resolutionSteps": "Log less.",
                    "targetFrames": [["Logger.log"]], "thresholdPercent": 5, "countersToAggregate": ["RUNNABLE"]},
        "matches": [{"frameAddress": "main;handle;Logger.log", "targetFramesIndex": 0, "thresholdBreachValue": 7.5}],
    }), 201)
    admin("POST", "findings/anomalies", json.dumps({
        "group": group, "metric": {"frameName": "Db.query", "threadStates": ["RUNNABLE"]},
        "reason": "Db.query takes 3 times its usual share",
        "instances": [{"id": ANOMALY_INSTANCE, "startTime": "2024-01-02T03:10:00Z", "endTime": "2024-01-02T03:20:00Z"}],
    }), 201)


def findings():
    create(GROUP)
    script_findings(GROUP)
    window = {"profilingGroupName": GROUP, "startTime": iso("2024-01-02T03:00:00Z"), "endTime": iso("2024-01-02T04:00:00Z")}
    found = client.get_recommendations(locale="fr-FR", **window)
    assert len(found["recommendations"]) == 1, found["recommendations"]
    r = found["recommendations"][0]
    assert r["pattern"]["name"] == "Excessive logging"
    assert r["pattern"]["targetFrames"] == [["Logger.log"]]
    assert r["pattern"]["thresholdPercent"] == 5.0
    assert r["allMatchesCount"] == 1 and r["allMatchesSum"] == 7.5
    assert r["topMatches"][0]["frameAddress"] == "main;handle;Logger.log"
    assert r["startTime"] == window["startTime"], r["startTime"]
    a = found["anomalies"][0]
    assert a["metric"]["frameName"] == "Db.query" and a["metric"]["threadStates"] == ["RUNNABLE"]
    assert a["instances"][0]["id"] == ANOMALY_INSTANCE
    assert a["instances"][0]["endTime"] == iso("2024-01-02T03:20:00Z")
    reports, token = [], None
    while True:
        page = client.list_findings_reports(
            profilingGroupName=GROUP, startTime=iso("2024-01-02T00:00:00Z"), endTime=iso("2024-01-03T00:00:00Z"),
            maxResults=1, **({"nextToken": token} if token else {}))
        assert len(page["findingsReportSummaries"]) <= 1
        reports += [f"{x['profileStartTime'].isoformat()} {x['profileEndTime'].isoformat()} {x['totalNumberOfFindings']}"
                    for x in page["findingsReportSummaries"]]
        token = page.get("nextToken")
        if not token:
            break
    assert reports == [
        "2024-01-02T00:00:00+00:00 2024-01-03T00:00:00+00:00 2",
        "2024-01-02T03:00:00+00:00 2024-01-02T04:00:00+00:00 2",
        "2024-01-02T03:10:00+00:00 2024-01-02T03:20:00+00:00 2",
    ], reports
    summary = client.get_findings_report_account_summary(dailyReportsOnly=True)["reportSummaries"]
    assert [x["profilingGroupName"] for x in summary] == [GROUP], summary
    client.submit_feedback(profilingGroupName=GROUP, anomalyInstanceId=ANOMALY_INSTANCE, type="Positive", comment="useful")
    feedback = admin("GET", "findings/feedback")["feedback"]
    assert len(feedback) == 1, feedback
    assert (feedback[0]["group"], feedback[0]["anomalyInstanceId"], feedback[0]["type"], feedback[0]["comment"]) == \
        (GROUP, ANOMALY_INSTANCE, "Positive", "useful"), feedback
    again = client.get_recommendations(**window)
    assert again["anomalies"][0]["instances"][0]["userFeedback"]["type"] == "Positive"
    return "1 recommendation, 1 anomaly, 3 reports in pages of 1, Positive feedback shown"


SCENARIOS = [
    ("profiling-groups", profiling_groups),
    ("list-pagination", list_pagination),
    ("configure-agent", configure_agent),
    ("post-json", post_json),
    ("post-ion", post_ion),
    ("get-profile-json", get_profile_json),
    ("get-profile-ion", get_profile_ion),
    ("get-profile-no-accept", get_profile_no_accept),
    ("list-profile-times", list_profile_times),
    ("tags", tags),
    ("errors", errors),
    ("retries-429", lambda: retries_of("throttling", "ThrottlingException", 429)),
    ("retries-500", lambda: retries_of("internalError", "InternalServerException", 500)),
    ("idempotent-post-retry", idempotent_post_retry),
    ("timestamps", timestamps),
    ("findings", findings),
]


def record(scenario, status, detail):
    line = "\t".join([CLIENT, scenario, status, str(detail).replace("\t", " ").replace("\n", " ")]) + "\n"
    sys.stdout.write(line)
    if RESULTS:
        with open(RESULTS, "a", encoding="utf-8") as f:
            f.write(line)


def main():
    record("version", "INFO", f"boto3 {boto3.__version__} / botocore {botocore.__version__}")
    failed, failed_names = 0, []
    for name, run in SCENARIOS:
        try:
            admin("POST", "reset", "", 204)
            detail = run()
            record(name, "PASS", detail or "")
        except Exception as e:  # one failing scenario must not stop the others
            failed += 1
            failed_names.append(name)
            record(name, "FAIL", f"{type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}")
    print(f"boto3 ({boto3.__version__} / botocore {botocore.__version__}): {len(SCENARIOS) - failed} passed, "
          f"{failed} failed" + (": " + ", ".join(failed_names) if failed_names else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
