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
import urllib.parse
import uuid

import boto3
import botocore
import botocore.loaders
import botocore.retries.standard
from botocore.config import Config

from harness import (ANOMALY_INSTANCE, ENDPOINT, EXPECTED_REPORTS, FIXTURES, admin, buckets_ago, calls,
                     check_attempts, check_feedback_recorded, check_post_stored_once,
                     check_scripted_findings, fault, is_ion_binary, iso, posts, profile_ion_text,
                     profile_json, report_lines, run, script_findings, wall_time)

CLIENT = "boto3"
GROUP = "compat-py"


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


def body_of(response):
    p = response["profile"]
    return p.read() if hasattr(p, "read") else p


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
    with open(os.path.join(FIXTURES, "python-agent-profile-1.json"), "rb") as f:
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
    received = check_attempts("DescribeProfilingGroup", DEFAULT_ATTEMPTS, status)
    retried = e.response["ResponseMetadata"]["RetryAttempts"]
    assert retried == DEFAULT_ATTEMPTS - 1, f"botocore reports {retried} retries"
    return f"{len(received)} attempts (default {DEFAULT_RETRY_MODE} mode, max attempts {DEFAULT_ATTEMPTS})"


def idempotent_post_retry():
    create(GROUP)
    fault({"fault": {"type": "internalError"}, "operations": ["PostAgentProfile"], "nextCalls": 1, "timing": "afterEffect"})
    post(GROUP, profile_json(buckets_ago(1), 5, 6), "application/json")
    return check_post_stored_once(GROUP)


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


def findings():
    create(GROUP)
    script_findings(GROUP)
    window = {"profilingGroupName": GROUP, "startTime": iso("2024-01-02T03:00:00Z"), "endTime": iso("2024-01-02T04:00:00Z")}
    check_scripted_findings(client.get_recommendations(locale="fr-FR", **window), lambda d: d)
    reports = report_lines(
        lambda token: client.list_findings_reports(
            profilingGroupName=GROUP, startTime=iso("2024-01-02T00:00:00Z"), endTime=iso("2024-01-03T00:00:00Z"),
            maxResults=1, **({"nextToken": token} if token else {})),
        lambda d: d)
    assert reports == EXPECTED_REPORTS, reports
    summary = client.get_findings_report_account_summary(dailyReportsOnly=True)["reportSummaries"]
    assert [x["profilingGroupName"] for x in summary] == [GROUP], summary
    client.submit_feedback(profilingGroupName=GROUP, anomalyInstanceId=ANOMALY_INSTANCE, type="Positive", comment="useful")
    check_feedback_recorded(GROUP)
    again = client.get_recommendations(**window)
    assert again["anomalies"][0]["instances"][0]["userFeedback"]["type"] == "Positive"
    return "1 recommendation, 1 anomaly, 3 reports in pages of 1, Positive feedback shown"


def main():
    return run(CLIENT, f"boto3 {boto3.__version__} / botocore {botocore.__version__}", sys.modules[__name__])


if __name__ == "__main__":
    sys.exit(main())
