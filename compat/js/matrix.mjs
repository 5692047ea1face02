// The live compatibility suite for the AWS SDK for JavaScript v3 (@aws-sdk/client-codeguruprofiler),
// run by compat/run-matrix against the running FakeGuru standalone server.
//
//   FAKEGURU_ENDPOINT=http://127.0.0.1:PORT FAKEGURU_RESULTS=results.tsv node compat/js/matrix.mjs
//
// Appends "js-v3 TAB scenario TAB PASS|FAIL TAB detail" per scenario to FAKEGURU_RESULTS (if set),
// and exits 1 if any scenario failed.
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
  GetProfileCommand,
  InternalServerException,
  ListProfileTimesCommand,
  ListProfilingGroupsCommand,
  ListTagsForResourceCommand,
  PostAgentProfileCommand,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
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
/** The SDK's default (standard) retry mode: 3 attempts. */
const DEFAULT_ATTEMPTS = 3;

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

async function admin(method, path, body, expected) {
  const r = await fetch(ADMIN + path, { method, body });
  const text = await r.text();
  if (r.status !== expected) throw new Error(`${method} ${path} answered ${r.status}: ${text}`);
  return text ? JSON.parse(text) : {};
}
const reset = () => admin("POST", "reset", "", 204);
const fault = (rule) => admin("POST", "faults", JSON.stringify(rule), 201);
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
  await create(GROUP);
  await fault({ fault: { type }, operations: ["DescribeProfilingGroup"] });
  await rejects(describe(client, GROUP), exception, type === "throttling" ? 429 : 500, "");
  assert.equal((await calls("DescribeProfilingGroup")).length, DEFAULT_ATTEMPTS);
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
    const all = await client.send(new ListProfilingGroupsCommand({ includeDescription: true }));
    assert.deepEqual(all.profilingGroups.map((g) => g.name), names);
  },
  "configure-agent": async () => {
    await create(GROUP);
    const { configuration } = await client.send(new ConfigureAgentCommand({ profilingGroupName: GROUP, fleetInstanceId: "i-compat" }));
    assert.equal(configuration.shouldProfile, true);
    assert.equal(configuration.periodInSeconds, 300);
    assert.ok(Object.keys(configuration.agentParameters).length > 0);
  },
  "post-json": async () => {
    await create(GROUP);
    const body = readFileSync(join(HERE, "..", "..", "..", "shared", "fixtures", "python-agent-profile-1.json"));
    await post(GROUP, new Uint8Array(body), "application/json");
    const [p, ...rest] = await posts(GROUP);
    assert.equal(rest.length, 0);
    assert.equal(p.size, body.length);
    assert.equal(p.stored, true);
    assert.equal(p.decoded, true);
    assert.equal(p.contentType, "application/json");
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
  },
  "get-profile-json": async () => {
    const r = await client.send(new GetProfileCommand({ ...tenMinutesFrom(await postTwo()), accept: "application/json" }));
    assert.equal(r.contentType, "application/json");
    assert.equal(wallTime(r.profile, "a"), 13);
    assert.equal(wallTime(r.profile, "b"), 24);
  },
  "get-profile-ion": async () => {
    const r = await client.send(new GetProfileCommand({ ...tenMinutesFrom(await postTwo()), accept: "application/x-amzn-ion" }));
    assert.equal(r.contentType, "application/x-amzn-ion");
    assert.ok(isIonBinary(r.profile), "the body starts with the Ion binary version marker");
  },
  "get-profile-no-accept": async () => {
    const r = await client.send(new GetProfileCommand(tenMinutesFrom(await postTwo())));
    assert.equal(r.contentType, "application/x-amzn-ion");
    assert.ok(isIonBinary(r.profile), "the body starts with the Ion binary version marker");
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
  },
  tags: async () => {
    const { arn } = await create(GROUP);
    await client.send(new TagResourceCommand({ resourceArn: arn, tags: { team: "perf", env: "ci" } }));
    assert.deepEqual((await client.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags, { team: "perf", env: "ci" });
    await client.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ["env"] }));
    assert.deepEqual((await client.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags, { team: "perf" });
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
    await rejects(noRetries.send(channel(3)), ServiceQuotaExceededException, 402, "");
    await fault({ fault: { type: "throttling", message: "Rate exceeded (compat)" }, operations: ["DescribeProfilingGroup"], nextCalls: 1 });
    await rejects(describe(noRetries, GROUP), ThrottlingException, 429, "Rate exceeded (compat)");
    await fault({ fault: { type: "internalError", message: "Broken (compat)" }, operations: ["DescribeProfilingGroup"], nextCalls: 1 });
    await rejects(describe(noRetries, GROUP), InternalServerException, 500, "Broken (compat)");
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
  },
  timestamps: async () => {
    const before = Date.now() - 5000;
    const created = await create(GROUP);
    assert.ok(created.createdAt instanceof Date && created.createdAt.getTime() >= before && created.createdAt.getTime() <= Date.now() + 5000);
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
for (const [name, run] of Object.entries(scenarios)) {
  try {
    await reset();
    await run();
    record(name, "PASS", "");
  } catch (e) {
    failed++;
    record(name, "FAIL", `${e.name}: ${String(e.message).split("\n")[0]}`);
  }
}
console.log(`js-v3: ${Object.keys(scenarios).length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
