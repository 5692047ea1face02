"""Builds README.md's "Supported versions" table from the versions the floor matrix really loaded
(target/<profile>/versions-<profile>.properties, written by VersionsReportTest) and checks (or,
with --update, rewrites) the table between the supported-versions markers.

Usage: versions_table.py TARGET_DIR README [--update] [--no-jdk25]
  --no-jdk25: Temurin 25 was not installed, so the ceilings ran on JDK 17; the JDK ceiling cell is
              left as the README has it (and a line says it was not checked).
"""
import re
import sys

BEGIN = "<!-- supported-versions:begin -->"
END = "<!-- supported-versions:end -->"
REFUSED = "{}: refused with `UnsupportedDependencyException`"

# key, what the user pins, the profile run below the floor (or None), why the floor is where it is
ROWS = [
    ("jdk", "JDK", None,
     "Java 17 bytecode; CI runs the whole build on 17 and on Temurin 25"),
    ("jackson-core", "Jackson (`com.fasterxml.jackson:jackson-bom`: core, databind)", "below-core",
     "`StreamReadConstraints` (2.15) bounds hostile bodies; `JsonNode.properties()` (2.15); 2.16's"
     " write constraints are used when present"),
    ("ion-java", "Amazon Ion (`com.amazon.ion:ion-java`)", None,
     "the first release under `com.amazon.ion`; the codec uses nothing newer (a missing ion-java is"
     " refused)"),
    ("wiremock", "WireMock (`org.wiremock:wiremock-standalone` only: Jetty, Jackson and Guava"
     " relocated inside it)", None,
     "the oldest release tested: FakeGuru serves on its relocated Jetty 11 and Jakarta Servlet (not on"
     " WireMock's stubs); older releases are refused by a method that first appears in 3.2.0, and a"
     " non-standalone WireMock first on the class path is refused"),
    ("junit-jupiter", "JUnit Jupiter (`org.junit:junit-bom`, `fakeguru-junit5` only)", "below-core",
     "`ExtensionContext.getEnclosingTestClasses()` (5.12.1) and `ResourceLocksProvider` (5.12)"),
    ("assertj", "AssertJ (`org.assertj:assertj-core`, `fakeguru-assertj` only)", None,
     "`Representation.getPriority()` (3.22), which ranks the call-tree representation; apart from"
     " `@CheckReturnValue` (3.27, a class-file annotation the JVM ignores when absent) the module"
     " compiles against 3.22"),
    ("aws-sdk", "AWS SDK for Java v2 (`software.amazon.awssdk:bom`)", "below-sdk",
     "clients read `aws.endpointUrl`/`aws.endpointUrlCodeGuruProfiler` from 2.28.1 (the check"
     " refuses older ones); 2.28.29 is the oldest `codeguruprofiler` CI's registry serves. Needed"
     " only for the extension's injected clients and its redirect: a client given"
     " `endpointOverride` works below it too (tested on 2.27.21)"),
]


def read(path):
    values = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if "=" in line and not line.startswith("#"):
                key, value = line.rstrip("\n").split("=", 1)
                values[key] = value
    return values


def report(target, profile):
    values = read(f"{target}/{profile}/versions-{profile}.properties")
    # One Jackson row stands for core and databind: a BOM pins them together.
    if values["jackson-core"] != values["jackson-databind"]:
        sys.exit(f"{profile}: jackson-core {values['jackson-core']} but jackson-databind"
                 f" {values['jackson-databind']}")
    return values


def table(target, jdk_ceiling=None):
    floors, ceilings = report(target, "floors"), report(target, "ceilings")
    below = {p: report(target, p) for p in ("below-core", "below-sdk")}
    rows = ["| Dependency | Tested floor | Tested ceiling | Below the floor | Why this floor |",
            "|---|---|---|---|---|"]
    for key, name, below_profile, why in ROWS:
        ceiling = jdk_ceiling if key == "jdk" and jdk_ceiling else ceilings[key]
        refused = REFUSED.format(below[below_profile][key]) if below_profile else "not run"
        rows.append(f"| {name} | {floors[key]} | {ceiling} | {refused} | {why} |")
    return "\n".join(rows)


def main():
    target, readme = sys.argv[1], sys.argv[2]
    update, no_jdk25 = "--update" in sys.argv[3:], "--no-jdk25" in sys.argv[3:]
    with open(readme, encoding="utf-8") as f:
        text = f.read()
    match = re.search(re.escape(BEGIN) + r"\n(.*?)" + re.escape(END), text, re.S)
    if not match:
        sys.exit(f"{readme} has no {BEGIN} ... {END} section")
    jdk_ceiling = None
    if no_jdk25:
        jdk_row = [r for r in match.group(1).splitlines() if r.startswith("| JDK |")]
        jdk_ceiling = jdk_row[0].split("|")[3].strip() if jdk_row else "not run"
        print(f"[floors] Temurin 25 is not installed: the JDK ceiling ({jdk_ceiling}) was not checked")
    expected = table(target, jdk_ceiling) + "\n"
    if match.group(1) == expected:
        print("[floors] README.md's Supported versions table matches the matrix")
        return
    if update:
        with open(readme, "w", encoding="utf-8") as f:
            f.write(text[: match.start(1)] + expected + text[match.end(1):])
        print("[floors] README.md's Supported versions table rewritten")
        return
    print("README.md's Supported versions table differs from what the matrix ran; expected:\n")
    print(expected)
    print("\nRun it/floors/run --update to rewrite it.")
    sys.exit(1)


if __name__ == "__main__":
    main()
