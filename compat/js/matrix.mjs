// The live compatibility suite for the AWS SDK for JavaScript v3 (@aws-sdk/client-codeguruprofiler),
// run by compat/run-matrix against the running FakeGuru standalone server.
//
//   FAKEGURU_ENDPOINT=http://127.0.0.1:PORT FAKEGURU_RESULTS=results.tsv node compat/js/matrix.mjs
//
// Appends "js-v3 TAB scenario TAB PASS|FAIL TAB detail" per scenario, and one "js-v3 TAB version TAB
// INFO TAB sdk version" line, to FAKEGURU_RESULTS (if set); exits 1 if any scenario failed. Every
// scenario starts from POST /__fakeguru/reset. A scenario may return a short detail for its PASS line.
import assert from "node:assert/strict";
import { appendFileSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  CodeGuruProfilerClient,
  AddNotificationChannelsCommand,
  ConfigureAgentCommand,
  ConflictException,
  CreateProfilingGroupCommand,
  DeleteProfilingGroupCommand,
  DescribeProfilingGroupCommand,
  GetFindingsReportAccountSummaryCommand,
  GetProfileCommand,
  GetRecommendationsCommand,
  InternalServerException,
  ListFindingsReportsCommand,
  ListProfileTimesCommand,
  ListProfilingGroupsCommand,
  ListTagsForResourceCommand,
  PostAgentProfileCommand,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  SubmitFeedbackCommand,
  TagResourceCommand,
  ThrottlingException,
  UntagResourceCommand,
  UpdateProfilingGroupCommand,
  ValidationException,
} from "@aws-sdk/client-codeguruprofiler";

const CLIENT = "js-v3";
const GROUP = "compat-js";
const HERE = dirname(fileURLToPath(import.meta.url));
const ENDPOINT = process.env.FAKEGURU_ENDPOINT;
const RESULTS = process.env.FAKEGURU_RESULTS;
if (!ENDPOINT) {
  console.error("Set FAKEGURU_ENDPOINT=http://127.0.0.1:PORT (the running standalone server)");
  process.exit(2);
}
const ADMIN = ENDPOINT.replace(/\/+$/, "") + "/__fakeguru/";

function sdk(maxAttempts) {
  return new CodeGuruProfilerClient({
    endpoint: ENDPOINT,
    region: "us-east-1",
    credentials: { accessKeyId: "AKIDCOMPAT", secretAccessKey: "compat-secret" },
    ...(maxAttempts ? { maxAttempts } : {}),
  });
}
const client = sdk();
const noRetries = sdk(1);
/** What the installed SDK resolves by default (spec §6.3: standard mode, 3 attempts), read from the client itself. */
const DEFAULT_RETRY_MODE = await client.config.retryMode();
const DEFAULT_ATTEMPTS = await client.config.maxAttempts();

async function admin(method, path, body, expected) {
  const r = await fetch(ADMIN + path, { method, body });
  const text = await r.text();
  if (r.status !== expected) throw new Error(`${method} ${path} answered ${r.status}: ${text}`);
  return text ? JSON.parse(text) : {};
}
const reset = () => admin("POST", "reset", "", 204);
const fault = (rule) => admin("POST", "faults", JSON.stringify(rule), 201);
const ANOMALY_INSTANCE = "0b6c1f0e-3a4b-4c8e-9d3f-2f1e0c9a7b11";
/** The findings scenario: a recommendation for 03:00-04:00 and an anomaly instance 03:10-03:20 on 2024-01-02. */
async function scriptFindings(group) {
  await admin("POST", "findings/recommendations", JSON.stringify({
    group, startTime: "2024-01-02T03:00:00Z", endTime: "2024-01-02T04:00:00Z",
    pattern: { name: "Excessive logging", description: "Logging takes time.", resolutionSteps: "Log less.",
      targetFrames: [["Logger.log"]], thresholdPercent: 5, countersToAggregate: ["RUNNABLE"] },
    matches: [{ frameAddress: "main;handle;Logger.log", targetFramesIndex: 0, thresholdBreachValue: 7.5 }],
  }), 201);
  await admin("POST", "findings/anomalies", JSON.stringify({
    group, metric: { frameName: "Db.query", threadStates: ["RUNNABLE"] }, reason: "Db.query takes 3 times its usual share",
    instances: [{ id: ANOMALY_INSTANCE, startTime: "2024-01-02T03:10:00Z", endTime: "2024-01-02T03:20:00Z" }],
  }), 201);
}
const calls = async (op) => (await admin("GET", `calls?operation=${op}`, undefined, 200)).calls;
const posts = async (group) => (await admin("GET", `posts?group=${group}`, undefined, 200)).posts;

