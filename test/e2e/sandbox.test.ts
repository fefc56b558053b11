// The OS sandbox for real: Bash calls through the compiled binary in print mode with --sandbox and
// no permission flags, in bubblewrap. What would ask runs without a prompt, and the kernel keeps it
// inside: writes outside the project fail, denied files cannot be read, background processes end
// with the call, excluded commands go back to asking.

import { afterAll, expect, test } from "bun:test";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { corpus } from "../support/corpus.ts";
import { runCalls, runShellCalls, shellProject, snapshot, stopShellServer } from "../support/shell-calls.ts";
import { tempDir } from "../support/tmp.ts";

// Outside /tmp, which each sandboxed call has private: here the sandbox's read-only root is what stops a write.
const outsideRoot = existsSync("/var/tmp") ? mkdtempSync("/var/tmp/nanocode-sandbox-test-") : tempDir("nanocode-sandbox-test-");
afterAll(() => {
  stopShellServer();
  rmSync(outsideRoot, { recursive: true, force: true });
});

const linux = process.platform === "linux";
const sandboxed = (settings: object = {}) => ["--sandbox", "--settings", JSON.stringify(settings)];
const outside = (name: string) => {
  const dir = join(outsideRoot, name);
  mkdirSync(dir);
  writeFileSync(join(dir, "canary.txt"), "canary\n");
  return dir;
};

test.skipIf(!linux)("build and test commands run without a prompt, and write inside the project", async () => {
  const dir = shellProject();
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "demo", scripts: { build: "node -e \"require('fs').writeFileSync('build/b.txt','ok')\"", test: "node -e \"console.log('tests passed')\"" } }));
  const { stderr, result, results } = await runShellCalls(["npm run build --silent", "npm test --silent", "mkdir -p dist && cp build/b.txt dist/ && cat dist/b.txt", "rm -rf build && ls"], dir, { args: sandboxed(), env: { npm_config_update_notifier: "false" } });
  expect(stderr).toBe("");
  expect(result.permission_denials).toEqual([]);
  expect(results[1]).toContain("tests passed");
  expect(results[2]).toBe("ok");
  expect(existsSync(join(dir, "dist/b.txt"))).toBe(true);
  expect(existsSync(join(dir, "build"))).toBe(false);
}, 60_000);

test.skipIf(!linux)("a write outside the project fails, says why, and nothing appears there", async () => {
  const dir = shellProject();
  const away = outside("writes");
  const before = snapshot(away);
  const home = tempDir("nanocode-sandbox-home-");
  const { results } = await runShellCalls([`echo x > ${away}/new.txt`, `rm -f ${away}/canary.txt`, `python3 -c "open('${away}/py.txt','w')"`, `echo x > ${home}/in-tmp.txt`, "touch /etc/nanocode-sandbox-test"], dir, { args: sandboxed(), home });
  expect(snapshot(away)).toEqual(before);
  expect(existsSync("/etc/nanocode-sandbox-test")).toBe(false);
  expect(results[0]).toContain("Read-only file system");
  expect(results[0]).toContain("[sandbox] This command ran in the sandbox, where it may write only in");
  expect(results[0]).toContain("sandbox.filesystem.allowWrite");
  expect(results[2]).toContain("Read-only file system");
  // The home here is under /tmp, which the call has private: the write went to its own /tmp, gone with it.
  expect(results[3]).toBe("(Bash completed with no output)");
  expect(existsSync(join(home, "in-tmp.txt"))).toBe(false);
}, 60_000);

test.skipIf(!linux)("allowWrite and --add-dir open a folder outside the project", async () => {
  const dir = shellProject();
  const [one, two] = [outside("allowed"), outside("added")];
  const { results } = await runShellCalls([`echo a > ${one}/a.txt`, `echo b > ${two}/b.txt`], dir, { args: [...sandboxed({ sandbox: { filesystem: { allowWrite: [one] } } }), "--add-dir", two] });
  expect(results).toEqual(["(Bash completed with no output)", "(Bash completed with no output)"]);
  expect(readFileSync(join(one, "a.txt"), "utf8")).toBe("a\n");
  expect(readFileSync(join(two, "b.txt"), "utf8")).toBe("b\n");
}, 60_000);

