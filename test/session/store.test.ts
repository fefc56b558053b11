import { afterAll, beforeEach, describe, expect, test } from "bun:test";
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { AgentSession } from "../../src/agent/session.ts";
import { FileState } from "../../src/fs/file-state.ts";
import { emptyUsage } from "../../src/model/messages.ts";
import { PermissionEngine } from "../../src/permissions/engine.ts";
import { listSessions, sessionPath } from "../../src/session/list.ts";
import { loadSession } from "../../src/session/load.ts";
import { openSession, SessionError } from "../../src/session/open.ts";
import { SessionStore } from "../../src/session/store.ts";
import readTool from "../../tools/read.ts";
import { registryOf, scriptedProvider } from "../support/agent.ts";
import { tempDir } from "../support/tmp.ts";
import { expectValidTranscript } from "../support/transcript.ts";

const savedConfigDir = process.env.NANOCODE_CONFIG_DIR;
let cwd: string;
beforeEach(() => {
  process.env.NANOCODE_CONFIG_DIR = tempDir("nanocode-config-");
  cwd = tempDir();
  writeFileSync(`${cwd}/a.txt`, "alpha\n");
});
afterAll(() => {
  if (savedConfigDir === undefined) delete process.env.NANOCODE_CONFIG_DIR;
  else process.env.NANOCODE_CONFIG_DIR = savedConfigDir;
});

const readThenAnswer = () =>
  scriptedProvider([[{ type: "tool_use", id: "toolu_1", name: "Read", input: { file_path: `${cwd}/a.txt` } }], [{ type: "text", text: "It says alpha." }]]);

async function sessionFor(opened: Awaited<ReturnType<typeof openSession>>, provider = readThenAnswer()) {
  return new AgentSession(
    { provider, registry: registryOf(readTool), permissions: new PermissionEngine({ mode: "bypassPermissions", rules: [], projectDir: process.cwd() }) },
    { model: "claude-sonnet-5-5", maxTokens: 1000, system: [] },
    { cwd, sessionId: opened.id, sessionDir: `${cwd}/.s`, files: new FileState() },
    { messages: opened.messages, cost: opened.cost, store: opened.store, notices: opened.problems },
  );
}

async function drain(run: AsyncGenerator<unknown, unknown>) {
  const events: unknown[] = [];
  for (let next = await run.next(); !next.done; next = await run.next()) events.push(next.value);
  return events;
}