const FIVE_MINUTES = 5 * 60 * 1000;
function bucketsAgo(n) {
  const now = Date.now();
  return new Date(now - (now % FIVE_MINUTES) - n * FIVE_MINUTES);
}
/** A one-minute agent profile: main→a a samples, main→b b samples, as JSON text. */
function profileJson(start, a, b) {
  return JSON.stringify({
    start: start.getTime(),
    end: start.getTime() + 60_000,
    agentMetadata: { durationInMs: 60000 },
    callgraph: { children: { main: { children: { a: { counts: { WALL_TIME: a } }, b: { counts: { WALL_TIME: b } } } } } },
  });
}
/** The same profile as Ion text (unquoted field names are Ion symbols: this is not JSON). */
function profileIonText(start, a, b) {
  return `{start:${start.getTime()},end:${start.getTime() + 60000},agentMetadata:{durationInMs:60000},` +
    `callgraph:{children:{main:{children:{a:{counts:{WALL_TIME:${a}}},b:{counts:{WALL_TIME:${b}}}}}}}}`;
}
const enc = (s) => new TextEncoder().encode(s);
const isIonBinary = (bytes) => bytes.length >= 4 && bytes[0] === 0xe0 && bytes[1] === 0x01 && bytes[2] === 0x00 && bytes[3] === 0xea;
function wallTime(bytes, frame) {
  const p = JSON.parse(new TextDecoder().decode(bytes));
  return p.callgraph.children.main.children[frame].counts.WALL_TIME;
}

const create = async (name) =>
  (await client.send(new CreateProfilingGroupCommand({ profilingGroupName: name, clientToken: crypto.randomUUID() }))).profilingGroup;
const post = (group, body, contentType) =>
  client.send(new PostAgentProfileCommand({ profilingGroupName: group, contentType, agentProfile: body }));
const describe = async (c, name) => (await c.send(new DescribeProfilingGroupCommand({ profilingGroupName: name }))).profilingGroup;

async function rejects(promise, type, status, messagePart) {
  try {
    await promise;
  } catch (e) {
    assert.ok(e instanceof type, `expected ${type.name} but got ${e.name}: ${e.message}`);
    assert.equal(e.name, type.name);
    assert.equal(e.$metadata.httpStatusCode, status);
    assert.ok(e.message && e.message.includes(messagePart), `message "${e.message}" should contain "${messagePart}"`);
    return e;
  }
  throw new Error(`expected ${type.name}, but the call succeeded`);
}

async function postTwo() {
  await create(GROUP);
  const start = bucketsAgo(3);
  await post(GROUP, enc(profileJson(start, 3, 4)), "application/json");
  await post(GROUP, enc(profileIonText(new Date(start.getTime() + FIVE_MINUTES), 10, 20)), "application/x-amzn-ion");
  return start;
}
const tenMinutesFrom = (start) => ({ profilingGroupName: GROUP, startTime: start, endTime: new Date(start.getTime() + 2 * FIVE_MINUTES) });

async function retriesOf(type, exception) {
  assert.equal(DEFAULT_RETRY_MODE, "standard", "the SDK's default retry mode");
  assert.equal(DEFAULT_ATTEMPTS, 3, "the SDK's default maxAttempts (spec §6.3: JS v3 3)");
  await create(GROUP);
  const status = type === "throttling" ? 429 : 500;
  await fault({ fault: { type }, operations: ["DescribeProfilingGroup"] });
  const e = await rejects(describe(client, GROUP), exception, status, "");
  const received = await calls("DescribeProfilingGroup");
  assert.equal(received.length, DEFAULT_ATTEMPTS, `the server received ${received.length} attempts`);
  assert.ok(received.every((c) => c.status === status && c.faultInjected), "every attempt got the injected fault");
  assert.equal(e.$metadata.attempts, DEFAULT_ATTEMPTS, "the SDK's own attempt count");
  return `${received.length} attempts (default ${DEFAULT_RETRY_MODE} mode, maxAttempts ${DEFAULT_ATTEMPTS}), retry delay ${e.$metadata.totalRetryDelay} ms`;
}