test.skipIf(!linux)("a path a Read deny rule covers cannot be read by any command, parsed or not", async () => {
  const dir = shellProject();
  writeFileSync(join(dir, ".env"), "API_KEY=SECRET_ENV_VALUE\n");
  mkdirSync(join(dir, "secrets"));
  writeFileSync(join(dir, "secrets/key.txt"), "SECRET_KEY_VALUE\n");
  symlinkSync("secrets", join(dir, "alias"));
  const settings = { permissions: { deny: ["Read(./.env)", "Read(./secrets/**)"] } };
  const commands = [
    "cat .env",
    "python3 -c \"print(open('.env').read())\"",
    "node -e \"console.log(require('fs').readFileSync('secrets/key.txt','utf8'))\"",
    "f=$(printf '%s' .en v | tr -d ' '); cat \"$f\"",
    "python3 -c \"import os; print(os.listdir('alias'))\"; cat alias/key.txt",
    "cp .env copy.txt; cat copy.txt",
  ];
  const { results } = await runShellCalls(commands, dir, { args: sandboxed(settings) });
  const text = results.join("\n");
  expect(text).not.toContain("SECRET_ENV_VALUE");
  expect(text).not.toContain("SECRET_KEY_VALUE");
  expect(text).not.toContain("['key.txt']");
  expect(results[0]).toStartWith("Permission to read");
  expect(results[1]).toContain("Permission denied");
  expect(results[2]).toContain("EACCES");
  // The files themselves are untouched.
  expect(readFileSync(join(dir, ".env"), "utf8")).toBe("API_KEY=SECRET_ENV_VALUE\n");
}, 60_000);

test.skipIf(!linux)("a background process the command started ends with the call", async () => {
  const dir = shellProject();
  const { results } = await runShellCalls(
    ["(while :; do echo tick >> ticks.txt; sleep 0.05; done) & disown; nohup sh -c 'sleep 60' >/dev/null 2>&1 & setsid sh -c 'while :; do echo t >> setsid.txt; sleep 0.05; done' & sleep 0.3; echo started", "wc -l < ticks.txt; wc -l < setsid.txt", "sleep 0.5; wc -l < ticks.txt; wc -l < setsid.txt"],
    dir,
    { args: sandboxed() },
  );
  expect(results[0]).toBe("started");
  // Nothing was added between the second and third call: every process of the first had ended.
  const [ticks, setsid] = results[1]!.split("\n");
  expect(results[2]).toBe(`${ticks}\n${setsid}`);
}, 60_000);

test.skipIf(!linux)("excludedCommands and dangerouslyDisableSandbox run outside the sandbox, with approval", async () => {
  const dir = shellProject();
  const away = outside("excluded");
  const settings = { sandbox: { excludedCommands: ["touch"] } };
  const asked = await runShellCalls([`touch ${away}/x.txt`], dir, { args: sandboxed(settings) });
  expect(asked.results[0]).toStartWith("Permission to run");
  expect(asked.results[0]).toContain("needs approval");
  expect(existsSync(join(away, "x.txt"))).toBe(false);
  // Approved by a rule, the excluded command runs unsandboxed: the write outside succeeds.
  const approved = await runShellCalls([`touch ${away}/x.txt`], dir, { args: [...sandboxed(settings), "--allowedTools", "Bash(touch:*)"] });
  expect(approved.results[0]).toBe("(Bash completed with no output)");
  expect(existsSync(join(away, "x.txt"))).toBe(true);
}, 60_000);

test.skipIf(!linux)("deny and ask rules still apply to sandboxed commands", async () => {
  const dir = shellProject();
  const { results, result } = await runShellCalls(["git push origin main", "npm publish"], dir, { args: sandboxed({ permissions: { deny: ["Bash(git push:*)"], ask: ["Bash(npm publish:*)"] } }) });
  expect(results[0]).toContain("denied by the rule Bash(git push:*)");
  expect(results[1]).toContain("asks for confirmation");
  expect(result.permission_denials).toHaveLength(2);
}, 60_000);

test.skipIf(!linux)("files that steer git, shells and nanocode cannot be changed or created from the sandbox", async () => {
  const dir = shellProject();
  const before = snapshot(join(dir, ".git/hooks"));
  const config = readFileSync(join(dir, ".git/config"), "utf8");
  const { results } = await runShellCalls(
    ["echo 'touch pwned' > .git/hooks/pre-commit; chmod +x .git/hooks/pre-commit", "git config core.fsmonitor 'touch pwned'", "mkdir -p .nanocode && echo '{}' > .nanocode/settings.json", "echo 'touch pwned' >> .bashrc; echo '{}' > .mcp.json; ls -a", "echo more >> README.md && git add -A && git -c user.name=t -c user.email=t@t commit -qm three && git log --oneline | wc -l"],
    dir,
    { args: sandboxed() },
  );
  expect(snapshot(join(dir, ".git/hooks"))).toEqual(before);
  expect(readFileSync(join(dir, ".git/config"), "utf8")).toBe(config);
  expect(existsSync(join(dir, ".nanocode"))).toBe(false);
  expect(existsSync(join(dir, ".bashrc"))).toBe(false);
  expect(existsSync(join(dir, ".mcp.json"))).toBe(false);
  expect(results[3]).toContain("[sandbox] Removed");
  // Ordinary git work still goes on.
  expect(results[4]).toBe("3");
}, 60_000);

