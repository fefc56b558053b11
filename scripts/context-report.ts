// `bun run scripts/context-report.ts`: what every request pays for before the conversation starts
// (static system prompt + tool definitions of the core tools), and the share of input read from
// the prompt cache in the 10-request scripted session of test/e2e/cache.test.ts.
import { currentEnvironment, systemPrompt } from "../src/context/system-prompt.ts";
import { diagnosticLine, formatDiagnostics } from "../src/lsp/diagnostics.ts";
import { LSP_TOOL } from "../src/lsp/query.ts";
import { loadRegistry } from "../src/registry/load.ts";
import { cacheShares } from "../test/support/cache-session.ts";

// Claude Code 2.1.328 sends about 19,200 characters of system prompt and tool definitions for these.
const CORE = ["Read", "Write", "Edit", "Bash", "Glob", "Grep", "TodoWrite"];
const CLAUDE_CODE_CHARS = 19_200;
const tokens = (chars: number) => Math.ceil(chars / 4);

const { registry } = await loadRegistry({ cwd: process.cwd(), trusted: false });
const names = registry.listTools().map((t) => t.tool.name);
const [staticBlock] = systemPrompt(currentEnvironment(process.cwd()));
const specs = registry.specs().filter((s) => CORE.includes(s.name));
const rows: [string, number][] = [["static system prompt", staticBlock!.text.length], ...specs.map((s): [string, number] => [`tool ${s.name}`, JSON.stringify(s).length])];
const total = rows.reduce((sum, [, chars]) => sum + chars, 0);
const missing = CORE.filter((name) => !names.includes(name));

console.log("| part | chars | ≈ tokens |\n| --- | --- | --- |");
for (const [part, chars] of rows) console.log(`| ${part} | ${chars} | ${tokens(chars)} |`);
console.log(`| **total** | **${total}** | **${tokens(total)}** |`);
console.log(`\n${((100 * total) / CLAUDE_CODE_CHARS).toFixed(0)}% of Claude Code 2.1.328's ${CLAUDE_CODE_CHARS} chars for the same tools${missing.length ? ` (not built yet: ${missing.join(", ")})` : ""}.`);

// The LSP tool is offered only where the project has a language server (src/cli/setup.ts); a session without one pays nothing for it.
const always = registry.specs().filter((s) => s.name !== LSP_TOOL);
const everything = staticBlock!.text.length + always.reduce((sum, s) => sum + JSON.stringify(s).length, 0);
console.log(`All ${always.length} built-in tools with the static prompt: ${everything} chars ≈ ${tokens(everything)} tokens (Claude Code 2.1.328: about 38,000 with its default tools).`);
const lspChars = JSON.stringify(registry.specs().find((s) => s.name === LSP_TOOL)).length;
const sample = { range: { start: { line: 11, character: 13 }, end: { line: 11, character: 17 } }, severity: 1, source: "typescript", code: 2322, message: "Type 'string' is not assignable to type 'number'." } as const;
const block = formatDiagnostics("/p", [{ uri: "file:///p/src/shapes.ts", now: [sample] }]);
console.log(`With a language server: the LSP tool adds ${lspChars} chars ≈ ${tokens(lspChars)} tokens; a diagnostics block after an edit costs ${block.length - diagnosticLine("/p", "file:///p/src/shapes.ts", sample).length} chars of frame plus one line per problem (${diagnosticLine("/p", "file:///p/src/shapes.ts", sample).length} chars for a typical TypeScript error), at most 20 errors and 5 warnings.`);

const shares = await cacheShares();
const later = shares.slice(1);
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
console.log(`\nPrompt cache, 10-request session: request 1 ${pct(shares[0]!)} read from cache; requests 2-10 min ${pct(Math.min(...later))}, mean ${pct(later.reduce((a, b) => a + b, 0) / later.length)}.`);
console.log(`Per request: ${shares.map(pct).join(" ")}`);
