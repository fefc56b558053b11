// A `Read(./secrets/**)` deny rule in .nanocode/settings.json against every channel that could
// carry the file to the model, through the compiled binary in print mode: @mentions (prompt,
// command, skill), CLAUDE.md @imports, the MCP filesystem server, hard and symbolic links, awk
// choosing its files, and copies by commands a flag allows. The secret's value must appear in no
// request the model server receives.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { existsSync, linkSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import type { ScriptTurn } from "../../src/model/script.ts";
import { FILESYSTEM } from "../support/mcp-servers.ts";
import { runNanocode } from "../support/run.ts";
import { type ScriptedServer, startScriptedServer } from "../support/scripted-server.ts";
import { put, tempDir } from "../support/tmp.ts";

const SECRET = "SK-SECRET-VALUE-4242";
let dir: string;
let home: string;
let server: ScriptedServer | undefined;

beforeAll(() => {
  // Inside a folder of its own, so copies to `..` land in a throwaway folder too.
  dir = join(tempDir("nanocode-deny-"), "project");
  home = tempDir("nanocode-home-");
  put(join(dir, ".nanocode/settings.json"), JSON.stringify({ permissions: { deny: ["Read(./secrets/**)"] } }));
  put(join(dir, "secrets/key.txt"), `${SECRET}\n`);
  put(join(dir, "pub.txt"), "PUBLIC_TEXT\n");
  put(join(dir, "docs/readme.md"), "DOCS_TEXT\n");
  linkSync(join(dir, "secrets/key.txt"), join(dir, "docs/hard.txt"));
  symlinkSync(join(dir, "secrets"), join(dir, "alias"));
  put(join(dir, ".claude/commands/leak.md"), "---\ndescription: shows the key\n---\nExplain @secrets/key.txt and @pub.txt\n");
  put(join(dir, ".claude/skills/peek/SKILL.md"), "---\nname: peek\ndescription: peeks at the key\n---\nPEEK_BODY Look at @docs/hard.txt and @alias/key.txt\n");
});
afterAll(() => server?.stop());

/** One print-mode session: `prompt`, then these tool calls one per turn. */
async function session(calls: ScriptTurn[], options: { prompt?: string; args?: string[]; cwd?: string } = {}) {
  server?.stop();
  server = startScriptedServer({ turns: [...calls, [{ type: "text", text: "finished" }]], workdir: dir, home });
  const run = await runNanocode(["-p", options.prompt ?? "go", "--output-format", "json", ...(options.args ?? [])], {
    cwd: options.cwd ?? dir,
    env: { HOME: home, ANTHROPIC_API_KEY: "sk-test", ANTHROPIC_BASE_URL: server.url },
    timeoutMs: 60_000,
  });
  const sent = JSON.stringify(server.requests.map((r) => r.body));
  const last = server.requests.at(-1)!.body.messages;
  const results = last.flatMap((m) => (m.role === "user" && Array.isArray(m.content) ? m.content.flatMap((b) => (b.type === "tool_result" ? [JSON.stringify(b.content)] : [])) : []));
  server.stop();
  return { ...run, sent, results };
}

const call = (name: string, input: Record<string, unknown>): ScriptTurn => [{ type: "tool_use", name, input }];
const bash = (command: string) => call("Bash", { command });

test("@secrets/key.txt in the prompt is not attached; one line tells the user; other mentions still are", async () => {
  const run = await session([], { prompt: "what is in @secrets/key.txt and @pub.txt?" });
  expect(run.code).toBe(0);
  expect(run.sent).not.toContain(SECRET);
  expect(run.sent).toContain("PUBLIC_TEXT");
  expect(run.stderr).toContain("@secrets/key.txt was not attached: a Read deny rule hides secrets/key.txt");
});

test("a mention through a symlink, a hard link, a .. path or @\"quoted\" is not attached either", async () => {
  const run = await session([], { prompt: 'see @alias/key.txt @docs/hard.txt @docs/../secrets/key.txt @"secrets/key.txt" @docs/readme.md' });
  expect(run.sent).not.toContain(SECRET);
  expect(run.sent).toContain("DOCS_TEXT");
  expect(run.stderr.match(/was not attached/g)?.length).toBe(4);
});

