// The allowlist: programs that only read, each with the options known to keep it that way.
// A program or option missing here is not forbidden: it means "ask".

import { checkGit } from "./git.ts";
import { type ArgsVerdict, optionValues, type ProgramSpec, parseArgs } from "./options.ts";
import { AWK_NETWORK, awkNamesFiles, awkProgramWhy, checkFind, sedScriptWhy } from "./scripts.ts";
import { testArgsWhy } from "./test-command.ts";
import { checkXargs } from "./xargs.ts";
import type { Word } from "./words.ts";

type Program = ProgramSpec | ((args: Word[]) => ArgsVerdict);

const GREP: ProgramSpec = {
  short: "EFGPiywxzsvVbnHhoqaIrRlLcTUZ",
  // -d/-D and --directories are left out: `-d recurse` would walk folders unseen.
  shortValue: "efmABC",
  numeric: true,
  long:
    "extended-regexp fixed-strings basic-regexp perl-regexp regexp= file= ignore-case no-ignore-case word-regexp line-regexp null-data no-messages invert-match version help max-count= byte-offset line-number no-line-number line-buffered with-filename no-filename label= only-matching quiet silent binary-files= text recursive dereference-recursive include= exclude= exclude-from= exclude-dir= files-without-match files-with-matches count initial-tab null before-context= after-context= context= color? colour? group-separator= no-group-separator",
  patternFirst: "-e -f --regexp --file",
  recurse: "-r -R --recursive --dereference-recursive",
  follows: "-R --dereference-recursive",
  walksCwd: "recursing",
  anyWords: true,
};

// `-z`/`--search-zip` and `--pre` run other programs on the files: left out.
const RG: ProgramSpec = {
  short: "iIsSwxvFnNlcHhLuUoqaPb0p.",
  shortValue: "ABCmefgtTjMErd",
  long:
    "files type-list hidden no-hidden no-ignore no-ignore-vcs no-ignore-parent no-ignore-dot no-ignore-global no-ignore-exclude no-config glob= iglob= type= type-not= type-add= count count-matches files-with-matches files-without-match line-number no-line-number column no-column heading no-heading with-filename no-filename max-count= max-depth= maxdepth= max-filesize= context= before-context= after-context= ignore-case smart-case case-sensitive fixed-strings word-regexp line-regexp invert-match only-matching quiet json color= colors= sort= sortr= follow multiline multiline-dotall pcre2 regexp= file= replace= trim vimgrep stats null text unrestricted no-messages passthru max-columns= max-columns-preview encoding= engine= line-buffered block-buffered debug version help byte-offset pretty context-separator= field-match-separator= field-context-separator= path-separator= null-data one-file-system crlf no-unicode binary ignore-file= ignore-file-case-insensitive",
  operands: "tree",
  follows: "-L --follow",
  walksCwd: "always",
  showsHidden: "--hidden -. -u --unrestricted",
  // `rg --files` and `rg --type-list` take no pattern; otherwise the first operand is one.
  patternFirst: "-e -f --regexp --file --files --type-list",
};

const LS: ProgramSpec = {
  short: "aAbBcCdDfFgGhHiklLmnNopqQrRsStuUvxXZ1",
  shortValue: "ITw",
  long: "all almost-all author escape block-size= ignore-backups color? directory dired classify? file-type format= full-time group-directories-first no-group human-readable si dereference-command-line dereference-command-line-symlink-to-dir hide= hyperlink? indicator-style= inode ignore= dereference numeric-uid-gid literal hide-control-chars show-control-chars quote-name quoting-style= reverse recursive size sort= time= time-style= tabsize= width= context zero help version",
  recurse: "-R --recursive",
  follows: "-L --dereference",
  walksCwd: "always",
  anyWords: true,
  namesOnly: true,
};

const HEAD: ProgramSpec = { short: "qvz", shortValue: "nc", numeric: true, long: "lines= bytes= quiet silent verbose zero-terminated help version", anyWords: true };
// `tail -f` waits for more lines until the command's timeout: slow, but it only reads.
const TAIL: ProgramSpec = { ...HEAD, short: "qvzfF", shortValue: "ncs", long: `${HEAD.long} follow? retry pid= sleep-interval= max-unchanged-stats=` };
const CAT: ProgramSpec = { short: "AbeEnstTuv", long: "show-all number-nonblank show-ends number squeeze-blank show-tabs show-nonprinting help version", anyWords: true };
const WC: ProgramSpec = { short: "clmwL", long: "bytes chars lines words max-line-length files0-from= total= help version", listsFiles: "--files0-from", anyWords: true };
const NONE: ProgramSpec = { operands: "none", anyWords: true, noOptions: true };
const VERSION_ONLY: ProgramSpec = { long: "version help", maxOperands: 0 };
const NPM_LS: ProgramSpec = { short: "aglp", shortValue: "w", long: "all depth= global json long parseable link omit= include= package-lock-only unicode production dev workspace= workspaces", operands: "none" };

