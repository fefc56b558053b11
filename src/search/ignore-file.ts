import { readConfigText } from "../fs/fs-error.ts";
import { gitignoreRegex } from "./glob-regex.ts";

type Rule = { regex: RegExp; onName: boolean; negate: boolean; dirOnly: boolean };

/** One regex for several rules, or undefined when there are none. */
const either = (rules: Rule[]) => (rules.length ? new RegExp(rules.map((r) => r.regex.source).join("|")) : undefined);

export type Verdict = "ignore" | "include" | undefined;

/**
 * The rules of one ignore file (.gitignore, .ignore, .rgignore, .git/info/exclude) or of a list
 * of ripgrep `--glob` overrides. The last matching rule decides; a "!" rule re-includes.
 */
export class IgnoreRules {
  private readonly rules: Rule[];
  /** Without "!" rules the answer is two regex tests (name, path): the common case, kept fast. */
  private readonly fast?: { file: [RegExp?, RegExp?]; dir: [RegExp?, RegExp?] };

  constructor(lines: string[]) {
    this.rules = [];
    for (let line of lines) {
      line = line.replace(/(?<!\\)\s+$/, "");
      if (line === "" || line.startsWith("#")) continue;
      const negate = line.startsWith("!");
      if (negate) line = line.slice(1);
      else if (line.startsWith("\\!") || line.startsWith("\\#")) line = line.slice(1);
      const dirOnly = line.endsWith("/");
      if (dirOnly) line = line.slice(0, -1);
      if (line === "") continue;
      this.rules.push({ ...gitignoreRegex(line), negate, dirOnly });
    }
    if (this.rules.every((r) => !r.negate)) {
      const split = (rules: Rule[]): [RegExp?, RegExp?] => [either(rules.filter((r) => r.onName)), either(rules.filter((r) => !r.onName))];
      this.fast = { file: split(this.rules.filter((r) => !r.dirOnly)), dir: split(this.rules) };
    }
  }

  /** The rules of an ignore file; none when it is absent or unreadable (a FIFO planted as .gitignore must not stop a search). */
  static load(path: string): IgnoreRules | undefined {
    const file = readConfigText(path);
    if (!("text" in file)) return undefined;
    const rules = new IgnoreRules(file.text.split(/\r?\n/));
    return rules.size ? rules : undefined;
  }

  get size(): number {
    return this.rules.length;
  }

  /** What these rules say of `path` (relative to their base), or undefined when none matches. */
  verdict(path: string, isDir: boolean): Verdict {
    const name = path.slice(path.lastIndexOf("/") + 1);
    if (this.fast) {
      const [onName, onPath] = isDir ? this.fast.dir : this.fast.file;
      return onName?.test(name) || onPath?.test(path) ? "ignore" : undefined;
    }
    for (let i = this.rules.length - 1; i >= 0; i--) {
      const rule = this.rules[i]!;
      if (rule.dirOnly && !isDir) continue;
      if (rule.regex.test(rule.onName ? name : path)) return rule.negate ? "include" : "ignore";
    }
    return undefined;
  }
}