test.skipIf(!linux)("with no bwrap on PATH the sandbox is unavailable in one line, and commands ask as before", async () => {
  const dir = shellProject();
  const empty = tempDir("nanocode-no-bwrap-");
  const { stderr, results } = await runShellCalls(["npm test"], dir, { args: sandboxed(), env: { PATH: empty } });
  expect(stderr).toBe("nanocode: sandbox unavailable: bwrap (bubblewrap) is not on PATH: install the bubblewrap package; Bash commands run unsandboxed, with the usual permission prompts\n");
  expect(results[0]).toStartWith("Permission to run");
}, 60_000);

test.skipIf(!linux)("the corpus's no-list, auto-allowed in the sandbox, changes nothing outside the project", async () => {
  const dir = shellProject();
  const away = outside("corpus");
  const home = join(outsideRoot, "home");
  mkdirSync(home);
  writeFileSync(join(home, ".bashrc"), "# canary\n");
  const before = { away: snapshot(away), home: snapshot(home) };
  const commands = [...corpus("bash-readonly-no.txt"), "rm -rf ~/.bashrc", "echo x >> ~/.profile", `rm -rf ${away}`, "cd .. && touch escaped.txt", "ln -s / root && rm -rf root/var/tmp/nanocode-sandbox-test-*"];
  // Some wait for input that never comes (diff <(ls) >(tee out)): a short timeout each.
  const calls = commands.map((command) => [{ type: "tool_use" as const, name: "Bash", input: { command, timeout: 10_000 } }]);
  const { result, results } = await runCalls(calls, dir, { args: sandboxed(), home, env: { npm_config_update_notifier: "false", npm_config_offline: "true" } });
  expect(results).toHaveLength(commands.length);
  expect(result.permission_denials).toEqual([]);
  const withoutSession = (files: Record<string, string>) => Object.fromEntries(Object.entries(files).filter(([path]) => !path.startsWith(".nanocode/")));
  expect({ away: snapshot(away), home: withoutSession(snapshot(home)) }).toEqual(before);
}, 180_000);

test.skipIf(!linux)("the corpus's yes-list still runs in the sandbox, without a prompt and with the same results", async () => {
  const dir = shellProject();
  const commands = corpus("bash-readonly-yes.txt");
  const { stderr, result, results } = await runShellCalls(commands, dir, { args: sandboxed() });
  expect(stderr).toBe("");
  expect(result.permission_denials).toEqual([]);
  expect(results[commands.indexOf("cat README.md")]).toBe("# demo");
  expect(results[commands.indexOf("git rev-parse --show-toplevel")]).toBe(dir);
  expect(results[commands.indexOf("grep -c import src/cli.ts && echo done")]).toBe("1\ndone");
  expect(results.filter((r) => r.includes("[sandbox]"))).toEqual([]);
}, 120_000);

