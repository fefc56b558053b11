import { expect, test } from "bun:test";
import { analyseCommand, splitPlain } from "../../src/permissions/bash-readonly.ts";
import { corpus } from "../support/corpus.ts";

const verdicts = async (commands: string[]) => Promise.all(commands.map(async (c) => [c, (await analyseCommand(c, "/work/project")).readOnly] as const));

test("every command of the corpus yes-list is read-only", async () => {
  const missed = (await verdicts(corpus("bash-readonly-yes.txt"))).filter(([, ok]) => !ok).map(([c]) => c);
  expect(missed).toEqual([]);
});

test("no command of the corpus no-list is read-only", async () => {
  const wrong = (await verdicts(corpus("bash-readonly-no.txt"))).filter(([, ok]) => ok).map(([c]) => c);
  expect(wrong).toEqual([]);
});

// Each of these writes, runs another program, or could be made to: none may pass.
const ADVERSARIAL = [
  // substitutions run their commands, wherever they hide
  "echo $(rm x)", 'echo "$(touch y)"', "ls `touch y`", "echo ${x:-$(rm y)}", "cat <(touch p)", "cat <<EOF\n$(touch z)\nEOF", "cat <<< $(rm x)",
  // expansions we do not follow
  "echo ${x@P}", "echo $((i++))", "echo $'\\x41' > f",
  // redirections to files
  "ls > f", "ls >> f", "ls 2> err", "ls &> f", "ls >& f", "ls >| f", "ls 1<>f", "echo x > /dev/sda",
  // environment prefixes that change what runs
  "PAGER='sh -c id' git log", "GIT_PAGER=cat git log", "GIT_SSH_COMMAND=id git log", "LD_PRELOAD=x.so ls", "PATH=/tmp ls", "IFS=x ls", "BASH_ENV=x ls",
  // grammar beyond simple commands
  "eval ls", "exec ls", "source x", ". x", "x=1", "export A=1", "f() { rm x; }; f", "for f in *; do rm $f; done", "if true; then rm x; fi", "while true; do ls; done",
  "coproc ls", "time rm x", "[[ -f x ]] && rm x", "! rm x", "(rm x)", "{ rm x; }", "ls & rm x",
  // shells and interpreters
  "sh -c ls", "bash x.sh", "zsh -c ls", "python3 x.py", "node x.js", "perl -e 1", "ruby -e 1", "bun x", "npx x", "make",
  // globs and words that may become options
  "sort *", "sort $f", "sort {-ofoo,x}", "git log $x", "find . $expr", "printf -v PATH x", 'printf "$f"',
  // program names that are not plain
  "/bin/rm x", "./ls", "$cmd x", '"$(echo rm)" x', "\\rm x",
  // find actions
  "find . -delete", "find . -exec ls {} ;", "find . -execdir ls {} +", "find . -ok rm {} ;", "find . -fprint f", "find . -fprintf f %p", "find . -fls f",
  // git that writes or runs programs
  "git -c core.pager=id log", "git -c alias.x=!id x", "git --exec-path=/tmp status", "git --git-dir=/x log", "git log --output=f", "git log --out=f", "git diff --ext-diff",
  "git diff --textconv", "git show --output f", "git grep -O x", "git grep --open-files-in-pager=vim x", "git config user.name x", "git config --get user.name", "git branch x",
  "git branch -D x", "git branch -m a b", "git tag v1", "git tag -d v1", "git stash", "git stash pop", "git stash drop", "git remote add o u", "git remote remove o",
  "git worktree add x", "git reflog expire --all", "git reflog delete x", "git symbolic-ref HEAD refs/heads/x", "git checkout x", "git commit", "git fetch", "git apply p",
  // sed, awk, sort, rg, tree, xxd, uniq, date, tee, xargs
  "sed -i s/a/b/ f", "sed --in-place s/a/b/ f", "sed s/a/b/w f", "sed 's/a/b/e' f", "sed -n 'w f' g", "sed '1r /etc/passwd' f", "sed e f", "sed -f script f", "sed -e p -e 'W f' g",
  "awk '{system(\"id\")}'", "awk '{print > \"f\"}'", "awk '{print | \"sh\"}'", "awk '{\"id\" | getline}'", "awk -f prog f", "awk '@load \"x\"'",
  "sort -o f x", "sort --output=f x", "sort --compress-program=sh x", "rg --pre sh x", "rg --pre=x y", "rg --hostname-bin=id x", "tree -o f", "tree -R -H x",
  "xxd a b", "uniq a b", "date -s 12:00", "date 0101", "tee f", "ls | tee f", "xargs rm", "find . | xargs rm", "xargs -I{} sh -c {}",
  "env rm x", "env -i ls", "timeout 5 rm x", "nohup ls", "command rm x", "builtin eval ls", "sudo ls", "nice rm x", "watch ls", "less f", "man ls", "vi f",
  // zsh glob qualifiers and other syntax the parser rejects
  "ls *(e:id:)", "ls =(id)",
  // the usual destructive suspects
  "rm -rf /", "mv a b", "cp a b", "ln -s a b", "chmod 777 f", "chown x f", "touch f", "mkdir d", "rmdir d", "truncate -s0 f", "dd of=f", "kill 1", "curl -o f u", "wget u",
];

