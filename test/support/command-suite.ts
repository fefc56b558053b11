// A command suite shaped like the ones people publish (hundreds of Markdown commands in nested
// folders, frontmatter written by hand): written by the test rather than committed file by file.

const CATEGORIES = ["dev", "ops", "git", "docs", "test", "security", "data", "frontend", "backend", "release"];
const FOLDERS = ["", "advanced", "legacy/v1"];
const VERBS = ["review", "fix", "explain", "refactor", "audit", "generate", "check", "migrate", "optimize", "document", "scaffold"];

/** The frontmatter styles seen in published suites, one per command in turn. */
const STYLES: ((name: string) => string)[] = [
  (name) => `# ${name}\n\nDo the ${name} task for $ARGUMENTS.\n`,
  (name) => `---\ndescription: ${name}: checks everything. This includes: (1) the code, (2) the tests\n---\nRun ${name}.\n`,
  (name) => `---\ndescription: ${name} one file\nargument-hint: [file] [line]\n---\nLook at $1 around line $2.\n`,
  (name) => `---\nallowed-tools:\n  - Bash(git diff:*)\n  - Read\nmodel: haiku\ndescription: "${name} the diff"\n---\nDiff: the current changes.\n`,
  (name) => `---\ndescription: {{placeholder}} for ${name}\nargument-hint: {{args}}\n---\nTemplate for ${name}.\n`,
  (name) => `---\ndescription: '${name}, quoted'\nargument-hint: "<pr-number> [priority]"\n---\nPR $ARGUMENTS.\n`,
  (name) => `---\r\ndescription: ${name} (written on Windows): yes\r\nargument-hint: [target]\r\n---\r\nWindows $ARGUMENTS.\r\n`,
  (name) => `---\ndescription: ${name} for issue #123\nallowed-tools:\nargument-hint:\n---\nIssue $ARGUMENTS.\n`,
];

/** The files (paths under commands/) and the names Claude Code gives them: path without .md, folders joined by ':'. */
export function commandSuite(): { files: Record<string, string>; names: string[] } {
  const files: Record<string, string> = {};
  let n = 0;
  for (const category of CATEGORIES) {
    for (const folder of FOLDERS) {
      for (const verb of VERBS) {
        const path = [category, folder, `${verb}-${category}.md`].filter(Boolean).join("/");
        files[path] = STYLES[n++ % STYLES.length]!(`${verb} ${category}`);
      }
    }
    files[`${category}/README.md`] = `# ${category} commands\n\nThe commands of this folder.\n`;
  }
  files["README.md"] = "# Command suite\n\nInstall by copying into .claude/commands/.\n";
  files["plan.md"] = "---\ndescription: our own planning ritual\nargument-hint: [goal]\n---\nPLAN_COMMAND_MARKER Plan $ARGUMENTS step by step.\n";
  const names = Object.keys(files).map((path) => path.slice(0, -3).replaceAll("/", ":"));
  // Not commands: hidden folders and files that are not Markdown.
  files[".archive/old-review.md"] = "---\ndescription: archived\n---\nold\n";
  files["dev/scripts/helper.sh"] = "#!/bin/sh\necho helper\n";
  return { files, names };
}