test("a custom command's @mention of the secret is left out, the rest of it runs", async () => {
  const run = await session([], { prompt: "/leak" });
  expect(run.sent).not.toContain(SECRET);
  expect(run.sent).toContain("PUBLIC_TEXT");
  expect(run.stderr).toContain("@secrets/key.txt was not attached");
});

test("a skill's @mentions of the secret, typed by the user or invoked by the model, are left out", async () => {
  const typed = await session([], { prompt: "/peek" });
  expect(typed.sent).toContain("PEEK_BODY");
  expect(typed.sent).not.toContain(SECRET);
  expect(typed.stderr).toContain("@docs/hard.txt was not attached");
  const invoked = await session([call("Skill", { skill: "peek" })]);
  expect(invoked.sent).toContain("PEEK_BODY");
  expect(invoked.sent).not.toContain(SECRET);
  expect(invoked.stderr).toContain("@alias/key.txt was not attached");
});

test("an @import of the secret in CLAUDE.md or AGENTS.md is skipped and said so; the memory file itself loads", async () => {
  const project = tempDir("nanocode-deny-memory-");
  put(join(project, ".nanocode/settings.json"), JSON.stringify({ permissions: { deny: ["Read(./secrets/**)"] } }));
  put(join(project, "secrets/key.txt"), `${SECRET}\n`);
  put(join(project, "CLAUDE.md"), "MEMORY_MARKER follow @secrets/key.txt\n");
  put(join(project, "AGENTS.md"), "AGENTS_MARKER and @./secrets/key.txt too\n");
  const run = await session([], { cwd: project });
  expect(run.sent).toContain("MEMORY_MARKER");
  expect(run.sent).toContain("AGENTS_MARKER");
  expect(run.sent).not.toContain(SECRET);
  expect(run.stderr).toContain(`@import of ${join(project, "secrets/key.txt")} skipped: a Read deny rule hides it`);
});

test("Read, Grep and Glob: the secret, its hard link and its symlink are hidden; the public file is not", async () => {
  const run = await session([
    call("Read", { file_path: join(dir, "docs/hard.txt") }),
    call("Read", { file_path: join(dir, "alias/key.txt") }),
    call("Read", { file_path: "secrets/../secrets/key.txt" }),
    call("Grep", { pattern: "SK-SECRET", path: dir, output_mode: "content" }),
    call("Grep", { pattern: "SK-SECRET", path: join(dir, "docs"), output_mode: "files_with_matches" }),
    call("Glob", { pattern: "docs/*" }),
    call("Read", { file_path: join(dir, "pub.txt") }),
  ]);
  expect(run.sent).not.toContain(SECRET);
  expect(run.results.slice(0, 3).every((r) => r.includes("has been denied"))).toBe(true);
  expect(run.results[5]).toContain("readme.md");
  expect(run.results[5]).not.toContain("hard.txt");
  expect(run.results[6]).toContain("PUBLIC_TEXT");
});

test("Bash reading the hard link, the symlink or through awk's ARGV or a built name is refused", async () => {
  const commands = [
    "cat docs/hard.txt",
    "head -n 1 alias/key.txt",
    "grep -r SK- docs",
    `awk 'BEGIN{ARGV[1]="secrets/key.txt"; ARGC=2} {print}'`,
    `awk 'BEGIN{ARGV[ARGC++]="secr" "ets/key.txt"} {print}'`,
    `awk 'BEGIN{f="secrets/key" ".txt"; while ((getline l < f) > 0) print l}'`,
    "sed 'r secrets/key.txt' pub.txt",
    "find secrets -type f -exec cat {} +",
    "ls secrets | sed 's|^|secrets/|' | xargs cat",
  ];
  const run = await session(commands.map(bash));
  expect(run.sent).not.toContain(SECRET);
  for (const [i, command] of commands.entries()) expect([command, run.results[i]]).toEqual([command, expect.stringMatching(/denied/)]);
});

