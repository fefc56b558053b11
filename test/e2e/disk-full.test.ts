import { afterEach, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ensureBinary } from "../../scripts/ensure-binary.ts";
import type { ToolResultBlock } from "../../src/model/messages.ts";
import type { ScriptTurn } from "../../src/model/script.ts";
import { runNanocode } from "../support/run.ts";
import { type ScriptedServer, startScriptedServer } from "../support/scripted-server.ts";
import { put, tempDir } from "../support/tmp.ts";
import { expectLoadableSession } from "../support/transcript.ts";

// A full disk, for real: a 256 KiB tmpfs mounted in a private mount namespace (`unshare -m`), so
// nothing outside sees it and it disappears with the script that mounted it. Each scenario is one
// shell script run in that namespace; it copies what the test inspects out of the small disk.
const disk = tempDir();
const usable = process.platform === "linux" && Bun.spawnSync(["unshare", "-m", "sh", "-c", `mount -t tmpfs -o size=8k tmpfs ${disk}`]).exitCode === 0;

let server: ScriptedServer | undefined;
afterEach(() => server?.stop());

const SHELL_HELPERS = `
fill() { head -c 10000000 /dev/zero > "$DISK/fill" 2>/dev/null; true; }
free() { rm -f "$DISK/fill"; }
run() { name=$1; shift; "$BIN" -p "$@" --dangerously-skip-permissions > "$OUT/$name.out" 2> "$OUT/$name.err"; echo $? > "$OUT/$name.code"; }
`;

/** Runs `steps` with a fresh 256 KiB disk at $DISK; $OUT is an ordinary folder the test reads afterwards. */
async function onSmallDisk(steps: string, env: Record<string, string>, at = tempDir()) {
  const out = tempDir();
  const script = `mount -t tmpfs -o size=256k tmpfs "$DISK" || exit 99\n${SHELL_HELPERS}\n${steps}`;
  const proc = Bun.spawn(["unshare", "-m", "sh", "-c", script], { env: { PATH: process.env.PATH ?? "/usr/bin:/bin", DISK: at, OUT: out, BIN: await ensureBinary(), ...env }, stdout: "pipe", stderr: "pipe" });
  const timer = setTimeout(() => proc.kill("SIGKILL"), 60_000);
  const [stderr, code] = await Promise.all([new Response(proc.stderr).text(), proc.exited]);
  clearTimeout(timer);
  expect([code, stderr]).toEqual([0, ""]);
  const read = (name: string) => ({ code: Number(readFileSync(join(out, `${name}.code`), "utf8")), stdout: readFileSync(join(out, `${name}.out`), "utf8"), stderr: readFileSync(join(out, `${name}.err`), "utf8") });
  return { out, read };
}

/** A server playing `plan`, one reply per request in order (the runs of a scenario are sequential). */
function serve(plan: ScriptTurn[], work: string) {
  server = startScriptedServer({ workdir: work, reply: (_request, i) => plan[i] ?? [{ type: "text", text: "no more" }] });
  return { ANTHROPIC_API_KEY: "sk-test", ANTHROPIC_BASE_URL: server.url };
}

const resultsOf = (request: { body: { messages: { role: string; content: unknown }[] } }) =>
  request.body.messages.flatMap((m) => (m.role === "user" && Array.isArray(m.content) ? (m.content as ToolResultBlock[]).filter((b) => b.type === "tool_result") : [])).map((r) => String(r.content));

