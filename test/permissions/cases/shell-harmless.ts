// Read-only commands developers run all day: the analysis must approve them (no prompt for reads).
// Reads outside the working directories, of paths only the shell knows, and of the whole
// environment moved to attacks-secrets.ts: they ask now, as they do in Claude Code.

export const HARMLESS: string[] = [
  // git
  "git status", "git status -sb", "git status --porcelain", "git status --short --branch", "git diff", "git diff HEAD", "git diff --staged", "git diff --cached --stat", "git diff main...HEAD",
  "git diff --name-only HEAD~3", "git diff -- src/", "git diff --word-diff", "git diff --name-status", "git diff --color=never", "git diff --stat | tail -1", "git log", "git log --oneline",
  "git log --oneline -20", "git log -n 5 --stat", "git log --graph --oneline --all", "git log --format='%h %s' -10", "git log -p -1", "git log --since='2 weeks ago'", "git log --author=bob",
  "git log -S foo", "git log --follow -- src/a.ts", "git log main..HEAD", "git log --pretty=oneline", "git log --name-status -3", "git log -1 --format=%cd", "git log --oneline | grep fix",
  "git show", "git show HEAD", "git show HEAD~2 --stat", "git show abc123:src/a.ts", "git show --name-only HEAD", "git show HEAD --stat --oneline", "git branch", "git branch -a", "git branch -vv",
  "git branch --show-current", "git branch -r", "git branch --merged", "git branch --contains HEAD", "git branch --sort=-committerdate", "git branch --list 'feat*'", "git blame src/a.ts",
  "git blame -L 10,20 src/a.ts", "git rev-parse HEAD", "git rev-parse --abbrev-ref HEAD", "git rev-parse --show-toplevel", "git rev-parse --is-inside-work-tree", "git rev-parse --short HEAD",
  "git remote", "git remote -v", "git remote get-url origin", "git remote show -n origin", "git tag", "git tag -l", "git tag --list 'v*'", "git stash list", "git stash show -p", "git ls-files",
  "git ls-files | head", "git ls-tree -r HEAD --name-only", "git describe --tags", "git shortlog -sn", "git rev-list --count HEAD", "git merge-base HEAD main", "git cat-file -p HEAD",
  "git reflog", "git reflog -10", "git worktree list", "git config --get user.name", "git config --list --show-origin", "git config get user.email", "git grep -n TODO", "git --version",
  "git -C src log -1", "git --no-pager log -3", "git show-ref", "git for-each-ref --format='%(refname)'", "git count-objects -v", "git check-ignore -v x", "git name-rev HEAD",
  "git symbolic-ref --short HEAD",
  // files and folders
  "ls", "ls -la", "ls -l", "ls -lah", "ls -1", "ls -R", "ls src", "ls -la src/", "ls *.ts", "ls -d */", "ls -lt | head", "ls -la .github", "ls -S",
  "cat README.md", "cat package.json", "cat src/a.ts src/b.ts", "cat -n src/a.ts", "cat *.md", "head README.md", "head -n 50 src/a.ts", "head -20 x", "head -c 100 x",
  "tail -n 100 log.txt", "tail -f log.txt", "tail -F log.txt", "tail -n +10 x", "wc -l src/a.ts", "wc -l *.ts", "wc -c x", "wc -w x", "wc -l src/*.ts | sort -n", "stat x", "stat -c %s x",
  "stat *", "file x", "file src/*", "file ./*", "basename /a/b", "dirname /a/b", "realpath x", "readlink -f x", "md5sum x", "sha256sum x", "du -sh .", "du -sh src", "du -sh *",
  "du -h --max-depth=1", "du -d 1 -h .", "df -h", "df -h .", "df", "tree", "tree -L 2", "tree src", "tree -a -I node_modules", "tree -d", "pwd",
  // search
  "grep -rn foo src", "grep -rn 'foo' .", "grep -r --include='*.ts' foo .", "grep -i foo x", "grep -n foo x", "grep -l foo -r src", "grep -v '^#' x", "grep -c foo x", "grep -E 'a|b' x",
  "grep -rnw foo src/", "grep -A 3 -B 3 foo x", "grep -o 'x[0-9]*' f", "grep -q foo x && echo yes", "grep foo x | wc -l", "grep -rn 'TODO' --exclude-dir=node_modules .", "rg foo",
  "rg -n foo src", "rg -i foo", "rg --files", "rg --files | grep test", "rg -l foo", "rg -t ts foo", "rg -g '*.ts' foo", "rg foo -C 3", "rg -w foo src", "rg --hidden foo", "rg -uu foo",
  "rg 'foo\\(' src", "find . -name '*.ts'", "find . -type f", "find . -type d -name node_modules -prune -o -type f -print", "find src -maxdepth 1", "find . -name '*.test.ts' | wc -l",
  "find . -mtime -1 -type f", "find . -size +1M", "find . -iname 'readme*'", "find . -path ./node_modules -prune -o -name '*.js' -print", "find . -empty", "find . -newer package.json",
  "find . -name '*.ts' -not -path '*/node_modules/*'",
  "find src -name '*.ts' -exec wc -l {} +", "echo {1..5}",
  "git config user.email",
  // text
  "sort x", "sort -u x", "sort -n x", "sort -rn x", "sort -k2 x", "sort -t, -k2 -n x", "uniq x", "uniq -c x", "sort x | uniq -c | sort -rn", "cut -c1-10 x",
  "tr a-z A-Z < x", "tr -d '\\r' < x", "echo x | tr ' ' '\\n'", "sed -n '1,10p' x", "sed -n 10p x", "sed 's/a/b/' x", "sed -n '/foo/,/bar/p' x", "sed 's/[a-z]/X/g' x", "sed 's|/|:|g' x",
  "awk '{print $1}' x", "awk -F, '{print $2}' x", "awk 'NR==1' x", "awk '{s+=$1} END {print s}' x", "awk 'length > 80' x", "awk 'NR > 1 { print $1 }' x", "awk '$1 == \"a\" || $2 == \"b\"' x", "awk -F, '$3 > 100' data.csv", "xxd x | head", "od -c x | head", "hexdump -C x | head", "column -t x", "nl x", "tac x",
  "rev x", "fold -w 80 x", "paste a b", "seq 10", "diff a b", "diff -u a b", "diff <(sort a) <(sort b)", "cmp a b", "comm -12 a b", "jq . package.json",
  "jq '.scripts' package.json", "jq -r '.version' package.json", "cat package.json | jq .", "jq -r '.dependencies | keys[]' package.json", "jq length x.json",
  // system and environment
  "which node", "which -a python", "type ls", "command -v git", "echo hi", "echo $PATH", 'echo "$HOME"', "echo 'x y'", "echo -n x", "echo -e 'a\\nb'", "echo $?", "echo ${HOME}",
  "printenv PATH", "printenv HOME USER", "date", "date +%s", "date -u", "date -I", "date -Iseconds", "date -d yesterday", "uname", "uname -a", "uname -m", "uname -sr", "whoami", "id", "id -u",
  "hostname", "ps", "ps aux", "ps -ef", "ps -p 1", "ps aux | grep node", "lsof -i :3000", "free -h", "nproc", "uptime", "arch", "npm ls", "npm ls --depth=0", "npm list", "npm -v",
  "npm --version", "node --version", "node -v", "bun --version", "python3 --version", "python --version", "deno --version", "sleep 1", "true", "false",
  // combinations
  "test -d src && echo yes", "[ -f x ] && echo y", '[ -n "$HOME" ] && echo set', '[ "$HOME" = /root ] || echo other', "cd src && ls", "cd src; git status", "ls src | head -20",
  "cat x | head -5", "cat x | grep foo | wc -l", "ls -la | grep foo", "ls 2>/dev/null", "ls nonexistent 2>&1", "git status 2>&1 | head", "echo done; ls", "ls && echo ok || echo fail",
  "cat <<'EOF'\nhello $(not run)\nEOF", "cat <<EOF\nhome is $HOME\nEOF", "(cd src && ls)", "{ ls; pwd; }", "! grep -q foo x", "ls >/dev/null 2>&1",
  // quotes, pipes, substitutions and redirections to /dev/null
  "ls -R src", "git log --oneline --graph -n 5", "git show --stat HEAD", "git ls-files -m", "git -C sub status", "sed -E 's/(a)/\\1/' f",
  "sort -u f | uniq -c", "find . -type f -name '*.ts' | head", "find src -maxdepth 2 -type d", "rg --files | wc -l", "grep -rn foo . --include='*.ts'",
  "cat a b | grep x | sort | uniq -c | sort -rn | head", "ls 2>&1 | head", 'echo "${USER}"', "pwd && ls", "(cd src; ls)", "diff <(ls a) <(ls b)", "LANG=C sort f",
  "command -v bun", "date +%Y-%m-%d", "test -f x && echo yes", "cd src && git log -1 && cd .. && ls",
  // line continuations, which bash removes before it reads words (kept in single quotes, comments and quoted here-documents)
  "git log \\\n --oneline", "git log \\\n  --oneline \\\n  -5", "rg -n \\\n  TODO src", "ls -la \\\n  src", "grep -rn foo \\\n  --include='*.ts' \\\n  .",
  "find . \\\n  -name '*.ts' \\\n  -type f", "cat README.md | \\\n  head -5", "git status && \\\n  git diff --stat", "echo 'a\\\nb'", 'echo "a\\\nb"', "ls # note \\\npwd",
  "cat <<'EOF'\nx\\\nEOF", "cat <<EOF\nx\\\nEOF\nrm x\nEOF", "git diff \\\n\t--stat", "wc -l \\\n src/a.ts \\\n src/b.ts", "ec\\\nho hi", "git lo\\\ng -1", "echo $\\\nHOME",
  "sort -\\\nu names.txt", "jq -r \\\n '.name' package.json", "echo $'a\\\nb'", "echo \\\\\\\nx", "cat <<-EOF\n\ta\\\n\tb\n\tEOF", "grep -c \\\n'x y' file.txt",
  // blanks, escapes and comments bash and the parser must split alike
  "ls\t-la", "ls -la\t\tsrc", "git log --format='%h\t%s' -3", "echo a\\ b", "ls 'a b' \"c d\"", "grep -e '#' x", "echo x#y", "ls # comment", "ls #comment; rm x", "echo \"it's\"",
  "echo 'say \"hi\"'", "grep \"\\$x\" x", "echo \\#x", "echo a\\;b", "echo \"a;b\" 'c|d'", "ls\n\nls -a", "ls;ls", "ls&&pwd", "echo \\ls", "\\ls -la", "'ls' -la", "\"git\" status", "ls\n\\ls -la", "pwd\n\\git status", "ls # x\n\\pwd",
  'echo "a\nb"', 'echo "a\n\n b"', 'git log --format="%h\n%s" -3', 'grep -c "foo\nbar" file.txt', 'echo "x\n$HOME"', 'sed -n "1p\n2p" file.txt', "\\[ -f x ] && echo y", "head -2 <x", 'echo "\\\\\n"',
];