function checkTest(args: Word[]): ArgsVerdict {
  const why = testArgsWhy(args);
  return why ? { ok: false, why } : parseArgs("test", NONE, args);
}

/** A program run with exactly one of these flags, which only print. */
function versionOnly(flags: string): (args: Word[]) => ArgsVerdict {
  return (args) => {
    if (args.length === 1 && flags.split(" ").includes(args[0]!.value ?? "")) return { ok: true, reads: [] };
    return { ok: false, why: `only ${flags.split(" ").join(", ")} alone is known to be read-only` };
  };
}
const SUMS: ProgramSpec = { short: "bctwz", long: "binary check tag text zero ignore-missing quiet status strict warn help version", listsFiles: "-c --check", anyWords: true };

// `-T dir` (a folder for temporary files) is left out: sort writes there when the input is large.
const SORT: ProgramSpec = {
  short: "bdfgiMhnRrVcCmsuz",
  shortValue: "kSt",
  long: "ignore-leading-blanks dictionary-order ignore-case general-numeric-sort ignore-nonprinting month-sort human-numeric-sort numeric-sort random-sort reverse sort= version-sort batch-size= check? debug files0-from= key= merge buffer-size= field-separator= parallel= stable unique zero-terminated help version",
  listsFiles: "--files0-from",
};

// `-l` is left out: GNU reads a value after it, BSD sed none, so the words after it would mean
// different things (`sed -l -i '' s/a/b/ f` edits f on macOS).
const SED: ProgramSpec = {
  short: "nErsuz",
  shortValue: "e",
  long: "quiet silent expression= regexp-extended separate unbuffered null-data line-length= posix debug sandbox help version",
  patternFirst: "-e --expression",
  check: (parsed) => {
    const scripts = optionValues(parsed, "-e", "--expression");
    if (scripts.length === 0 && parsed.operands[0]) scripts.push(parsed.operands[0]);
    for (const script of scripts) {
      if (script?.value === undefined) return "the script is not fixed text";
      const why = sedScriptWhy(script.value);
      if (why) return why;
    }
    return undefined;
  },
};

const AWK: ProgramSpec = {
  shortValue: "Fv",
  patternFirst: "",
  check: (parsed) => {
    const program = parsed.operands[0];
    if (program?.value === undefined) return "the program is not fixed text";
    const network = parsed.operands.slice(1).find((w) => w.value !== undefined && AWK_NETWORK.test(w.value));
    return awkProgramWhy(program.value) ?? (network ? `gawk connects to the network for ${network.text}` : undefined);
  },
  namesFilesItself: (parsed) => awkNamesFiles(parsed.operands[0]?.value ?? ""),
};

// `-L dir` and `import "./x" as $x` in a filter (or a filter file) read JSON from other files.
const JQ: ProgramSpec = {
  short: "nrjacsSCMeRh",
  shortValue: "f",
  long: "null-input raw-input slurp compact-output raw-output raw-output0 join-output ascii-output sort-keys color-output monochrome-output tab indent= unbuffered stream stream-errors seq exit-status arg= argjson= slurpfile= rawfile= args jsonargs from-file= help version",
  patternFirst: "-f --from-file",
  listsFiles: "-f --from-file",
  check: (parsed) => {
    if (["--arg", "--argjson", "--slurpfile", "--rawfile"].some((o) => parsed.options.has(o))) return "jq --arg style options are not analysed";
    const filter = parsed.options.has("-f") || parsed.options.has("--from-file") ? undefined : parsed.operands[0];
    if (filter && (filter.value === undefined || /\b(import|include)\b/.test(filter.value))) return "the filter may load modules from files";
    // `env` and `$ENV` are the environment, secrets included.
    return filter?.value && /\$ENV|\benv\b/.test(filter.value) ? "the filter reads environment variables" : undefined;
  },
};

// `ps e` (and BSD `-E`) prints each process's environment, this session's secrets included.
const PS_ENVIRONMENT = /^[^-]*e|^-[A-Za-z]*E/;
const PS_VALUE = /^-[A-Za-z]*[oOpquUCgGt]$|^--(format|pid|ppid|user|group|sort|cols|columns|rows)$/;

function checkPs(args: Word[]): ArgsVerdict {
  for (const [i, word] of args.entries()) {
    if (i > 0 && PS_VALUE.test(args[i - 1]!.value ?? "")) continue;
    if (word.value === undefined || PS_ENVIRONMENT.test(word.value)) return { ok: false, why: `ps ${word.text} may print the environment of processes` };
  }
  return { ok: true, reads: [] };
}

