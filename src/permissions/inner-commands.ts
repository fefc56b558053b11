// Commands a part of a shell command runs through another program: `find . -exec rm {} +`,
// `sudo rm`, `sh -c 'rm x'`, `eval rm x`. Deny and ask rules must see them as bash will run them,
// in every mode: a deny rule on rm that `stdbuf -o0 rm` slips past binds nothing.

import { basename } from "node:path";
import { analyseCommand, type ShellAnalysis, type ShellPart } from "./bash-readonly.ts";
import { commandVariants } from "./suggest.ts";

// Programs that run the command their arguments name, after options and values of their own.
const RUNNERS = new Set([
  ...["env", "command", "builtin", "exec", "time", "nohup", "nice", "ionice", "timeout", "stdbuf", "setsid", "taskset", "chrt", "flock", "watch", "unbuffer"],
  ...["sudo", "doas", "runuser", "chroot", "unshare", "nsenter", "systemd-run", "firejail", "xargs", "parallel", "busybox", "strace", "ltrace", "valgrind", "caffeinate"],
]);
// Programs that read their command as shell text: `sh -c TEXT`, `su -c TEXT`, `eval WORDS`.
const SHELLS = new Set(["sh", "bash", "zsh", "dash", "ksh", "mksh", "ash", "fish", "su"]);
// find runs the words after these up to `;` or `+`.
const FIND_ACTIONS = new Set(["-exec", "-execdir", "-ok", "-okdir"]);
const DEPTH = 4;

export type InnerCommands = {
  /** Each command text a rule is tested on. */
  texts: string[];
  /** Why some inner command cannot be read (a word only the shell knows, a shell text that does not parse). */
  unreadable?: string;
};

/** The commands the parts of `shell` run through other programs, each in the forms rules are tested on. */
export async function innerCommands(shell: ShellAnalysis, cwd: string, depth = 0): Promise<InnerCommands> {
  const found: InnerCommands = { texts: [] };
  for (const part of shell.parts) await collect(part, part.argv, cwd, depth, found);
  return found;
}

async function collect(part: ShellPart, argv: string[], cwd: string, depth: number, found: InnerCommands): Promise<void> {
  const program = basename(argv[0] ?? "");
  const runner = RUNNERS.has(program) || SHELLS.has(program) || program === "eval" || program === "find";
  if (!runner) return;
  if (part.dynamic) {
    found.unreadable ??= `${program} runs a command with words only the shell knows`;
    return;
  }
  if (program === "command" && /^-[vV]$/.test(argv[1] ?? "")) return;
  const script = shellText(program, argv);
  if (script !== undefined) return analyse(script, cwd, depth, found);
  for (const words of commandsRun(program, argv)) {
    // Every tail is a candidate: which word starts the command depends on the runner's own options.
    for (let i = 0; i < words.length; i++) {
      const inner = basename(words[i]!);
      found.texts.push(words.slice(i).join(" "), [inner, ...words.slice(i + 1)].join(" "));
      if (i > 0 && (SHELLS.has(inner) || inner === "eval" || RUNNERS.has(inner)) && depth < DEPTH) await collect(part, words.slice(i), cwd, depth + 1, found);
    }
  }
}

/** The shell text a command runs through `sh -c`, `eval`, or a runner in front of them (`sudo sh -c`), if any. */
export function shellTextIn(argv: string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const text = shellText(basename(argv[i]!), argv.slice(i));
    if (text !== undefined) return text;
  }
  return undefined;
}

/** The shell text `sh -c TEXT` or `eval WORDS` runs; undefined for other programs and shells running a file. */
function shellText(program: string, argv: string[]): string | undefined {
  if (program === "eval") return argv.slice(1).join(" ");
  if (!SHELLS.has(program)) return undefined;
  const option = argv.findIndex((w, i) => i > 0 && /^-[a-zA-Z]*c[a-zA-Z]*$/.test(w));
  return option === -1 ? undefined : (argv[option + 1] ?? "");
}

/** The word lists a runner runs: after -exec … ; for find, everything after the program's name otherwise. */
function commandsRun(program: string, argv: string[]): string[][] {
  if (program !== "find") return [argv.slice(1)];
  const commands: string[][] = [];
  argv.forEach((word, i) => {
    if (!FIND_ACTIONS.has(word)) return;
    const end = argv.findIndex((w, j) => j > i && (w === ";" || w === "+"));
    commands.push(argv.slice(i + 1, end === -1 ? undefined : end));
  });
  return commands;
}

async function analyse(script: string, cwd: string, depth: number, found: InnerCommands): Promise<void> {
  if (depth >= DEPTH) {
    found.unreadable ??= "shell text nests too deep to be read";
    return;
  }
  const inner = await analyseCommand(script, cwd);
  const unnamed = inner.parts.find((p) => p.program === undefined);
  if (!inner.understood || unnamed) found.unreadable ??= `the shell text ${JSON.stringify(script.slice(0, 40))} cannot be read with certainty (${unnamed ? `the program ${unnamed.argv[0]} is not fixed text` : (inner.why ?? "not analysed")})`;
  found.texts.push(...commandVariants(script, inner));
  const deeper = await innerCommands(inner, cwd, depth + 1);
  found.texts.push(...deeper.texts);
  if (deeper.unreadable) found.unreadable ??= deeper.unreadable;
}