test("adversarial commands are never read-only", async () => {
  const wrong = (await verdicts(ADVERSARIAL)).filter(([, ok]) => ok).map(([c]) => c);
  expect(wrong).toEqual([]);
});

const HARMLESS = [
  "ls -la", "ls -R src", "git log --oneline --graph -n 5", "git diff --cached --stat", "git show --stat HEAD", "git branch -a", "git branch --list 'feat*'",
  "git tag -l", "git remote -v", "git stash list", "git rev-parse HEAD", "git ls-files -m", "git grep -n foo", "git -C sub status", "git --no-pager log -3",
  "sed -n '1,20p' f", "sed 's/a/b/g' f", "sed -E 's/(a)/\\1/' f", "awk '{print $1}' f", "awk -F: '{print $2}' /etc/passwd", "sort -k2 -n f", "sort -u f | uniq -c",
  "find . -type f -name '*.ts' | head", "find src -maxdepth 2 -type d", "rg -l foo src", "rg --files | wc -l", "grep -rn foo . --include='*.ts'", "head -20 f", "tail -n +5 f",
  "cat a b | grep x | sort | uniq -c | sort -rn | head", "ls >/dev/null 2>&1", "ls 2>&1 | head", "echo $HOME", 'echo "${USER}"', "pwd && ls", "cd src && ls", "(cd src; ls)",
  "jq -r '.dependencies | keys[]' package.json", "wc -l $(git ls-files)", "diff <(ls a) <(ls b)", "cat <<'EOF'\nhello $(not run)\nEOF", "LANG=C sort f", "command -v bun",
  "date +%Y-%m-%d", "stat -c %s f", "du -sh .", "node --version", "test -f x && echo yes",
];

test("harmless commands with quotes, pipes, substitutions and redirections to /dev/null are read-only", async () => {
  const missed = (await verdicts(HARMLESS)).filter(([, ok]) => !ok).map(([c]) => c);
  expect(missed).toEqual([]);
});

test("the plain fast path agrees with the parser", async () => {
  const plain = [...corpus("bash-readonly-yes.txt"), ...corpus("bash-readonly-no.txt"), ...ADVERSARIAL, ...HARMLESS].filter((c) => splitPlain(c));
  expect(plain.length).toBeGreaterThan(30);
  for (const command of plain) {
    const fast = await analyseCommand(command, "/p");
    // A trailing space keeps the text the same for the shell but sends it down the parser path.
    const parsed = await analyseCommand(`${command} #`, "/p");
    expect([command, fast.readOnly]).toEqual([command, parsed.readOnly]);
  }
});

test("parts, reads, writes and cd are reported", async () => {
  const a = await analyseCommand("cd sub && cat x.txt $(ls) | grep -r foo > out.txt", "/p");
  expect(a.parts.map((p) => p.text)).toEqual(["cd sub", "cat x.txt $(ls)", "ls", "grep -r foo"]);
  expect(a.changesCwd).toBe(true);
  expect(a.writes).toEqual(["/p/sub/out.txt"]);
  expect(a.reads).toContainEqual({ path: "/p/sub/x.txt", tree: false });
  expect(a.reads).toContainEqual({ tree: false });
  expect(a.reads).toContainEqual({ path: "/p/sub", tree: true });
  expect(a.readOnly).toBe(false);
  expect((await analyseCommand("grep -rn x . > /dev/null", "/p")).readOnly).toBe(true);
  expect((await analyseCommand("git show HEAD:secret", "/p")).reads[0]).toEqual({ path: "/p", tree: true, repo: true });
});
