// Rules offered for "yes, and don't ask again", and the forms of a command deny rules are tested on.

import { basename, dirname, relative } from "node:path";
import { resolvePath } from "../fs/paths.ts";
import type { ShellAnalysis } from "./bash-readonly.ts";
import { EDIT_TOOLS, fieldsOf } from "./rules.ts";

// Programs whose first word after the name says what they do (`npm test`, `git push`).
const WITH_SUBCOMMAND = new Set(["npm", "pnpm", "yarn", "bun", "npx", "bunx", "cargo", "go", "git", "docker", "kubectl", "make", "pip", "pip3", "uv", "poetry", "dotnet", "mvn", "gradle", "deno", "gh"]);
// Subcommands that run a named script (`npm run test`): the script name belongs in the rule too.
const RUNS_SCRIPT = new Set(["run", "run-script", "exec", "x"]);
// Wrappers that run the command after them: a deny rule on `rm` must also catch `timeout 5 rm`.
const WRAPPERS = new Set(["env", "command", "nohup", "time", "nice", "exec", "sudo", "xargs", "timeout", "builtin"]);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

const words = (text: string) => text.trim().split(/\s+/).filter(Boolean);

/** The command without environment prefixes and wrapper programs in front of it. */
function bareCommand(text: string): string {
  const list = words(text);
  while (list.length > 0) {
    if (ASSIGNMENT.test(list[0]!)) list.shift();
    else if (WRAPPERS.has(list[0]!)) {
      list.shift();
      while (list.length > 0 && (list[0]!.startsWith("-") || /^\d+[smhd]?$/.test(list[0]!))) list.shift();
    } else break;
  }
  return list.join(" ");
}

/**
 * Every text a deny or ask rule is tested on: the whole command and each part, as written and as
 * the program gets it (`\rm`, `"rm"` and `/bin/rm` are all rm), bare of wrappers too.
 */
export function commandVariants(command: string, shell: ShellAnalysis): string[] {
  const texts = [command, ...shell.parts.map((p) => p.text)];
  for (const { argv } of shell.parts) {
    texts.push(argv.join(" "));
    if (argv[0]?.includes("/")) texts.push([basename(argv[0]), ...argv.slice(1)].join(" "));
  }
  return [...new Set([...texts, ...texts.map(bareCommand)])].filter(Boolean);
}

/** A prefix rule for one simple command: `Bash(npm run test:*)`, `Bash(touch:*)`. */
function shellPrefix(text: string): string {
  const list = words(bareCommand(text));
  const take = [list[0] ?? ""];
  if (WITH_SUBCOMMAND.has(take[0]!) && list[1] && !list[1].startsWith("-")) {
    take.push(list[1]);
    if (RUNS_SCRIPT.has(list[1]) && list[2] && !list[2].startsWith("-")) take.push(list[2]);
  }
  return `Bash(${take.join(" ")}:*)`;
}

/** The rules that would approve this call next time. */
export function suggestRules(toolName: string, input: unknown, shell: ShellAnalysis | undefined, projectDir: string): string[] {
  const fields = fieldsOf(input);
  if (toolName === "Bash") {
    if (!shell?.understood || typeof fields.command !== "string") return typeof fields.command === "string" ? [`Bash(${fields.command.trim()})`] : [];
    const asking = shell.parts.filter((p) => !p.readOnly);
    // A read-only command asks for what it reads (a secret, a place outside): only it, exactly, is offered.
    if (asking.length === 0) return [...new Set(shell.parts.map((p) => `Bash(${p.text})`))];
    return [...new Set(asking.map((p) => shellPrefix(p.text)))];
  }
  const path = fields.file_path ?? fields.notebook_path;
  if (EDIT_TOOLS.has(toolName) && typeof path === "string") {
    const dir = dirname(resolvePath(projectDir, path));
    const rel = relative(projectDir, dir);
    const glob = rel === "" ? "./**" : rel.startsWith("..") ? `/${dir}/**` : `./${rel}/**`;
    return [`Edit(${glob})`];
  }
  if (toolName === "WebFetch" && typeof fields.url === "string") {
    try {
      return [`WebFetch(domain:${new URL(fields.url).hostname})`];
    } catch {
      return [];
    }
  }
  return [toolName];
}