test.skipIf(!linux)("the network goes only to allowed hosts, through the proxy: curl, a CONNECT tunnel, SOCKS and Python's urllib", async () => {
  // One server on 127.0.0.1 plays both hosts: "localhost" is allowed, "127.0.0.1" is not, so only the proxy's decision differs.
  const origin = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: (request) => new Response(`hello from ${new URL(request.url).pathname}`) });
  try {
    const dir = shellProject();
    const url = (host: string, path: string) => `http://${host}:${origin.port}${path}`;
    const { stderr, results, result } = await runShellCalls(
      [
        `curl -sS -m 10 ${url("localhost", "/curl")}`,
        `curl -sS -m 10 --proxytunnel ${url("localhost", "/tunnel")}`,
        `curl -sS -m 10 --proxy socks5h://127.0.0.1:1080 ${url("localhost", "/socks")}`,
        `python3 -c "import urllib.request; print(urllib.request.urlopen('${url("localhost", "/python")}').read().decode())"`,
        `curl -sSf -m 10 ${url("127.0.0.1", "/blocked")}`,
        `curl -sS -m 10 --noproxy '*' ${url("localhost", "/direct")}`,
      ],
      dir,
      { args: sandboxed({ sandbox: { network: { allowedDomains: ["localhost"] } } }) },
    );
    expect(stderr).toBe("");
    expect(result.permission_denials).toEqual([]);
    expect(results.slice(0, 4)).toEqual(["hello from /curl", "hello from /tunnel", "hello from /socks", "hello from /python"]);
    expect(results[4]).toContain("403");
    expect(results[4]).toContain('[sandbox] The sandbox blocked network access to 127.0.0.1: to allow it, add "127.0.0.1" to sandbox.network.allowedDomains');
    // Around the proxy there is no way out: the sandbox's loopback has nothing on that port.
    expect(results[5]).toStartWith("Exit code 7");
  } finally {
    origin.stop(true);
  }
}, 60_000);

test.skipIf(!linux)("with no domain allowed there is no network at all, and the failure says how to allow one", async () => {
  const dir = shellProject();
  const { results } = await runShellCalls(["curl -sS -m 5 http://example.com", "python3 -c \"import socket; socket.create_connection(('1.1.1.1', 53), 2)\""], dir, { args: sandboxed() });
  expect(results[0]).toContain("Could not resolve host");
  expect(results[0]).toContain("reach no host on the network: to allow a domain, add it to sandbox.network.allowedDomains");
  expect(results[1]).toContain("Network is unreachable");
}, 60_000);

test.skipIf(!linux)("a cd sticks across sandboxed calls, and a background command runs sandboxed too", async () => {
  const dir = shellProject();
  const away = outside("background");
  const { results } = await runCalls(
    [
      [{ type: "tool_use", name: "Bash", input: { command: "cd src && pwd" } }],
      [{ type: "tool_use", name: "Bash", input: { command: "pwd" } }],
      [{ type: "tool_use", name: "Bash", input: { command: `echo out > ${away}/bg.txt; echo bg > ../bg.txt`, run_in_background: true } }],
      [{ type: "tool_use", name: "Bash", input: { command: "for i in $(seq 100); do [ -e ../bg.txt ] && break; sleep 0.05; done; cat ../bg.txt" } }],
    ],
    dir,
    { args: sandboxed() },
  );
  expect(results.slice(0, 2)).toEqual([join(dir, "src"), join(dir, "src")]);
  expect(results[2]).toContain("Command running in background");
  expect(results[3]).toBe("bg");
  expect(existsSync(join(away, "bg.txt"))).toBe(false);
}, 60_000);

/** A Unix socket server at `path` that greets whoever connects, and the command that connects and prints the greeting. */
async function withSocket(path: string, use: (command: string) => Promise<void>): Promise<void> {
  const server = Bun.listen({ unix: path, socket: { open: (s) => void s.end("hello over the socket\n"), data: () => {} } });
  try {
    await use(`python3 -c "import socket; s = socket.socket(socket.AF_UNIX); s.connect('${path}'); print(s.recv(100).decode().strip())"`);
  } finally {
    server.stop(true);
  }
}

test.skipIf(!linux)("Unix sockets outside cannot be reached (a read-only mount does not stop connect), unless allowAllUnixSockets", async () => {
  const dir = shellProject();
  await withSocket(join(outside("socket"), "agent.sock"), async (command) => {
    const blocked = await runShellCalls([command, "git status --short | wc -l"], dir, { args: sandboxed() });
    expect(blocked.results[0]).toContain("Operation not permitted");
    expect(blocked.results[0]).toContain("sandbox.network.allowAllUnixSockets");
    expect(blocked.results[1]).toBe("0");
    const allowed = await runShellCalls([command], dir, { args: sandboxed({ sandbox: { network: { allowAllUnixSockets: true } } }) });
    expect(allowed.results[0]).toBe("hello over the socket");
  });
}, 60_000);

test.skipIf(!linux)("with a domain allowed, where the relay to the proxy uses Unix sockets itself, the command still cannot open one", async () => {
  const dir = shellProject();
  await withSocket(join(outside("relayed"), "daemon.sock"), async (command) => {
    const { results } = await runShellCalls([command], dir, { args: sandboxed({ sandbox: { network: { allowedDomains: ["localhost"] } } }) });
    expect(results[0]).toContain("Operation not permitted");
  });
}, 60_000);
