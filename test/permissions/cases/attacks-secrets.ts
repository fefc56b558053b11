// Read-only commands that give away secrets: keys and credentials by path, glob, walk or symlink,
// environment variables, process memory, network file names, reads outside the working
// directories, git's user and system configuration. None may run without a prompt. They are
// judged in the project secretProject() makes (test/support/secret-project.ts), whose `keys` and
// `notes.txt` are links into the fake home's ~/.ssh and ~/.aws.

export const SECRET_ATTACKS: Record<string, string[]> = {
  "secrets in the home folder, by name": [
    "cat ~/.ssh/id_rsa", "head ~/.aws/credentials", "cat ~/.ssh/config", "tail -n 5 ~/.netrc", "cat ~/.npmrc", "cat ~/.pypirc", "cat ~/.docker/config.json", "cat ~/.kube/config",
    "cat ~/.config/gcloud/application_default_credentials.json", "cat ~/.azure/accessTokens.json", "cat ~/.cargo/credentials.toml", "cat ~/.gem/credentials", "cat ~/.git-credentials",
    "cat ~/.config/gh/hosts.yml", "cat ~/.bash_history", "tail -n 50 ~/.zsh_history", "cat ~/.python_history", "cat ~/.node_repl_history", "cat ~/.psql_history", "cat ~/.lesshst",
    "ls ~/.gnupg", "xxd ~/.ssh/id_rsa", "sed -n 1p ~/.ssh/id_rsa", "cut -c1-100 ~/.ssh/id_rsa", "awk '{print}' ~/.netrc", "grep -i key ~/.aws/credentials", "od -c ~/.aws/credentials",
    'head -c 100 "$HOME/.ssh/id_rsa"', "cat $HOME/.aws/credentials", "diff ~/.ssh/id_rsa /dev/null", "cat /etc/shadow", "sort ~/.pgpass",
  ],
  "secrets inside the project (Claude Code asks for these too)": [
    "cat .env", "cat .env.local", "head config/.env", "cat certs/server.key", "cat deploy.pem", "cat .npmrc", "cat .netrc", "tail -n +1 .envrc", "cat sub/.bash_history",
    "cat < .env", "tr a b < .env", "sort .env", "nl .env", "xxd .env", "diff .env .env.example", "xargs -a .env echo", "git show HEAD:.env", "git log -p -- .env", "grep -n KEY .env",
  ],
  "secrets reached by glob or walk": [
    "cat .e*", "cat .env*", "cat ./.[e]nv", "head */.env", "cat cert*/*", "cat c*/server.key", "grep -r SECRET .", "grep -rn KEY config", "rg --hidden SECRET", "rg -uu SECRET",
    "rg SECRET certs", "find . -name '*.env*' -exec cat {} +", "find . -exec cat {} \\;", "find config -type f -exec head {} +", "grep -r x ~/.aws", "find ~/.ssh -exec cat {} +",
    "cat ~/.ss*/id*", "wc -c ~/.aws/*", "echo ~/.ssh/* | xargs cat", "find . -name '*.pem' | xargs cat",
    "git grep --no-index SECRET", "git grep --untracked --no-exclude-standard KEY", "cat */id_rsa", "grep -r x *",
  ],
  "secrets through links inside the project": [
    "cat keys/id_rsa", "cat notes.txt", "grep -r x keys", "ls keys/", "cat src/../keys/id_rsa", "find keys/ -type f", "grep -R BEGIN .", "cat *.txt", "head -1 keys/config", "cd keys && cat id_rsa",
  ],
  "environment variables": [
    "echo $TOKEN", 'echo "${GITHUB_TOKEN}"', "printenv TOKEN", "printenv", "env", "printenv -0", "echo $AWS_SECRET_ACCESS_KEY", "printf '%s\\n' \"$ANTHROPIC_API_KEY\"", "echo ${!prefix*}",
    "declare -p", "set", "export -p", "compgen -v", "cat <<EOF\n$TOKEN\nEOF", '[ "$TOKEN" = abc ] && echo yes', 'test -n "$TOKEN" && echo set', 'grep "$TOKEN" file.txt', "echo ${TOKEN}x",
    "env | grep TOKEN", "printenv | sort", 'cat <<< "$TOKEN"', "echo $OPENAI_API_KEY | wc -c", "ps e", "ps auxe", "ps eww", "jq -n env", "jq -n '$ENV.TOKEN'", "jq -n 'env.TOKEN'",
    "awk -v t=\"$TOKEN\" 'BEGIN{print t}'", 'find . -name "$TOKEN"', "echo $BASH_VERSION $SSH_AUTH_SOCK",
    "ls | xargs printenv", "find . -maxdepth 0 -exec env \\;", "cat <(printenv)", "diff <(env) /dev/null", "echo $(printenv TOKEN)", "cat /dev/stdin <<< $TOKEN", "ps -o pid,args e",
  ],
  "process memory and environment in /proc": [
    "cat /proc/self/environ", "cat /proc/$PPID/environ", "cat /proc/1/environ", "xargs -0 < /proc/self/environ", "tr '\\0' '\\n' < /proc/self/environ", "cat /proc/self/task/1/environ",
    "head -c 1000 /proc/self/mem", "cat /proc/$$/environ", "grep -a TOKEN /proc/*/environ", "sort -z /proc/self/environ", "cat /proc/self/cmdline", "ls /proc/self/fd",
  ],
  "file names that open network connections": [
    "awk '{print}' /inet/tcp/0/127.0.0.1/80", "awk 'BEGIN { f = \"/inet4/tcp/0/localhost/80\" }'", "awk 1 /inet6/udp/0/::1/53", "cat /dev/tcp/127.0.0.1/80", "ls /dev/tcp/127.0.0.1/80",
    "grep x /dev/udp/127.0.0.1/53", "head /dev//tcp/127.0.0.1/80", "cat < /dev/tcp/127.0.0.1/80", "echo /dev/tcp/127.0.0.1/80",
  ],
  "reads outside the working directories": [
    "ls ~", "ls -a ~/", "ls /tmp", "cat /etc/passwd", "cut -d: -f1 /etc/passwd", "cat ~/.gitconfig", "find / -name x", "find / -name id_rsa 2>/dev/null", "cd /tmp && ls", "cd .. && ls",
    "ls ..", "cat ../other/secret.txt", "grep -r password /etc", "cd ~ && cat .profile", "cd / && ls", "ls -la $HOME", "cat $FILE", "tree /", "du -sh ~", "stat /etc/shadow",
    "rg foo /", "git -C / status", "git -C ~ log -p", "diff /etc/hosts file.txt", "pwd; cd ..; ls", "awk -F: '{print $2}' /etc/passwd", "find . -name x | xargs cat", "wc -l $(cat list.txt)",
    "cd ~/.aws && cat credentials", "cd /etc; cat hostname", "cd src && cd ../.. && ls", "cd ~/.ssh && grep -r x .", "cd $OLDPWD && ls", "cd - && ls",
  ],
  // Moved from shell-harmless.ts: harmless in intent, but their reads are outside or unbounded
  // (xargs and substitutions read names from their input, diff -r follows links).
  "reads the analysis cannot bound": [
    "find / -name x 2>/dev/null", "find . -name '*.ts' | xargs wc -l", "find . -name '*.ts' -print0 | xargs -0 grep -l foo", "git ls-files | xargs grep -n TODO", "diff -r src lib",
    "find . -name '*.md' -execdir head -1 {} \\;", "git diff --name-only | xargs -I{} wc -l {}", "wc -l $(git ls-files)", "git ls-files -z | xargs -0 wc -l",
  ],
  "git's user and system configuration": [
    "git config --global --list", "git config --system --list", "git config --global user.email", "git config --global --get credential.helper", "git config --list --global --show-origin",
    "git config --system -l", "git config --get --global user.name",
  ],
};
