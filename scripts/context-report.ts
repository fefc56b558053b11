// `bun run scripts/context-report.ts`: what every request pays for before the conversation starts
// (static system prompt + tool definitions of the core tools), and the share of input read from
// the prompt cache in the 10-request scripted session of test/e2e/cache.test.ts.
import { currentEnvironment, systemPrompt } from "../src/context/system-prompt.ts";
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

const everything = staticBlock!.text.length + registry.specs().reduce((sum, s) => sum + JSON.stringify(s).length, 0);
console.log(`All ${registry.specs().length} built-in tools with the static prompt: ${everything} chars ≈ ${tokens(everything)} tokens (Claude Code 2.1.328: about 38,000 with its default tools).`);

const shares = await cacheShares();
const later = shares.slice(1);
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
console.log(`\nPrompt cache, 10-request session: request 1 ${pct(shares[0]!)} read from cache; requests 2-10 min ${pct(Math.min(...later))}, mean ${pct(later.reduce((a, b) => a + b, 0) / later.length)}.`);
console.log(`Per request: ${shares.map(pct).join(" ")}`);