describe("session store", () => {
  test("creates the file only when the first message exists, one line per event, then loads it back", async () => {
    const opened = await openSession(cwd, { persist: true });
    const path = sessionPath(cwd, opened.id);
    const session = await sessionFor(opened);
    expect(existsSync(path)).toBe(false);
    await drain(session.send("what does a.txt say?", new AbortController().signal));

    const lines = readFileSync(path, "utf8").trim().split("\n").map((l) => JSON.parse(l));
    expect(lines.map((l) => l.type)).toEqual(["session", "user", "assistant", "user", "assistant", "done"]);
    expect(lines[0]).toMatchObject({ sessionId: opened.id, cwd, title: "what does a.txt say?", version: 1 });

    const loaded = await loadSession(path);
    expect(loaded.problems).toEqual([]);
    expect(loaded.messages).toEqual(session.messages);
    expect(loaded.cost.totalUSD).toBeCloseTo(session.cost.totalUSD, 12);
    expect(session.cost.totalUSD).toBeGreaterThan(0);
  });

  test("a cut last line is skipped and reported; the next append starts on a clean line", async () => {
    const opened = await openSession(cwd, { persist: true });
    await drain((await sessionFor(opened)).send("first", new AbortController().signal));
    const path = sessionPath(cwd, opened.id);
    appendFileSync(path, '{"type":"user","message":{"role":"user","content":"half wri');

    const resumed = await openSession(cwd, { resume: opened.id, persist: true });
    expect(resumed.problems).toHaveLength(1);
    expect(resumed.problems[0]).toContain("skipped the last line, cut short");
    expect(resumed.messages).toHaveLength(4);

    const provider = scriptedProvider([[{ type: "text", text: "again" }]]);
    const events = await drain((await sessionFor(resumed, provider)).send("second", new AbortController().signal));
    expect(events[0]).toEqual({ type: "notice", text: resumed.problems[0] });
    const reloaded = await loadSession(path);
    expect(reloaded.problems).toEqual([]);
    expect(reloaded.messages.map((m) => m.role)).toEqual(["user", "assistant", "user", "assistant", "user", "assistant"]);
  });

  test("lines that parse but are not session lines (edited by hand, other JSON) are skipped as unreadable, not a crash", async () => {
    const opened = await openSession(cwd, { persist: true });
    await drain((await sessionFor(opened)).send("first", new AbortController().signal));
    const path = sessionPath(cwd, opened.id);
    appendFileSync(path, ['null', '[]', '{"type":"user","message":5}', '{"type":"assistant","message":{"role":"assistant","content":"text"}}', '{"type":"done","outcome":{}}', ""].join("\n"));

    const loaded = await loadSession(path);
    expect(loaded.problems).toEqual([`${path}: skipped 5 unreadable lines`]);
    expect(loaded.messages.map((m) => m.role)).toEqual(["user", "assistant", "user", "assistant"]);
  });

  test("a lost line in the middle leaves no call without its result and no result without its call", async () => {
    const opened = await openSession(cwd, { persist: true });
    await drain((await sessionFor(opened)).send("first", new AbortController().signal));
    const path = sessionPath(cwd, opened.id);
    const original = readFileSync(path, "utf8").split("\n");
    const damage = (pick: (line: string) => boolean) => writeFileSync(path, original.map((line) => (pick(line) ? "{garbage" : line)).join("\n"));

    damage((line) => line.includes('"type":"tool_use"'));
    let loaded = await loadSession(path);
    expect(loaded.problems).toEqual([`${path}: skipped 1 unreadable line`, `${path}: 1 tool call lost its result or call with the skipped lines; paired up again`]);
    expect(loaded.messages.map((m) => m.role)).toEqual(["user", "assistant"]);
    expectValidTranscript(loaded.messages);

    damage((line) => line.includes('"type":"tool_result"'));
    loaded = await loadSession(path);
    expect(loaded.messages.map((m) => m.role)).toEqual(["user", "assistant", "user", "assistant"]);
    expect(JSON.stringify(loaded.messages[2]!.content)).toContain("lost with a damaged line");
    expectValidTranscript(loaded.messages);
  });

  test("resuming a file that is no session (notes, a directory) is one error and leaves it as it was", async () => {
    const notes = `${cwd}/notes.jsonl`;
    writeFileSync(notes, "first note\nsecond note\n");
    await expect(openSession(cwd, { resume: notes, persist: true })).rejects.toThrow(`${notes} is not a nanocode session file (no line of it could be read as one); it was left as it was`);
    expect(readFileSync(notes, "utf8")).toBe("first note\nsecond note\n");
    mkdirSync(`${cwd}/folder.jsonl`);
    await expect(openSession(cwd, { resume: `${cwd}/folder.jsonl`, persist: true })).rejects.toThrow(`cannot read session ${cwd}/folder.jsonl: is a directory, not a file (EISDIR)`);
  });

  test("a tool call left without a result by a crash gets an interrupted result, written on the next append", async () => {
    const id = "crashed";
    const path = sessionPath(cwd, id);
    const store = new SessionStore(path, { sessionId: id, cwd });
    store.append({ type: "user", message: { role: "user", content: "run it" } });
    store.append({ type: "assistant", message: { role: "assistant", content: [{ type: "tool_use", id: "toolu_x", name: "Bash", input: { command: "sleep 100" } }] }, messageId: "m", usage: emptyUsage(), model: "claude-sonnet-5-5" });
    store.close();

    const resumed = await openSession(cwd, { continue: true, persist: true });
    expect(resumed.id).toBe(id);
    const last = resumed.messages.at(-1)!;
    expect(last.role).toBe("user");
    expect(JSON.stringify(last.content)).toContain('"tool_use_id":"toolu_x"');
    expect(resumed.problems[0]).toContain("1 tool call had no result");

    resumed.store!.append({ type: "user", message: { role: "user", content: "go on" } });
    const reloaded = await loadSession(path);
    expect(reloaded.problems).toEqual([]);
    expect(reloaded.messages.map((m) => m.role)).toEqual(["user", "assistant", "user", "user"]);
  });

  test("fork copies the history into a new id and leaves the original untouched", async () => {
    const opened = await openSession(cwd, { persist: true });
    await drain((await sessionFor(opened)).send("first", new AbortController().signal));
    const original = readFileSync(sessionPath(cwd, opened.id), "utf8");

    const forked = await openSession(cwd, { resume: opened.id, fork: true, persist: true });
    expect(forked.id).not.toBe(opened.id);
    const provider = scriptedProvider([[{ type: "text", text: "forked" }]]);
    await drain((await sessionFor(forked, provider)).send("second", new AbortController().signal));

    expect(readFileSync(sessionPath(cwd, opened.id), "utf8")).toBe(original);
    const fork = await loadSession(sessionPath(cwd, forked.id));
    expect(fork.header).toMatchObject({ forkedFrom: opened.id, title: "first" });
    expect(fork.messages).toHaveLength(6);
    const listed = listSessions(cwd);
    expect(listed.map((s) => s.id).sort()).toEqual([opened.id, forked.id].sort());
    expect(listed.find((s) => s.id === forked.id)?.forkedFrom).toBe(opened.id);
  });

  test("without persistence nothing is written; unknown ids are one clear error", async () => {
    const opened = await openSession(cwd, { persist: false });
    await drain((await sessionFor(opened)).send("first", new AbortController().signal));
    expect(listSessions(cwd)).toEqual([]);
    expect(openSession(cwd, { resume: "nope", persist: true })).rejects.toBeInstanceOf(SessionError);
    expect(openSession(cwd, { continue: true, persist: true })).rejects.toThrow("no earlier session");
  });
});