test.skipIf(!usable)("the session's disk fills up: one clear line, the run goes on unsaved, tools say why they failed; once there is room again the session resumes clean", async () => {
  const work = tempDir();
  put(join(work, "notes.txt"), "original\n");
  const env = serve(
    [
      [{ type: "tool_use", name: "Bash", input: { command: "echo one" } }],
      [{ type: "text", text: "first run done" }],
      [{ type: "tool_use", name: "Read", input: { file_path: join(work, "notes.txt") } }],
      [{ type: "tool_use", name: "Write", input: { file_path: join(work, "notes.txt"), content: "changed\n" } }],
      [{ type: "tool_use", name: "Bash", input: { command: "ls /nonexistent-dir-xyz" } }],
      [{ type: "text", text: "second run done" }],
      [{ type: "text", text: "third run done" }],
    ],
    work,
  );
  const { out, read } = await onSmallDisk(
    `export NANOCODE_CONFIG_DIR="$DISK/config" && mkdir -p "$NANOCODE_CONFIG_DIR" && cd "${work}"
run first "first"
fill
run second "second" --continue
free
run third "third" --continue
cp -a "$DISK/config" "$OUT/.nanocode"`,
    { ...env, HOME: work },
  );
  const [first, second, third] = [read("first"), read("second"), read("third")];
  expect([first.code, first.stdout, first.stderr]).toEqual([0, "first run done\n", ""]);
  expect([second.code, second.stdout]).toEqual([0, "second run done\n"]);
  expect(second.stderr).toMatch(/^nanocode: cannot save the session any more \(\/\S+\.jsonl: no space left on the device \(ENOSPC\)\); it goes on unsaved\n$/);
  const [, write, bash] = resultsOf(server!.requests[5]!).slice(-3);
  expect(write).toMatch(/^<tool_use_error>cannot write \S+notes\.txt: its undo copy could not be kept \(.*no space left on the device \(ENOSPC\)\); the file was left as it was<\/tool_use_error>$/);
  expect(readFileSync(join(work, "notes.txt"), "utf8")).toBe("original\n");
  expect(bash).toMatch(/^Exit code 2\n\(no output could be saved: the disk holding \S+ is full \(ENOSPC\)\)$/);
  // Room again: the third run resumes without a word about damage, and carries the first run.
  expect([third.code, third.stdout, third.stderr]).toEqual([0, "third run done\n", ""]);
  expect(JSON.stringify(server!.requests[6]!.body.messages)).toContain("first run done");
  const saved = await expectLoadableSession(out);
  expect(saved.messages.at(-1)).toEqual({ role: "assistant", content: [{ type: "text", text: "third run done" }] });
});

test.skipIf(!usable)("Write and Edit onto a full disk: each a clear tool error naming the file, which keeps its old content; the session goes on", async () => {
  const [home, at] = [tempDir(), tempDir()];
  const file = join(at, "work", "notes.txt");
  const env = serve(
    [
      [{ type: "tool_use", name: "Read", input: { file_path: file } }],
      [{ type: "tool_use", name: "Bash", input: { command: `head -c 10000000 /dev/zero > ${join(at, "fill")} 2>/dev/null; echo filled` } }],
      [{ type: "tool_use", name: "Write", input: { file_path: file, content: "x".repeat(20_000) } }],
      [{ type: "tool_use", name: "Edit", input: { file_path: file, old_string: "original", new_string: "y".repeat(20_000) } }],
      [{ type: "tool_use", name: "Write", input: { file_path: join(at, "work", "new.txt"), content: "z".repeat(20_000) } }],
      [{ type: "text", text: "all done" }],
    ],
    home,
  );
  const { out, read } = await onSmallDisk(
    `mkdir -p "$DISK/work" && printf 'original\\n' > "${file}" && cd "$DISK/work"
run edits "edit it"
cp "${file}" "$OUT/notes.after"; ls "$DISK/work" > "$OUT/listing"`,
    { ...env, HOME: home },
    at,
  );
  const edits = read("edits");
  expect([edits.code, edits.stdout, edits.stderr]).toEqual([0, "all done\n", ""]);
  const [, filled, write, edit, create] = resultsOf(server!.requests.at(-1)!);
  expect(filled).toBe("filled");
  const full = (path: string) => `<tool_use_error>cannot write ${path}: no space left on the device (ENOSPC)</tool_use_error>`;
  expect([write, edit, create]).toEqual([full(file), full(file), full(join(at, "work", "new.txt"))]);
  expect(readFileSync(join(out, "notes.after"), "utf8")).toBe("original\n");
  // No temp file or half-written new file is left behind.
  expect(readFileSync(join(out, "listing"), "utf8")).toBe("notes.txt\n");
});

test("a session whose first write was cut short by a full disk (only part of its header) resumes as an empty session", async () => {
  const work = tempDir();
  const id = "22222222-2222-4222-8222-222222222222";
  const path = join(work, ".nanocode", "projects", work.replace(/[^A-Za-z0-9]/g, "-"), `${id}.jsonl`);
  put(path, '{"type":"session","version":1,"sessionId":"2222');
  const env = serve([[{ type: "text", text: "resumed" }]], work);
  const { code, stdout, stderr } = await runNanocode(["-p", "go on", "--resume", id], { cwd: work, env: { ...env, HOME: work } });
  expect([code, stdout]).toEqual([0, "resumed\n"]);
  expect(stderr).toBe(`nanocode: ${path}: skipped the last line, cut short when the session was interrupted or the disk was full (47 bytes)\n`);
  const saved = await expectLoadableSession(work);
  expect(saved.messages.map((m) => m.role)).toEqual(["user", "assistant"]);
});
