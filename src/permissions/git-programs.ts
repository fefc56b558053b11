// Git settings whose value is a program git may start. One read-only looking command is enough:
// `git diff` runs diff.external, `git log -p` a textconv driver, `git status` core.fsmonitor and
// the clean filters. Only the repository's own configuration counts here (see repository.ts):
// the user's global and system files are the user's choice.

const BOOLEAN = /^(true|false|yes|no|on|off|1|0|)$/i;

type ProgramSetting = { key: RegExp; runs?: (value: string, key: string) => boolean; when: string };

// Keys are matched case-insensitively: git lowercases section and variable names, not subsections.
const PROGRAM_SETTINGS: ProgramSetting[] = [
  { key: /^diff\.external$/i, when: "git diff runs it to show every change" },
  { key: /^diff\..+\.(command|textconv)$/i, when: "git diff, log -p, show and blame run it on file contents" },
  { key: /^filter\..+\.(clean|smudge|process)$/i, when: "git status and git diff run it on files they compare" },
  // `true` starts git's own daemon; anything else is a hook or command to run.
  { key: /^core\.fsmonitor$/i, runs: (value) => !BOOLEAN.test(value), when: "git status, diff and ls-files run it" },
  { key: /^core\.pager$/i, runs: (value) => !/^(cat)?$/.test(value), when: "git pipes its output through it" },
  { key: /^pager\..+$/i, runs: (value) => !BOOLEAN.test(value) && value !== "cat", when: "git pipes that command's output through it" },
  { key: /^gpg(\..+)?\.program$/i, when: "git log and show run it to check signatures" },
  // A partial clone fetches a missing object as soon as log or show reads it: transports, proxies
  // and credential helpers run then.
  { key: /^core\.(sshcommand|gitproxy|askpass)$/i, when: "a fetch runs it, and reading a partial clone fetches" },
  { key: /^credential(\..+)?\.helper$/i, when: "a fetch runs it, and reading a partial clone fetches" },
  { key: /^remote\..+\.(uploadpack|receivepack|vcs)$/i, when: "a fetch runs it, and reading a partial clone fetches" },
  { key: /^remote\..+\.(url|pushurl)$/i, runs: (value) => /^[\w+.-]+::/.test(value), when: "the transport helper it names runs on a fetch" },
  { key: /^url\..*::.*\.(insteadof|pushinsteadof)$/i, when: "the transport helper it names runs on a fetch" },
  // Not started by the commands the analyser approves today, but programs all the same.
  { key: /^(core|sequence)\.editor$/i, when: "git opens files in it" },
  { key: /^merge\..+\.driver$/i, when: "git runs it to merge files" },
  { key: /^interactive\.difffilter$/i, when: "git runs diffs through it" },
  // alias.* is left out on purpose: an alias never replaces one of git's own commands, and only
  // those are approved.
];

/** Why git may run the program this setting names, or undefined when it names none. */
export function programSetting(key: string, value: string): string | undefined {
  const setting = PROGRAM_SETTINGS.find((s) => s.key.test(key));
  if (!setting || value.trim() === "" || (setting.runs && !setting.runs(value.trim(), key))) return undefined;
  return setting.when;
}

// Hooks that a command the analyser approves may trigger: `git status` rewrites the index
// (post-index-change); reference-transaction runs whenever a ref is touched.
export const READ_HOOKS = ["post-index-change", "reference-transaction"];