const PRINTENV: ProgramSpec = { short: "0", long: "null help version", operands: "none" };

export const PROGRAMS: Record<string, Program> = {
  ls: LS,
  dir: LS,
  pwd: { short: "LP", maxOperands: 0 },
  cat: CAT,
  head: HEAD,
  tail: TAIL,
  wc: WC,
  grep: GREP,
  egrep: GREP,
  fgrep: GREP,
  rg: RG,
  find: (args) => checkFind(args, checkProgram),
  git: checkGit,
  sed: SED,
  awk: AWK,
  echo: NONE,
  true: NONE,
  false: NONE,
  ":": NONE,
  test: checkTest,
  "[": checkTest,
  seq: NONE,
  printf: (args) => {
    // `printf -v name` assigns a shell variable; every other word is format or data.
    const first = args[0];
    if (!first || (first.value === undefined && first.mayBeOption) || first.value === "-v" || first.value?.startsWith("-v")) return { ok: false, why: "printf -v assigns a variable" };
    return { ok: true, reads: [] };
  },
  which: { short: "as", operands: "none", anyWords: true },
  type: { short: "afptP", operands: "none", anyWords: true },
  command: (args) => (args[0]?.value === "-v" || args[0]?.value === "-V" ? { ok: true, reads: [] } : { ok: false, why: "command runs the program it names" }),
  // `file -C` writes magic.mgc and `-p` resets access times, so a word only the shell knows could
  // write; `-z` may run decompressors found through PATH.
  file: { short: "bcdEhiIkLlNnrsSv0", long: "brief mime mime-type mime-encoding dereference no-dereference keep-going raw special-files no-pad print0 help version", namesOnly: true },
  stat: { short: "LftZ", shortValue: "c", long: "dereference file-system format= printf= terse cached= help version", anyWords: true, namesOnly: true },
  du: {
    short: "0abcDhHklLmsSxP",
    shortValue: "dBtX",
    long: "null all apparent-size block-size= bytes total dereference-args human-readable si max-depth= summarize separate-dirs exclude= exclude-from= threshold= time? time-style= count-links one-file-system inodes dereference no-dereference help version",
    operands: "tree",
    follows: "-L --dereference",
    walksCwd: "always",
    anyWords: true,
    namesOnly: true,
  },
  df: { short: "ahHiklPTvx", shortValue: "tBx", long: "all block-size= human-readable si inodes local output? portability print-type type= exclude-type= total sync no-sync help version", operands: "none" },
  tree: { short: "adflxpsughDFqNQrtvUcCnAS", shortValue: "LPI", long: "noreport dirsfirst filesfirst charset= filelimit= du prune matchdirs ignore-case info gitignore help version", operands: "tree", follows: "-l", walksCwd: "always", namesOnly: true },
  sort: SORT,
  uniq: { short: "cdDiuz", shortValue: "fsw", long: "count repeated all-repeated? skip-fields= skip-chars= ignore-case unique group? check-chars= zero-terminated help version", maxOperands: 1 },
  cut: { short: "nsz", shortValue: "bcdf", long: "bytes= characters= delimiter= fields= complement only-delimited output-delimiter= zero-terminated help version" },
  diff: {
    // `-l`/`--paginate` runs pr, found through PATH: left out.
    short: "abBcdeEfhiNnpqrstTuwyZ0123456789",
    shortValue: "CDFILSUWxX",
    long: "normal brief report-identical-files context? unified? ed rcs side-by-side width= left-column suppress-common-lines show-c-function show-function-line= label= expand-tabs initial-tab tabsize= suppress-blank-empty recursive no-dereference new-file unidirectional-new-file ignore-file-name-case no-ignore-file-name-case exclude= exclude-from= starting-file= from-file= to-file= ignore-case ignore-tab-expansion ignore-trailing-space ignore-space-change ignore-all-space ignore-blank-lines ignore-matching-lines= text strip-trailing-cr minimal horizon-lines= speed-large-files color? palette= help version",
    recurse: "-r --recursive",
    // diff -r follows symbolic links unless told not to.
    follows: "-r --recursive",
    maxOperands: 2,
  },
  cmp: { short: "blsz", shortValue: "in", long: "print-bytes ignore-initial= verbose bytes= quiet silent zero help version" },
  comm: { short: "123z", long: "check-order nocheck-order output-delimiter= total zero-terminated help version", maxOperands: 2 },
  jq: JQ,
  basename: { short: "az", shortValue: "s", long: "multiple suffix= zero help version", operands: "none", anyWords: true },
  dirname: { short: "z", long: "zero help version", operands: "none", anyWords: true },
  realpath: { short: "eLmPqsz", shortValue: "", long: "canonicalize-existing canonicalize-missing logical physical quiet strip no-symlinks zero relative-to= relative-base= help version", operands: "none", anyWords: true },
  readlink: { short: "efmnqsvz", long: "canonicalize canonicalize-existing canonicalize-missing no-newline quiet silent verbose zero help version", operands: "none", anyWords: true },
  date: {
    short: "uR",
    shortValue: "dfr",
    shortOptional: "I",
    long: "date= file= iso-8601? rfc-email rfc-3339= reference= utc universal debug help version",
    operands: "none",
    // `date MMDDhhmm` sets the clock; only a `+format` operand prints.
    check: (parsed) => (parsed.operands.some((w) => !w.value?.startsWith("+")) ? "an operand other than +FORMAT sets the date" : undefined),
  },
  uname: { short: "asnrvmpio", long: "all kernel-name nodename kernel-release kernel-version machine processor hardware-platform operating-system help version", maxOperands: 0 },
  whoami: VERSION_ONLY,
  id: { short: "gGnruzZ", long: "group groups name real user zero context help version", operands: "none" },
  hostname: { short: "fsidAI", long: "fqdn short ip-address domain all-fqdns all-ip-addresses help version", maxOperands: 0 },
  nproc: { long: "all ignore= help version", maxOperands: 0 },
  // No option of ps, free or lsof writes or runs anything; their operands are not files they read.
  ps: checkPs,
  free: { short: "bkmgtphlwv", shortValue: "sc", long: "bytes kilo mega giga tera peta kibi mebi gibi tebi pebi human si lohi total wide seconds= count= help version", maxOperands: 0 },
  lsof: { operands: "none", anyWords: true, noOptions: true },
  uptime: { short: "ps", long: "pretty since help version", maxOperands: 0 },
  arch: VERSION_ONLY,
  env: (args) => (args.length === 0 ? { ok: true, reads: [], variables: ["*"] } : { ok: false, why: "env runs the program it names" }),
  // Its operands are the names of the variables it prints; with none it prints them all.
  printenv: (args) => {
    const names = args.filter((w) => !w.value?.startsWith("-") || w.value === "-");
    const verdict = parseArgs("printenv", PRINTENV, args);
    return verdict.ok ? { ...verdict, variables: names.length === 0 ? ["*"] : names.map((w) => w.value ?? "*") } : verdict;
  },
  nl: { short: "p", shortValue: "bdfhilnsvw", anyWords: false },
  tac: { short: "br", shortValue: "s" },
  rev: {},
  fold: { short: "bs", shortValue: "w", long: "bytes spaces width= help version" },
  paste: { short: "sz", shortValue: "d", long: "serial delimiters= zero-terminated help version" },
  column: { short: "tnexJL", shortValue: "csoNRWdHOlE", long: "table separator= output-separator= help version" },
  tr: { short: "cdsCt", long: "complement delete squeeze-repeats truncate-set1 help version", operands: "none" },
  md5sum: SUMS,
  sha1sum: SUMS,
  sha256sum: SUMS,
  sha512sum: SUMS,
  b2sum: SUMS,
  cksum: { short: "", long: "help version" },
  od: { short: "bcdDfFhHiIlLoOsvx", shortValue: "AjNSwt", long: "address-radix= skip-bytes= read-bytes= strings? format= output-duplicates width? endian= help version" },
  xxd: { short: "aCEipru", shortValue: "cglosn", maxOperands: 1 },
  hexdump: { short: "bcCdovx", shortValue: "efns" },
  sleep: NONE,
  // With no argument these read a program from standard input and run it: only a lone version flag.
  // (cargo and rustc are left out: rustup runs the toolchain a project's rust-toolchain.toml names.)
  node: versionOnly("--version -v --help -h"),
  bun: versionOnly("--version -v --help -h"),
  npm: (args) => (args[0]?.value === "ls" || args[0]?.value === "list" ? parseArgs("npm", NPM_LS, args.slice(1)) : versionOnly("--version -v --help -h")(args)),
  python: versionOnly("--version -V --help -h"),
  python3: versionOnly("--version -V --help -h"),
  deno: versionOnly("--version -V --help -h"),
  xargs: (args) => checkXargs(args, checkProgram),
};

/** Checks one program call; unknown programs are never read-only. */
export function checkProgram(name: string, args: Word[]): ArgsVerdict {
  const program = Object.hasOwn(PROGRAMS, name) ? PROGRAMS[name] : undefined;
  if (!program) return { ok: false, why: `${name} is not a known read-only program` };
  return typeof program === "function" ? program(args) : parseArgs(name, program, args);
}
