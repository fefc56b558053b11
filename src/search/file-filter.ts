import { globBody } from "./glob-regex.ts";
import { IgnoreRules, type Verdict } from "./ignore-file.ts";

// ripgrep's file types for `type` (as `rg --type-list` defines them), for the built-in engine.
const TYPES: Record<string, string[]> = {
  asm: ["*.S", "*.asm", "*.s"],
  c: ["*.[chH]", "*.[chH].in", "*.cats"],
  clojure: ["*.clj", "*.cljc", "*.cljs", "*.cljx"],
  cmake: ["*.cmake", "CMakeLists.txt"],
  config: ["*.cfg", "*.conf", "*.config", "*.ini"],
  cpp: ["*.[ChH]", "*.[ChH].in", "*.[ch]pp", "*.[ch]pp.in", "*.[ch]xx", "*.[ch]xx.in", "*.cc", "*.cc.in", "*.hh", "*.hh.in", "*.inl"],
  cs: ["*.cs"],
  css: ["*.css", "*.scss"],
  csv: ["*.csv"],
  dart: ["*.dart"],
  docker: ["*Dockerfile*"],
  elixir: ["*.eex", "*.ex", "*.exs"],
  elm: ["*.elm"],
  erlang: ["*.erl", "*.hrl"],
  go: ["*.go"],
  gradle: ["*.gradle"],
  groovy: ["*.gradle", "*.groovy"],
  h: ["*.h", "*.hpp"],
  haskell: ["*.c2hs", "*.cpphs", "*.hs", "*.hsc", "*.lhs"],
  html: ["*.ejs", "*.htm", "*.html"],
  java: ["*.java", "*.jsp", "*.jspx", "*.properties"],
  jl: ["*.jl"],
  js: ["*.js", "*.jsx", "*.vue", "*.cjs", "*.mjs"],
  json: ["*.json", "composer.lock"],
  jsonl: ["*.jsonl"],
  julia: ["*.jl"],
  kotlin: ["*.kt", "*.kts"],
  less: ["*.less"],
  lua: ["*.lua"],
  make: ["*.mak", "*.mk", "[Gg][Nn][Uu]makefile", "[Mm]akefile", "[Mm]akefile.am", "[Mm]akefile.in"],
  markdown: ["*.markdown", "*.md", "*.mdown", "*.mkdn"],
  md: ["*.markdown", "*.md", "*.mdown", "*.mkdn"],
  nim: ["*.nim", "*.nimble", "*.nimf", "*.nims"],
  nix: ["*.nix"],
  ocaml: ["*.ml", "*.mli", "*.mll", "*.mly"],
  perl: ["*.PL", "*.perl", "*.pl", "*.plh", "*.plx", "*.pm", "*.t"],
  php: ["*.php", "*.php3", "*.php4", "*.php5", "*.phtml"],
  protobuf: ["*.proto"],
  py: ["*.py", "*.pyi"],
  r: ["*.R", "*.Rmd", "*.Rnw", "*.r"],
  rst: ["*.rst"],
  ruby: ["*.gemspec", "*.rb", "*.rbw", ".irbrc", "Gemfile", "Rakefile", "config.ru"],
  rust: ["*.rs"],
  sass: ["*.sass", "*.scss"],
  scala: ["*.sbt", "*.scala"],
  sh: ["*.bash", "*.bashrc", "*.csh", "*.ksh", "*.sh", "*.tcsh", "*.zsh", ".bash_profile", ".bashrc", ".profile", ".zprofile", ".zshenv", ".zshrc"],
  sql: ["*.psql", "*.sql"],
  swift: ["*.swift"],
  tex: ["*.bib", "*.cls", "*.dtx", "*.ins", "*.ltx", "*.sty", "*.tex"],
  tf: ["*.tf"],
  toml: ["*.toml", "Cargo.lock"],
  ts: ["*.ts", "*.tsx", "*.cts", "*.mts"],
  txt: ["*.txt"],
  vim: ["*.vim"],
  xml: ["*.dtd", "*.rng", "*.sch", "*.xhtml", "*.xjb", "*.xml", "*.xml.dist", "*.xsd", "*.xsl", "*.xslt"],
  yaml: ["*.yaml", "*.yml"],
  zig: ["*.zig"],
};

/** The `glob` input as Claude Code splits it: on whitespace, and on commas outside braces. */
export function splitGlobs(glob: string): string[] {
  return glob.split(/\s+/).filter(Boolean).flatMap((g) => (g.includes("{") ? [g] : g.split(",").filter(Boolean)));
}

/**
 * ripgrep's `--glob` overrides and `--type` as one filter over root-relative paths: a "!" glob
 * excludes, and once any plain glob is given a file must match one (folders are still entered).
 */
export function fileFilter(globs: string[], type: string | undefined): ((rel: string, isDir: boolean) => Verdict) | undefined {
  let typeRegex: RegExp | undefined;
  if (type) {
    const patterns = TYPES[type];
    if (!patterns) throw new Error(`unrecognized file type: ${type}`);
    typeRegex = new RegExp(`(?:^|/)(?:${patterns.map(globBody).join("|")})$`);
  }
  if (globs.length === 0 && !typeRegex) return undefined;
  // Overrides read as ignore rules with the sense flipped: a plain glob includes, "!glob" excludes.
  const flipped = new IgnoreRules(globs.map((g) => (g.startsWith("!") ? g.slice(1) : `!${g}`)));
  const whitelist = globs.some((g) => !g.startsWith("!"));
  return (rel, isDir) => {
    const verdict = flipped.verdict(rel, isDir);
    if (isDir || verdict === "ignore") return verdict;
    if (whitelist && verdict !== "include") return "ignore";
    // A type narrows what the ignore files let through; it never brings an ignored file back.
    if (typeRegex && !typeRegex.test(rel)) return "ignore";
    return verdict;
  };
}