test("copies of the secret by commands a flag allows are refused, so no copy exists to read", async () => {
  const commands = ["cp secrets/key.txt copy.txt", "tar cf out.tar secrets", "ln secrets/key.txt link.txt", "mv secrets/key.txt moved.txt", "cp -r . ../whole-copy", "dd if=secrets/key.txt of=dd.txt", "cp docs/hard.txt copy2.txt"];
  const reads = ["cat copy.txt", "tar xOf out.tar", "cat link.txt", "cat moved.txt", "cat ../whole-copy/secrets/key.txt", "cat dd.txt", "cat copy2.txt"];
  const run = await session([...commands, ...reads].map(bash), { args: ["--allowedTools", "Bash(cp:*),Bash(tar:*),Bash(ln:*),Bash(mv:*),Bash(dd:*)"] });
  expect(run.sent).not.toContain(SECRET);
  for (const [i, command] of commands.entries()) expect([command, run.results[i]]).toEqual([command, expect.stringMatching(command.includes(" . ") ? /holds files the deny rule/ : /has been denied: it names/)]);
  for (const name of ["copy.txt", "out.tar", "link.txt", "moved.txt", "dd.txt", "copy2.txt"]) expect([name, existsSync(join(dir, name))]).toEqual([name, false]);
  expect(existsSync(join(dir, "secrets/key.txt"))).toBe(true);
});

test("an allowed shell or xargs cannot read or copy the secret either; the refusal says only a person can allow it", async () => {
  const commands = ["sh -c 'cat secrets/key.txt'", "bash -c 'cp secrets/key.txt shell-copy.txt'", "eval 'cat docs/hard.txt'", "printf secrets/key.txt | xargs -I{} cp {} xargs-copy.txt", "cat shell-copy.txt xargs-copy.txt"];
  const run = await session(commands.map(bash), { args: ["--allowedTools", "Bash(sh:*),Bash(bash:*),Bash(eval:*),Bash(xargs:*),Bash(cp:*)"] });
  expect(run.sent).not.toContain(SECRET);
  expect(run.results.slice(0, 3).every((r) => r.includes("has been denied: it names"))).toBe(true);
  expect(run.results[3]).toContain("Only a person can");
  expect(existsSync(join(dir, "shell-copy.txt")) || existsSync(join(dir, "xargs-copy.txt"))).toBe(false);
});

test("an allowed copy of public files still runs; a name only the shell knows is refused with a deny rule", async () => {
  const run = await session([bash("cp pub.txt pub-copy.txt"), bash("cp $SRC x.txt")], { args: ["--allowedTools", "Bash(cp:*)"] });
  expect(run.results[0]).not.toContain("denied");
  expect(existsSync(join(dir, "pub-copy.txt"))).toBe(true);
  expect(run.results[1]).toContain("only known when it runs");
});

test("the MCP filesystem server cannot read the secret, its hard link or a folder holding it", async () => {
  const config = JSON.stringify({ mcpServers: { fs: { command: "node", args: [FILESYSTEM, dir] } } });
  const key = join(dir, "secrets/key.txt");
  const run = await session(
    [
      call("mcp__fs__read_text_file", { path: key }),
      call("mcp__fs__read_file", { path: key }),
      call("mcp__fs__read_multiple_files", { paths: [join(dir, "pub.txt"), key] }),
      call("mcp__fs__read_text_file", { path: join(dir, "docs/hard.txt") }),
      call("mcp__fs__search_files", { path: join(dir, "secrets"), pattern: "key" }),
      call("mcp__fs__read_text_file", { path: join(dir, "alias/key.txt") }),
      call("mcp__fs__move_file", { source: key, destination: join(dir, "stolen.txt") }),
      call("mcp__fs__read_text_file", { path: join(dir, "pub.txt") }),
    ],
    { args: ["--mcp-config", config] },
  );
  expect(run.sent).not.toContain(SECRET);
  for (const result of run.results.slice(0, 7)) expect(result).toContain("has been denied: it names");
  expect(run.results[7]).toContain("PUBLIC_TEXT");
  expect(existsSync(join(dir, "secrets/key.txt"))).toBe(true);
});
