"""What the Python-run compatibility suites share (boto3's matrix.py and the AWS CLI's cli_matrix.py):
the admin API, the profiles they post, the result lines and the scenario loop. Standard library only.
"""
import datetime
import json
import os
import sys
import time
import urllib.error
import urllib.request

ENDPOINT = os.environ.get("FAKEGURU_ENDPOINT")
RESULTS = os.environ.get("FAKEGURU_RESULTS")
if not ENDPOINT:
    sys.exit("Set FAKEGURU_ENDPOINT=http://127.0.0.1:PORT (the running standalone server)")
ADMIN = ENDPOINT.rstrip("/") + "/__fakeguru/"
FIVE_MINUTES = 300
FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "fixtures")


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


def wall_time(body, frame):
    return json.loads(body)["callgraph"]["children"]["main"]["children"][frame]["counts"]["WALL_TIME"]


def is_ion_binary(body):
    return body[:4] == b"\xe0\x01\x00\xea"


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


def check_scripted_findings(found, instant):
    """GetRecommendations' answer for script_findings' hour, as a client parsed it; `instant` turns
    one of the client's timestamps into a datetime."""
    assert len(found["recommendations"]) == 1, found["recommendations"]
    r = found["recommendations"][0]
    assert r["pattern"]["name"] == "Excessive logging"
    assert r["pattern"]["targetFrames"] == [["Logger.log"]]
    assert r["pattern"]["thresholdPercent"] == 5.0
    assert r["allMatchesCount"] == 1 and r["allMatchesSum"] == 7.5
    assert r["topMatches"][0]["frameAddress"] == "main;handle;Logger.log"
    assert instant(r["startTime"]) == iso("2024-01-02T03:00:00Z"), r["startTime"]
    a = found["anomalies"][0]
    assert a["metric"]["frameName"] == "Db.query" and a["metric"]["threadStates"] == ["RUNNABLE"]
    assert a["instances"][0]["id"] == ANOMALY_INSTANCE
    assert instant(a["instances"][0]["endTime"]) == iso("2024-01-02T03:20:00Z")


def report_line(summary, instant):
    return (f"{instant(summary['profileStartTime']).isoformat()} {instant(summary['profileEndTime']).isoformat()} "
            f"{summary['totalNumberOfFindings']}")


# The findings reports of script_findings' day, as report_line writes them.
EXPECTED_REPORTS = [
    "2024-01-02T00:00:00+00:00 2024-01-03T00:00:00+00:00 2",
    "2024-01-02T03:00:00+00:00 2024-01-02T04:00:00+00:00 2",
    "2024-01-02T03:10:00+00:00 2024-01-02T03:20:00+00:00 2",
]


def check_feedback_recorded(group):
    feedback = admin("GET", "findings/feedback")["feedback"]
    assert len(feedback) == 1, feedback
    assert (feedback[0]["group"], feedback[0]["anomalyInstanceId"], feedback[0]["type"], feedback[0]["comment"]) == \
        (group, ANOMALY_INSTANCE, "Positive", "useful"), feedback


def record(client, scenario, status, detail):
    line = "\t".join([client, scenario, status, str(detail).replace("\t", " ").replace("\n", " ")]) + "\n"
    sys.stdout.write(line)
    if RESULTS:
        with open(RESULTS, "a", encoding="utf-8") as f:
            f.write(line)


# The matrix's scenario ids, in order (compat/matrix_table.py names them in the table).
SCENARIO_IDS = [
    "profiling-groups", "list-pagination", "configure-agent", "post-json", "post-ion", "get-profile-json",
    "get-profile-ion", "get-profile-no-accept", "list-profile-times", "tags", "errors", "retries-429",
    "retries-500", "idempotent-post-retry", "timestamps", "findings",
]


def check_attempts(operation, attempts, status):
    """The server received exactly `attempts` calls of `operation`, each answered by the injected fault."""
    received = calls(operation)
    assert len(received) == attempts, f"the server received {len(received)} attempts, expected {attempts}"
    assert all(c["status"] == status and c["faultInjected"] for c in received), received
    return received


def check_post_stored_once(group):
    """After a post whose first attempt failed with 500 after it took effect: one stored post, the
    retry carrying the same profile token."""
    recorded = posts(group)
    assert len(recorded) == 2, recorded
    assert recorded[0]["token"] and recorded[0]["token"] == recorded[1]["token"], "the retry reuses the token"
    assert len([p for p in recorded if p["stored"]]) == 1
    assert [c["status"] for c in calls("PostAgentProfile")] == [500, 204]
    return "2 calls (500 after effect, then 204), stored once"


# The retry scenarios: the fault each injects, the error it must end in, and that error's status.
RETRY_FAULTS = {
    "retries-429": ("throttling", "ThrottlingException", 429),
    "retries-500": ("internalError", "InternalServerException", 500),
}


def scenario_of(suite, sid):
    if sid in RETRY_FAULTS:
        return lambda: suite.retries_of(*RETRY_FAULTS[sid])
    return getattr(suite, sid.replace("-", "_"))


def report_lines(fetch, instant):
    """report_line of every findings report summary on every page, `fetch(token)` reading a page
    of at most one (token None for the first) and the pages followed by their nextToken."""
    lines, token = [], None
    while True:
        page = fetch(token)
        assert len(page["findingsReportSummaries"]) <= 1, page
        lines += [report_line(x, instant) for x in page["findingsReportSummaries"]]
        token = page.get("nextToken")
        if not token:
            return lines


def run(client, version, suite):
    """Runs every scenario of `suite` (a module whose function list_pagination is the scenario
    list-pagination, and whose retries_of(fault type, error code, status) runs a retry scenario) from a reset and records each outcome; returns the process's exit status."""
    scenarios = [(sid, scenario_of(suite, sid)) for sid in SCENARIO_IDS]
    record(client, "version", "INFO", version)
    failed_names = []
    for name, scenario in scenarios:
        try:
            admin("POST", "reset", "", 204)
            detail = scenario()
            record(client, name, "PASS", detail or "")
        except Exception as e:  # one failing scenario must not stop the others
            failed_names.append(name)
            record(client, name, "FAIL", f"{type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}")
    print(f"{client} ({version}): {len(scenarios) - len(failed_names)} passed, {len(failed_names)} failed"
          + (": " + ", ".join(failed_names) if failed_names else ""))
    return 1 if failed_names else 0
