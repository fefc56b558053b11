// The Query object's file requests through the official SDK against the compiled binary:
// rewindFiles() with --replay-user-messages checkpoints, readFile() and seedReadState().

import { afterEach, expect, test } from "bun:test";
import { statSync } from "node:fs";
import { join } from "node:path";
import { type ScriptedServer, startScriptedServer } from "../support/scripted-server.ts";
import { collect, Prompts, sdkOptions, startQuery } from "../support/sdk.ts";
import { put, tempDir } from "../support/tmp.ts";

let server: ScriptedServer | undefined;
afterEach(() => server?.stop());

const write = (path: string, content: string) => ({ type: "tool_use" as const, name: "Write", input: { file_path: path, content } });

test("rewindFiles() puts back the files changed since a replayed message's turn; a dry run only lists them", async () => {
  const work = tempDir("nanocode-sdk-rewind-");
  const [a, b] = [join(work, "a.txt"), join(work, "b.txt")];
  server = startScriptedServer({ workdir: work, home: work, turns: [[write(a, "one\n")], [{ type: "text", text: "first" }], [write(a, "two\n"), write(b, "new\n")], [{ type: "text", text: "second" }]] });
  const prompts = new Prompts();
  const q = startQuery(prompts, await sdkOptions(work, server, { permissionMode: "acceptEdits", enableFileCheckpointing: true, extraArgs: { "replay-user-messages": null } }));
  prompts.send("write one");
  const ids: string[] = [];
  const { messages, error } = await collect(q, async (m) => {
    if (m.type === "user" && (m as { isReplay?: boolean }).isReplay) ids.push((m as { uuid: string }).uuid);
    if (m.type !== "result") return;
    if (m.result_index === 0) return prompts.send("write two");
    expect(await q.rewindFiles(ids[1]!, { dryRun: true })).toEqual({ canRewind: true, filesChanged: [a, b] });
    expect(await Bun.file(b).text()).toBe("new\n");
    expect(await q.rewindFiles(ids[1]!)).toEqual({ canRewind: true, filesChanged: [a, b] });
    expect([await Bun.file(a).text(), await Bun.file(b).exists()]).toEqual(["one\n", false]);
    expect(await q.rewindFiles(ids[0]!)).toEqual({ canRewind: true, filesChanged: [a, b] });
    expect(await q.rewindFiles("not-a-message")).toMatchObject({ canRewind: false, error: expect.stringContaining("No file checkpoint") });
    prompts.end();
  });
  expect(error).toBeUndefined();
  expect(messages.filter((m) => m.type === "user" && (m as { isReplay?: boolean }).isReplay).map((m) => (m as { message: { content: unknown } }).message.content)).toEqual(["write one", "write two"]);
  expect(await Bun.file(a).exists()).toBe(false);
});

test("readFile() reads a file of the project (whole, cut, base64) and not one a deny rule covers", async () => {
  const work = tempDir("nanocode-sdk-readfile-");
  put(join(work, "notes.txt"), "hello notes\n");
  put(join(work, "secret.txt"), "TOKEN\n");
  put(join(work, ".claude/settings.json"), JSON.stringify({ permissions: { deny: ["Read(secret.txt)"] } }));
  server = startScriptedServer({ workdir: work, home: work, turns: [] });
  const q = startQuery(new Prompts(), await sdkOptions(work, server, { extraArgs: { trust: null } }));
  expect(await q.readFile("notes.txt")).toEqual({ contents: "hello notes\n", absPath: join(work, "notes.txt") });
  expect(await q.readFile(join(work, "notes.txt"), { maxBytes: 5 })).toEqual({ contents: "hello", absPath: join(work, "notes.txt"), truncated: true });
  expect(await q.readFile("notes.txt", { encoding: "base64" })).toMatchObject({ contents: Buffer.from("hello notes\n").toString("base64"), encoding: "base64" });
  expect(await q.readFile("secret.txt")).toBeNull();
  expect(await q.readFile("missing.txt")).toBeNull();
  q.close();
});

test("seedReadState() lets Edit change a file the model never read; a file changed since is still refused", async () => {
  const work = tempDir("nanocode-sdk-seed-");
  const [seen, moved] = [join(work, "seen.txt"), join(work, "moved.txt")];
  put(seen, "alpha\n");
  put(moved, "alpha\n");
  const edit = (path: string) => ({ type: "tool_use" as const, name: "Edit", input: { file_path: path, old_string: "alpha", new_string: "beta" } });
  server = startScriptedServer({ workdir: work, home: work, turns: [[edit(seen), edit(moved)], [{ type: "text", text: "done" }]] });
  const prompts = new Prompts();
  const q = startQuery(prompts, await sdkOptions(work, server, { permissionMode: "acceptEdits" }));
  await q.seedReadState(seen, statSync(seen).mtimeMs);
  await q.seedReadState(moved, statSync(moved).mtimeMs - 5000);
  prompts.send("edit both");
  prompts.end();
  const { error } = await collect(q);
  expect(error).toBeUndefined();
  expect(await Bun.file(seen).text()).toBe("beta\n");
  expect(await Bun.file(moved).text()).toBe("alpha\n");
});
