// Read-only is not harmless: reads outside the working directories, known secret locations,
// environment variables and network file names ask, through the analysis and the engine.
import { expect, test } from "bun:test";
import { symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { analyseCommand } from "../../src/permissions/bash-readonly.ts";
import { secretReason } from "../../src/permissions/secret-paths.ts";
import { corpus } from "../support/corpus.ts";
import { secretHome, secretProject } from "../support/secret-project.ts";
import { shellProject } from "../support/shell-calls.ts";
import { put, tempDir } from "../support/tmp.ts";
import { SECRET_ATTACKS } from "./cases/attacks-secrets.ts";
import { HARMLESS } from "./cases/shell-harmless.ts";
import { Bash, decide, engine } from "./engine-support.ts";

const home = secretHome();
const secrets = secretProject(home);

for (const [kind, commands] of Object.entries(SECRET_ATTACKS)) {
  test(`asks, and in print mode is denied: ${kind}`, async () => {
    const { engine: e } = engine({}, "default", { projectDir: secrets });
    const approved = [];
    for (const command of commands) if ((await decide(e, Bash, { command })) === "allow") approved.push(command);
    expect(approved).toEqual([]);
  });
}

test("the harmless list and the corpus yes-list still run without asking in a project without secrets", async () => {
  const { engine: e } = engine({}, "default", { projectDir: shellProject() });
  const asked = [];
  for (const command of [...HARMLESS, ...corpus("bash-readonly-yes.txt")]) if ((await decide(e, Bash, { command })) !== "allow") asked.push(command);
  expect(asked).toEqual([]);
});

test("the reason names the variable, the secret or the folder outside", async () => {
  const { engine: e } = engine({}, "default", { projectDir: secrets });
  expect(await decide(e, Bash, { command: "echo $TOKEN" })).toContain("it expands $TOKEN, which may hold a secret");
  expect(await decide(e, Bash, { command: "printenv" })).toContain("it prints every environment variable");
  // What would approve it next time is the exact command, part by part, never a prefix rule for cat.
  expect(await decide(e, Bash, { command: "cat ~/.netrc | head -1" })).toContain('--allowedTools "Bash(cat ~/.netrc),Bash(head -1)"');
  expect(await decide(e, Bash, { command: "cat keys/id_rsa" })).toContain(`it reads ${join(secrets, "keys/id_rsa")}, a known place of an ssh key`);
  expect(await decide(e, Bash, { command: "cat /etc/hostname" })).toContain(`it reads /etc/hostname, outside the working directories (${secrets})`);
  expect(await decide(e, Bash, { command: "grep -r x config" })).toContain(`it walks ${join(secrets, "config")}: it reads ${join(secrets, "config/.env")}`);
  expect(await decide(e, Bash, { command: "cat .e*" })).toContain("its glob .e* picks .env: it reads");
  expect(await decide(e, Bash, { command: "cat $(echo x)" })).toContain("it reads a path only the shell knows");
  expect(await decide(e, Bash, { command: "awk 1 /inet/tcp/0/h/80" })).toContain("gawk connects to the network");
  expect(await decide(e, Bash, { command: "cat /dev/tcp/127.0.0.1/80" })).toContain("names a network connection");
});

test("what stays approved: names only, hidden files rg skips, devices, safe variables, added directories, a rule's word", async () => {
  const added = tempDir();
  writeFileSync(join(added, "notes.md"), "x\n");
  const { engine: e } = engine({ allow: ["Bash(cat ~/.gitconfig)"] }, "default", { projectDir: secrets, additionalDirectories: [added] });
  for (const command of ["ls -la", "ls -R", "find . -name '*.ts'", "du -sh .", "stat README.md", "tree", "rg -n TODO src", "rg foo sub", "cat .env.example", "cat README.md src/*.ts", "git diff", "git log -p", "git status"]) {
    expect([command, await decide(e, Bash, { command })]).toEqual([command, "allow"]);
  }
  for (const command of ["cat /dev/null", "head -c 8 /dev/urandom | xxd", "grep x file.txt < /dev/null", "echo $HOME $USER $PATH $PWD $LANG $LC_ALL $? $1 $@", "printenv PATH HOME", "git config --list", `cat ${added}/notes.md`, "cat ~/.gitconfig"]) {
    expect([command, await decide(e, Bash, { command })]).toEqual([command, "allow"]);
  }
  // A read-only part the rule does not name is still judged.
  expect(await decide(e, Bash, { command: "cat ~/.gitconfig; cat ~/.ssh/id_rsa" })).toContain("deny");
});

test("the analysis reports every variable it expands: words, here-documents, redirections, assignments, tests", async () => {
  const variables = async (command: string) => (await analyseCommand(command, "/p")).variables;
  expect(await variables('echo $A "${B}" \'$NOT\'')).toEqual(["A", "B"]);
  expect(await variables("cat <<EOF\n$C and ${D}\nEOF")).toEqual(["C", "D"]);
  expect(await variables("cat <<'EOF'\n$QUOTED\nEOF")).toEqual([]);
  expect(await variables("cat < $E")).toEqual(["E"]);
  expect(await variables("LANG=$F sort x")).toEqual(["F"]);
  expect(await variables('[ "$G" = x ]')).toEqual(["G"]);
  expect(await variables("echo $(echo $H)")).toEqual(["H"]);
  expect(await variables("printenv I J")).toEqual(["I", "J"]);
  expect(await variables("env")).toEqual(["*"]);
  expect(await variables("find . -exec printenv K \\;")).toEqual(["K"]);
});

test("a glob turns into an option only when a name it picks starts with a dash", async () => {
  const dir = tempDir();
  writeFileSync(join(dir, "a.txt"), "a\n");
  expect((await analyseCommand("sort *", dir)).readOnly).toBe(true);
  expect((await analyseCommand("file *", dir)).readOnly).toBe(true);
  writeFileSync(join(dir, "-ofoo"), "");
  expect((await analyseCommand("sort *", dir)).readOnly).toBe(false);
  expect((await analyseCommand("file *", dir)).readOnly).toBe(false);
  expect((await analyseCommand("sort *.txt", dir)).readOnly).toBe(true);
});

test("secret locations: keys, credentials, .env files but not their templates, histories, process memory", () => {
  for (const path of ["/h/.ssh/known_hosts", "/p/id_ed25519.pub", "/p/certs/a.pem", "/p/.env.production", "/h/.config/gh/hosts.yml", "/h/.cargo/credentials", "/p/HEAD:.env", "/proc/self/environ", "/proc/12/task/3/mem", "/etc/shadow", "/h/.local/share/fish/fish_history", "/h/Library/Keychains/login.keychain-db"]) {
    expect([path, secretReason(path) !== undefined]).toEqual([path, true]);
  }
  for (const path of ["/p/.env.example", "/p/src/credentials.ts", "/p/environment.ts", "/p/.config/app.json", "/proc/self/cmdline", "/p/keys.md", "/p/src/shadow/x.ts", "/p/history.md"]) {
    expect([path, secretReason(path)]).toEqual([path, undefined]);
  }
});

test("a walk is checked below the folder it starts in, installed packages and git's store left out", async () => {
  const dir = tempDir();
  put(join(dir, "node_modules/pkg/test/key.pem"), "x");
  put(join(dir, ".git/x.key"), "x");
  put(join(dir, "src/a.ts"), "x");
  const { engine: e } = engine({}, "default", { projectDir: dir });
  expect(await decide(e, Bash, { command: "grep -r x ." })).toBe("allow");
  expect(await decide(e, Bash, { command: "grep -r x node_modules/pkg" })).toContain("key.pem, a known place of a key");
  put(join(dir, "src/deep/er/still/.env"), "x");
  expect(await decide(e, Bash, { command: "grep -r x src" })).toContain("still/.env, a known place");
  expect(await decide(e, Bash, { command: "cat src/a.ts" })).toBe("allow");
});

test("links that lead out of the working directories: picked by a glob, or met by a walk that opens what it finds", async () => {
  const dir = tempDir();
  const outside = tempDir();
  put(join(outside, "passwd"), "x");
  put(join(dir, "src/a.ts"), "x");
  symlinkSync(outside, join(dir, "etc"));
  const { engine: e } = engine({}, "default", { projectDir: dir });
  expect(await decide(e, Bash, { command: "cat */passwd" })).toContain(`its glob */passwd picks etc: it reads ${join(dir, "etc")} (${outside}), outside the working directories`);
  expect(await decide(e, Bash, { command: "find . -exec cat {} +" })).toContain(`it walks ${dir}: it reads ${join(dir, "etc")}`);
  expect(await decide(e, Bash, { command: "cat src/*" })).toBe("allow");
  expect(await decide(e, Bash, { command: "find src -exec cat {} +" })).toBe("allow");
  // Listing names follows nothing: the link's name is all it shows.
  expect(await decide(e, Bash, { command: "find . -name '*.ts'" })).toBe("allow");
});
