"""Turns the compatibility results (TSV lines: client, scenario, PASS|FAIL|INFO, detail) into the
compatibility table (docs/compatibility.md), and checks (or, with --update, rewrites) that table.

Usage: matrix_table.py RESULTS DOC [--update]
"""
import sys

CLIENTS = [
    ("java-v2-sync", "Java SDK v2, sync"),
    ("java-v2-async", "Java SDK v2, async"),
    ("java-v1", "Java SDK v1"),
    ("js-v3", "JavaScript SDK v3"),
    ("boto3", "boto3"),
]
SCENARIOS = [
    ("profiling-groups", "Profiling groups: create (client token), describe, update, delete"),
    ("list-pagination", "ListProfilingGroups with pagination, with and without descriptions"),
    ("configure-agent", "ConfigureAgent"),
    ("post-json", "PostAgentProfile, JSON"),
    ("post-ion", "PostAgentProfile, Ion"),
    ("get-profile-json", "GetProfile, Accept JSON"),
    ("get-profile-ion", "GetProfile, Accept Ion"),
    ("get-profile-no-accept", "GetProfile, no Accept (Ion binary)"),
    ("list-profile-times", "ListProfileTimes"),
    ("tags", "Tag, list and untag on the group ARN"),
    ("errors", "Every modelled error as the SDK's own exception class, with the message"),
    ("retries-429", "429 retried as often as the SDK's default"),
    ("retries-500", "500 retried as often as the SDK's default"),
    ("idempotent-post-retry", "A retried post (500 after it took effect) stored once"),
    ("timestamps", "The SDK's own timestamp format, sent and parsed"),
    ("findings", "Findings scripted through the admin API: recommendations, reports (paged), account summary, feedback"),
]
BEGIN = "<!-- compat-matrix:begin -->"
END = "<!-- compat-matrix:end -->"


def read_results(path):
    status, versions, details = {}, {}, {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 3:
                continue
            client, scenario, outcome = parts[0], parts[1], parts[2]
            detail = parts[3] if len(parts) > 3 else ""
            if outcome == "INFO" and scenario == "version":
                versions[client] = detail
            elif outcome in ("PASS", "FAIL"):
                # A scenario reported twice counts as failed if either report failed.
                if status.get((client, scenario)) != "FAIL":
                    status[(client, scenario)] = outcome
                if outcome == "FAIL":
                    details[(client, scenario)] = detail
    return status, versions, details


def table(status, versions):
    cell = {"PASS": "passed", "FAIL": "**failed**", None: "not run"}
    rows = [
        "| Scenario | " + " | ".join(name for _, name in CLIENTS) + " |",
        "|---" * (len(CLIENTS) + 1) + "|",
        "| Version tested | " + " | ".join(versions.get(c, "not run") for c, _ in CLIENTS) + " |",
    ]
    for sid, text in SCENARIOS:
        rows.append("| " + text + " | " + " | ".join(cell[status.get((c, sid))] for c, _ in CLIENTS) + " |")
    return "\n".join(rows)


def main():
    results, readme = sys.argv[1], sys.argv[2]
    update = "--update" in sys.argv[3:]
    status, versions, details = read_results(results)
    passed = sum(1 for v in status.values() if v == "PASS")
    failed = sum(1 for v in status.values() if v == "FAIL")
    missing = [(c, s) for c, _ in CLIENTS for s, _ in SCENARIOS if (c, s) not in status]
    unknown = sorted({k for k in status if k[0] not in dict(CLIENTS) or k[1] not in dict(SCENARIOS)})
    for (c, s), d in sorted(details.items()):
        print(f"FAILED {c} {s}: {d}")
    for c, s in missing:
        print(f"NOT RUN {c} {s}")
    for c, s in unknown:
        print(f"UNKNOWN scenario id from a suite: {c} {s}")
    generated = table(status, versions)
    with open(readme, encoding="utf-8") as f:
        text = f.read()
    if BEGIN not in text or END not in text:
        print(f"{readme} has no {BEGIN} ... {END} region")
        return 1
    head, rest = text.split(BEGIN, 1)
    current, tail = rest.split(END, 1)
    ok = not missing and not unknown and failed == 0
    if update:
        with open(readme, "w", encoding="utf-8") as f:
            f.write(head + BEGIN + "\n" + generated + "\n" + END + tail)
        print(f"rewrote the compatibility table in {readme}")
    elif current.strip() != generated.strip():
        print("The compatibility table in docs/compatibility.md does not match this run. This run gives:\n")
        print(generated)
        print("\n(run compat/run-matrix --update to rewrite it, when the change is intended)")
        ok = False
    print(f"compat: {passed} passed, {failed + len(missing)} failed")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
