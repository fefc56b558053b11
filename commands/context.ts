import { defineCommand } from "nanocode";

const k = (n: number) => (n >= 1000 ? `${(n / 1000).toFixed(1)}k` : String(n));

export default defineCommand({
  name: "context",
  description: "Show how the context window is used",
  async run(_args, ctx) {
    if (!ctx.session) return "No session: /context works inside a session.";
    const r = (await ctx.session()).context();
    const pct = (n: number) => `${((100 * n) / r.window).toFixed(1)}%`;
    const rows: [string, number][] = [...r.parts.map((p): [string, number] => [p.name, p.tokens])];
    const buffer = r.window - r.autoCompactAt;
    rows.push(["Free space", Math.max(0, r.window - r.used - (r.autoCompact ? buffer : 0))]);
    if (r.autoCompact) rows.push(["Auto-compact buffer", buffer]);
    const width = Math.max(...rows.map(([name]) => name.length)) + 2;
    // In the REPL: a bar of the window, one colour per part, free space dim, the compaction buffer grey.
    const s = ctx.ui?.style;
    const paints = s ? [s.magenta, s.cyan, s.yellow, s.blue, s.green, s.red] : [];
    const paintOf = (i: number, name: string) => (!s ? (t: string) => t : name === "Free space" ? s.dim : name === "Auto-compact buffer" ? s.gray : paints[i % paints.length]!);
    const cells = Math.max(20, Math.min(60, (ctx.ui?.columns ?? 80) - 20));
    const bar = rows.map(([name, tokens], i) => paintOf(i, name)((name === "Free space" ? "░" : "█").repeat(Math.round((tokens / r.window) * cells)))).join("");
    const mark = (i: number, name: string) => (s ? `${paintOf(i, name)(name === "Free space" ? "░" : "█")} ` : "");
    const lines = [
      ...(s ? [bar, ""] : []),
      `Context: ${r.model} · ${k(r.used)} / ${k(r.window)} tokens (${pct(r.used)})`,
      ...rows.map(([name, tokens], i) => `  ${mark(i, name)}${`${name}:`.padEnd(width)}${k(tokens).padStart(7)}  ${pct(tokens).padStart(6)}`),
    ];
    if (r.memoryFiles.length) lines.push("Memory files:", ...r.memoryFiles.map((f) => `  ${f.path}  ${k(f.tokens)}`));
    return lines.join("\n");
  },
});
