import { defineCommand } from "nanocode";

const PROMPT = `Analyse this codebase and write a NANOCODE.md file at its root: the guide a new agent session reads first.

Find out, by looking (README, package manifests, build and CI files, the main source folders, existing CLAUDE.md / AGENTS.md / .cursorrules / .github/copilot-instructions.md):
1. The commands to build, lint, type-check and test, including how to run a single test.
2. The architecture at a high level: the main parts, where they live, and how a request or change flows through them; the conventions that take reading several files to see.
3. Code style and rules that are not obvious from a single file.

Write it concisely, for an agent that can read the code itself: no generic advice, no list of every file, nothing invented. If a NANOCODE.md (or CLAUDE.md) exists, improve it rather than replacing what is still right. Start the file with:

# NANOCODE.md

This file guides nanocode (and other coding agents) working in this repository.`;

export default defineCommand({
  name: "init",
  description: "Analyse the codebase and write NANOCODE.md, the guide every session reads",
  run(args) {
    return { prompt: args.trim() ? `${PROMPT}\n\nAlso: ${args.trim()}` : PROMPT };
  },
});