const scenarios = {
  "profiling-groups": async () => {
    const created = await create(GROUP);
    assert.equal(created.arn, `arn:aws:codeguru-profiler:us-east-1:123456789012:profilingGroup/${GROUP}`);
    assert.equal((await describe(client, GROUP)).agentOrchestrationConfig.profilingEnabled, true);
    await client.send(new UpdateProfilingGroupCommand({ profilingGroupName: GROUP, agentOrchestrationConfig: { profilingEnabled: false } }));
    const updated = await describe(client, GROUP);
    assert.equal(updated.agentOrchestrationConfig.profilingEnabled, false);
    assert.ok(updated.updatedAt instanceof Date && updated.updatedAt >= updated.createdAt);
    await client.send(new DeleteProfilingGroupCommand({ profilingGroupName: GROUP }));
    await rejects(describe(client, GROUP), ResourceNotFoundException, 404, GROUP);
    return "create, describe, update profilingEnabled=false, delete, then 404";
  },
  "list-pagination": async () => {
    const names = ["compat-a", "compat-b", "compat-c", "compat-d", "compat-e"];
    for (const n of names) await create(n);
    const seen = [];
    let nextToken;
    let pages = 0;
    do {
      const page = await client.send(new ListProfilingGroupsCommand({ maxResults: 2, nextToken }));
      assert.ok(page.profilingGroupNames.length <= 2);
      seen.push(...page.profilingGroupNames);
      nextToken = page.nextToken;
      pages++;
    } while (nextToken);
    assert.deepEqual(seen, names);
    assert.equal(pages, 3);
    const bare = await client.send(new ListProfilingGroupsCommand({ includeDescription: false }));
    assert.deepEqual(bare.profilingGroupNames, names);
    assert.equal(bare.profilingGroups, undefined, "no descriptions without includeDescription");
    const described = [];
    nextToken = undefined;
    do {
      const page = await client.send(new ListProfilingGroupsCommand({ includeDescription: true, maxResults: 2, nextToken }));
      assert.deepEqual(page.profilingGroups.map((g) => g.name), page.profilingGroupNames);
      described.push(...page.profilingGroups);
      nextToken = page.nextToken;
    } while (nextToken);
    assert.deepEqual(described.map((g) => g.name), names);
    assert.ok(described.every((g) => g.arn.endsWith(`/${g.name}`) && g.createdAt instanceof Date));
    return `${pages} pages of 2, descriptions paged too`;
  },
  "configure-agent": async () => {
    await create(GROUP);
    const { configuration } = await client.send(new ConfigureAgentCommand({ profilingGroupName: GROUP, fleetInstanceId: "i-compat" }));
    assert.equal(configuration.shouldProfile, true);
    assert.equal(configuration.periodInSeconds, 300);
    assert.ok(Object.keys(configuration.agentParameters).length > 0);
    return `shouldProfile ${configuration.shouldProfile}, periodInSeconds ${configuration.periodInSeconds}, ` +
      `${Object.keys(configuration.agentParameters).length} agentParameters`;
  },
  "post-json": async () => {
    await create(GROUP);
    const body = readFileSync(join(HERE, "..", "..", "fixtures", "python-agent-profile-1.json"));
    await post(GROUP, new Uint8Array(body), "application/json");
    const [p, ...rest] = await posts(GROUP);
    assert.equal(rest.length, 0);
    assert.equal(p.size, body.length);
    assert.equal(p.stored, true);
    assert.equal(p.decoded, true);
    assert.equal(p.contentType, "application/json");
    const fixture = JSON.parse(body.toString("utf8"));
    const decoded = await admin("GET", `posts/${p.sequence}/profile`, undefined, 200);
    assert.equal(decoded.start, fixture.start);
    assert.equal(decoded.end, fixture.end);
    return `fixture python-agent-profile-1.json, ${body.length} bytes, recorded as post ${p.sequence}`;
  },
  "post-ion": async () => {
    await create(GROUP);
    const body = enc(profileIonText(bucketsAgo(2), 3, 4));
    await post(GROUP, body, "application/x-amzn-ion");
    const [p, ...rest] = await posts(GROUP);
    assert.equal(rest.length, 0);
    assert.equal(p.size, body.length);
    assert.equal(p.decoded, true);
    assert.equal(p.contentType, "application/x-amzn-ion");
    const decoded = await admin("GET", `posts/${p.sequence}/profile`, undefined, 200);
    assert.equal(decoded.callgraph.children.main.children.b.counts.WALL_TIME, 4);
    return `Ion text, ${body.length} bytes, decoded by the server`;
  },
  "get-profile-json": async () => {
    const r = await client.send(new GetProfileCommand({ ...tenMinutesFrom(await postTwo()), accept: "application/json" }));
    assert.equal(r.contentType, "application/json");
    assert.equal(wallTime(r.profile, "a"), 13);
    assert.equal(wallTime(r.profile, "b"), 24);
    return "JSON + Ion posts aggregated: a=13, b=24";
  },
  "get-profile-ion": async () => {
    const r = await client.send(new GetProfileCommand({ ...tenMinutesFrom(await postTwo()), accept: "application/x-amzn-ion" }));
    assert.equal(r.contentType, "application/x-amzn-ion");
    assert.ok(isIonBinary(r.profile), "the body starts with the Ion binary version marker");
    return `Ion binary, ${r.profile.length} bytes`;
  },
  "get-profile-no-accept": async () => {
    const r = await client.send(new GetProfileCommand(tenMinutesFrom(await postTwo())));
    assert.equal(r.contentType, "application/x-amzn-ion");
    assert.ok(isIonBinary(r.profile), "the body starts with the Ion binary version marker");
    return `no Accept: Ion binary, ${r.profile.length} bytes`;
  },
  "list-profile-times": async () => {
    await create(GROUP);
    const starts = [bucketsAgo(4), bucketsAgo(3), bucketsAgo(1)];
    for (const s of starts) await post(GROUP, enc(profileJson(new Date(s.getTime() + 30_000), 1, 1)), "application/json");
    const seen = [];
    let nextToken;
    do {
      const page = await client.send(new ListProfileTimesCommand({
        profilingGroupName: GROUP, period: "PT5M", startTime: new Date(starts[0].getTime() - 3600_000),
        endTime: new Date(Date.now() + 60_000), orderBy: "TimestampAscending", maxResults: 2, nextToken,
      }));
      seen.push(...page.profileTimes.map((t) => t.start.getTime()));
      nextToken = page.nextToken;
    } while (nextToken);
    assert.deepEqual(seen, starts.map((d) => d.getTime()));
    const desc = await client.send(new ListProfileTimesCommand({
      profilingGroupName: GROUP, period: "PT5M", startTime: new Date(starts[0].getTime() - 3600_000),
      endTime: new Date(Date.now() + 60_000), orderBy: "TimestampDescending",
    }));
    assert.ok(desc.profileTimes.every((t) => t.start instanceof Date));
    assert.deepEqual(desc.profileTimes.map((t) => t.start.getTime()), starts.map((d) => d.getTime()).reverse());
    return `${seen.length} buckets, ascending in pages of 2 and descending`;
  },
  tags: async () => {
    const { arn } = await create(GROUP);
    await client.send(new TagResourceCommand({ resourceArn: arn, tags: { team: "perf", env: "ci" } }));
    assert.deepEqual((await client.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags, { team: "perf", env: "ci" });
    await client.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ["env"] }));
    assert.deepEqual((await client.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags, { team: "perf" });
    assert.deepEqual((await describe(client, GROUP)).tags, { team: "perf" });
    // The SDK percent-encodes the ARN's ':' and '/' into one path segment, and the server resolved it.
    const [tagCall] = await calls("TagResource");
    assert.equal(tagCall.path, "/tags/" + encodeURIComponent(arn));
    assert.equal(tagCall.group, GROUP);
    return `on ${arn}, sent as ${tagCall.path}`;
  },
  errors: async () => {
    await rejects(noRetries.send(new CreateProfilingGroupCommand({ profilingGroupName: "has space", clientToken: "t1" })),
      ValidationException, 400, "profilingGroupName");
    await rejects(describe(noRetries, "missing"), ResourceNotFoundException, 404, "missing");
    await create(GROUP);
    await rejects(create(GROUP), ConflictException, 409, GROUP);
    const channel = (n) => new AddNotificationChannelsCommand({ profilingGroupName: GROUP,
      channels: [{ uri: `arn:aws:sns:us-east-1:123456789012:topic-${n}`, eventPublishers: ["AnomalyDetection"] }] });
    await noRetries.send(channel(1));
    await noRetries.send(channel(2));
    await rejects(noRetries.send(channel(3)), ServiceQuotaExceededException, 402, "at most 2 notification channels");
    await fault({ fault: { type: "throttling", message: "Rate exceeded (compat)" }, operations: ["DescribeProfilingGroup"], nextCalls: 1 });
    await rejects(describe(noRetries, GROUP), ThrottlingException, 429, "Rate exceeded (compat)");
    await fault({ fault: { type: "internalError", message: "Broken (compat)" }, operations: ["DescribeProfilingGroup"], nextCalls: 1 });
    await rejects(describe(noRetries, GROUP), InternalServerException, 500, "Broken (compat)");
    return "400, 404, 409, 402, 429, 500 as their exception classes";
  },
  "retries-429": () => retriesOf("throttling", ThrottlingException),
  "retries-500": () => retriesOf("internalError", InternalServerException),
  "idempotent-post-retry": async () => {
    await create(GROUP);
    await fault({ fault: { type: "internalError" }, operations: ["PostAgentProfile"], nextCalls: 1, timing: "afterEffect" });
    await post(GROUP, enc(profileJson(bucketsAgo(1), 5, 6)), "application/json");
    const recorded = await posts(GROUP);
    assert.equal(recorded.length, 2);
    assert.ok(recorded[0].token && recorded[0].token === recorded[1].token, "the retry reuses the token");
    assert.equal(recorded.filter((p) => p.stored).length, 1);
    const received = await calls("PostAgentProfile");
    assert.deepEqual(received.map((c) => c.status), [500, 204]);
    return "2 calls (500 after effect, then 204), stored once";
  },
  timestamps: async () => {
    const before = Date.now() - 5000;
    const created = await create(GROUP);
    assert.ok(created.createdAt instanceof Date && created.createdAt.getTime() >= before && created.createdAt.getTime() <= Date.now() + 5000);
    // The server's own record of the same instants (ISO-8601 with milliseconds): the SDK's Date must equal it.
    const stored = await admin("GET", `profiling-groups/${GROUP}`, undefined, 200);
    assert.equal(created.createdAt.getTime(), Date.parse(stored.createdAt));
    assert.equal(created.updatedAt.getTime(), Date.parse(stored.updatedAt));
    const start = bucketsAgo(2);
    await post(GROUP, enc(profileJson(start, 1, 2)), "application/json");
    const from = new Date(start.getTime() - 123_457);
    const to = new Date(start.getTime() + FIVE_MINUTES + 877);
    const r = await client.send(new GetProfileCommand({ profilingGroupName: GROUP, startTime: from, endTime: to, accept: "application/json" }));
    assert.equal(wallTime(r.profile, "b"), 2);
    const times = await client.send(new ListProfileTimesCommand({ profilingGroupName: GROUP, period: "PT5M", startTime: from, endTime: to }));
    assert.deepEqual(times.profileTimes.map((t) => t.start.getTime()), [start.getTime()]);
    const reported = (await describe(client, GROUP)).profilingStatus.latestAgentProfileReportedAt;
    assert.ok(reported instanceof Date && reported.getTime() >= before);
    return `createdAt ${created.createdAt.toISOString()}, query times with ms accepted`;
  },
  findings: async () => {
    await create(GROUP);
    await scriptFindings(GROUP);
    const window = { profilingGroupName: GROUP, startTime: new Date("2024-01-02T03:00:00Z"), endTime: new Date("2024-01-02T04:00:00Z") };
    const found = await client.send(new GetRecommendationsCommand({ ...window, locale: "fr-FR" }));
    assert.equal(found.recommendations.length, 1);
    const [r] = found.recommendations;
    assert.equal(r.pattern.name, "Excessive logging");
    assert.deepEqual(r.pattern.targetFrames, [["Logger.log"]]);
    assert.equal(r.pattern.thresholdPercent, 5);
    assert.equal(r.allMatchesCount, 1);
    assert.equal(r.allMatchesSum, 7.5);
    assert.equal(r.topMatches[0].frameAddress, "main;handle;Logger.log");
    assert.ok(r.startTime instanceof Date && r.startTime.toISOString() === "2024-01-02T03:00:00.000Z");
    const [a] = found.anomalies;
    assert.equal(a.metric.frameName, "Db.query");
    assert.deepEqual(a.metric.threadStates, ["RUNNABLE"]);
    assert.equal(a.instances[0].id, ANOMALY_INSTANCE);
    assert.equal(a.instances[0].endTime.toISOString(), "2024-01-02T03:20:00.000Z");
    const reports = [];
    let nextToken;
    do {
      const page = await client.send(new ListFindingsReportsCommand({
        profilingGroupName: GROUP, startTime: new Date("2024-01-02T00:00:00Z"), endTime: new Date("2024-01-03T00:00:00Z"),
        maxResults: 1, nextToken,
      }));
      assert.ok(page.findingsReportSummaries.length <= 1);
      reports.push(...page.findingsReportSummaries.map((x) =>
        `${x.profileStartTime.toISOString()} ${x.profileEndTime.toISOString()} ${x.totalNumberOfFindings}`));
      nextToken = page.nextToken;
    } while (nextToken);
    assert.deepEqual(reports, [
      "2024-01-02T00:00:00.000Z 2024-01-03T00:00:00.000Z 2",
      "2024-01-02T03:00:00.000Z 2024-01-02T04:00:00.000Z 2",
      "2024-01-02T03:10:00.000Z 2024-01-02T03:20:00.000Z 2",
    ]);
    const summary = await client.send(new GetFindingsReportAccountSummaryCommand({ dailyReportsOnly: true }));
    assert.deepEqual(summary.reportSummaries.map((x) => x.profilingGroupName), [GROUP]);
    await client.send(new SubmitFeedbackCommand({ profilingGroupName: GROUP, anomalyInstanceId: ANOMALY_INSTANCE, type: "Positive", comment: "useful" }));
    const { feedback } = await admin("GET", "findings/feedback", undefined, 200);
    assert.equal(feedback.length, 1);
    assert.equal(feedback[0].group, GROUP);
    assert.equal(feedback[0].anomalyInstanceId, ANOMALY_INSTANCE);
    assert.equal(feedback[0].type, "Positive");
    assert.equal(feedback[0].comment, "useful");
    const again = await client.send(new GetRecommendationsCommand(window));
    assert.equal(again.anomalies[0].instances[0].userFeedback.type, "Positive");
    return "1 recommendation, 1 anomaly, 3 reports in pages of 1, Positive feedback shown";
  },
};

function record(scenario, status, detail) {
  const line = [CLIENT, scenario, status, String(detail).replace(/[\t\n]/g, " ")].join("\t") + "\n";
  process.stdout.write(line);
  if (RESULTS) appendFileSync(RESULTS, line);
}

const version = JSON.parse(readFileSync(join(HERE, "node_modules", "@aws-sdk", "client-codeguruprofiler", "package.json"))).version;
record("version", "INFO", `@aws-sdk/client-codeguruprofiler ${version}`);
let failed = 0;
const failedNames = [];
for (const [name, run] of Object.entries(scenarios)) {
  try {
    await reset();
    const detail = await run();
    record(name, "PASS", detail ?? "");
  } catch (e) {
    failed++;
    failedNames.push(name);
    record(name, "FAIL", `${e.name}: ${String(e.message).split("\n")[0]}`);
  }
}
console.log(`js-v3 (@aws-sdk/client-codeguruprofiler ${version}): ${Object.keys(scenarios).length - failed} passed, ` +
  `${failed} failed${failedNames.length ? ": " + failedNames.join(", ") : ""}`);
process.exit(failed ? 1 : 0);
