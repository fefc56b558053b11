// SqliteQuery: lets the model inspect a SQLite database (schema and data) without a shell.
// Copy this file into ~/.nanocode/tools/ or <project>/.nanocode/tools/; it needs no node_modules.
import { Database } from "bun:sqlite";
import { defineTool, resolvePath, v } from "nanocode";

const MAX_ROWS = 200;

/** A plain-text table, columns aligned, long cells cut. */
function table(rows: Record<string, unknown>[]): string {
  if (rows.length === 0) return "(no rows)";
  const columns = Object.keys(rows[0]!);
  const cell = (x: unknown) => {
    const s = x === null ? "NULL" : x instanceof Uint8Array ? `<${x.length} bytes>` : String(x);
    return s.length > 80 ? `${s.slice(0, 79)}…` : s;
  };
  const cells = rows.map((r) => columns.map((c) => cell(r[c])));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i]!.length)));
  const line = (values: string[]) => values.map((x, i) => x.padEnd(widths[i]!)).join(" | ").trimEnd();
  return [line(columns), widths.map((w) => "-".repeat(w)).join("-|-"), ...cells.map(line)].join("\n");
}

export default defineTool({
  name: "SqliteQuery",
  description:
    "Run a read-only SQL query against a SQLite database file and get the rows as a table (at most 200). Leave `sql` out to get the database's schema. Writes are refused: the file is opened read-only.",
  input: v.object({
    database: v.pipe(v.string(), v.description("Path of the .sqlite/.db file")),
    sql: v.optional(v.pipe(v.string(), v.description("One SELECT (or PRAGMA) statement; omit to see the schema"))),
  }),
  readOnly: true,
  run({ database, sql }, ctx) {
    const path = resolvePath(ctx.cwd, database);
    if (!Bun.file(path).size) return { content: `No database at ${path}`, isError: true };
    const db = new Database(path, { readonly: true });
    try {
      if (!sql) {
        const schema = db.query<{ sql: string }, []>("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type, name").all();
        return schema.map((r) => `${r.sql};`).join("\n") || "(empty database)";
      }
      const rows = db.query<Record<string, unknown>, []>(sql).all();
      const shown = table(rows.slice(0, MAX_ROWS));
      return rows.length > MAX_ROWS ? `${shown}\n(${rows.length - MAX_ROWS} more rows not shown: add a LIMIT or a WHERE)` : shown;
    } catch (error) {
      return { content: `SQLite error: ${(error as Error).message}`, isError: true };
    } finally {
      db.close();
    }
  },
});
