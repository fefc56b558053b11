// Commands where bash's lexer and a parse of the text may part ways. Each one writes, deletes or
// runs a program in the folder it runs in (a small git repository holding file.txt, names.txt,
// list.txt and x): lexing.test.ts checks that by running it under bash. Grouped by the trick;
// `\` + newline in a string here is a line continuation.

export const LEXING_ATTACKS: Record<string, string[]> = {
  "line continuations inside words, options and operators": [
    'echo "$\\\n(touch pwned)"', "echo $\\\n(touch pwned)", 'echo "$(\\\ntouch pwned)"', "tr\\\nuncate -s0 file.txt", "sort -\\\no pwned names.txt", "sort -\\\n-output pwned names.txt",
    "sort --output\\\n=pwned names.txt", "rg -\\\n-pre=rm foo", "git log -\\\n-output=pwned -1", "git log --output\\\n=pwned -1", "sed -\\\n-in-place s/foo/x/ file.txt", "sed -n\\\ni s/foo/x/ file.txt",
    "find . -\\\ndelete", "find . -ex\\\nec rm {} +", "xargs r\\\nm < list.txt", "c\\\np file.txt pwned", "m\\\nv file.txt pwned", "t\\\nee pwned < file.txt", "echo x\\\n>pwned",
    "cat file.txt >\\\npwned", "ls >\\\n> pwned", "ls &\\\n& rm file.txt", "false |\\\n| rm file.txt", "ls;\\\nrm file.txt", "echo touch pwned | s\\\nh", "echo touch pwned | ba\\\nsh",
    "e\\\nval touch pwned", "ex\\\nec touch pwned", "bash -\\\nc 'touch pwned'", "env\\\n touch pwned", "time\\\nout 5 touch pwned", "xxd file.txt \\\npwned", "uniq names.txt\\\n pwned",
    "git -\\\nc alias.x='!touch pwned' x", "awk 'BEGIN { print 1 > \"pwned\" }' \\\n", "sort -\\\n\\\no pwned names.txt", "\\\ntouch pwned", "ls \\\n\\\n; touch pwned",
  ],
  "continuations and comments": [
    "ls x\\\n#; touch pwned", "echo a#b\\\n c; touch pwned", "ls #\\\ntouch pwned", "ls # \\\ntouch pwned", "cat file.txt #\\\n> pwned", "ls x#; touch pwned", "ls ${#}; touch pwned",
    "echo '#'\\\n; touch pwned", 'echo "#"\\\n;touch pwned',
  ],
  "a newline, then an escaped command name": [
    "ls\n\\touch pwned", "ls\n\\rm file.txt", "ls;\\\n\\rm file.txt", "ls\n\\\\\ntouch pwned", "\\touch pwned", "\\r\\m file.txt", "\\s\\h -c 'touch pwned'", "\\e\\v\\a\\l touch pwned",
  ],
  "quoting that hides a program or an option": [
    '"tou"ch pwned', "t'ou'ch pwned", "t\\ouch pwned", "$'touch' pwned", '"$(echo touch)" pwned', 't""ouch pwned', "to''uch pwned", '$"touch" pwned', "sort -\"o\" pwned names.txt",
    "sort '-o' pwned names.txt", "sort -\\o pwned names.txt", "sort -o\"\" pwned names.txt", 'git log --"output"=pwned -1', "git log '--output=pwned' -1", 'git log --out""put=pwned -1',
    'sed -"i" s/foo/x/ file.txt', "sed 's/foo/x/w'\" pwned\" file.txt", 'find . -"delete"', "find . '-delete'", "find . -del\\ete", "set -- -o pwned; sort \"$@\" names.txt",
  ],
  "here-documents that end elsewhere for bash": [
    "cat <<EOF\nEO\\\nF\ntouch pwned\nEOF", "cat <<E\\\nOF\nEOF\ntouch pwned\nE", "cat <<'EOF'\nx\\\nEOF\ntouch pwned\nEOF", "cat <<-EOF\n\t\\\nEOF\ntouch pwned\nEOF",
    "cat <<EOF | s\\\nh\ntouch pwned\nEOF", "cat <<EOF\n$\\\n(touch pwned)\nEOF", "cat <<EOF\n`touch pwned`\nEOF", "cat <\\\n<E\nE\ntouch pwned\nE", "cat <<EOF; touch pwned\nx\nEOF",
    "cat <<EOF >pwned\nx\nEOF", "cat <<\\EOF\nx\nEOF\ntouch pwned", "cat <<EOF && touch pwned\nx\nEOF",
  ],
  // tree-sitter gives no node to a newline inside double quotes: read without it, the script after a comment vanished
  "newlines inside double quotes": [
    'sed "p # c\nw pwned" file.txt', 'sed -n "#n\nw pwned" file.txt', 'sed "# c\ne touch pwned" file.txt', 'awk "# c\nBEGIN { print 1 > \\"pwned\\" }" file.txt',
    'sed "s/foo/x/ # c\nw pwned" file.txt', 'sed -e "p # x\nw pwned" file.txt', "rg --files | sed \"# c\nw pwned\"",
  ],
  // tree-sitter hangs words after a redirection's target on the redirection, skips a lone `$`, and ends `[ … ]` or a word at a `#`
  "words the parser drops or ends early": [
    "xxd file.txt >/dev/null pwned", "uniq names.txt 2>/dev/null pwned", "sort names.txt >/dev/null -o pwned", "uniq names.txt $", "xxd file.txt pwned$", "sort -o$ names.txt",
    "[ -f x ]#; touch pwned", "[ -n x ]\\\n#; touch pwned", "uniq -1< names.txt - pwned",
  ],
  "arithmetic and subscripts that run commands": [
    "echo $(( $(touch pwned) ))", "echo $((a[$(touch pwned)]))", "echo $[ $(touch pwned) ]", "(( $(touch pwned) ))", "[[ 1 -eq a[$(touch pwned)] ]]", "printf -v 'a[$(touch pwned)]' x",
    "read 'a[$(touch pwned)]' < file.txt", "echo ${x[$(touch pwned)]}", "echo $((\\\n$(touch pwned)))",
  ],
  "brace, tilde and glob expansion that make other words": [
    "sort {-o,pwned} names.txt", "xxd file.txt {,pwned}", "uniq names.txt{,.out}", "sort -o ~+/pwned names.txt", "uniq names.txt ~+/pwned", "uniq names.txt ./[p]wned",
  ],
  "definitions that change what a name runs": [
    "shopt -s expand_aliases; alias ls='touch pwned'\nls", "function ls { touch pwned; }; ls", "ls() { touch pwned; }; ls", "hash -p /usr/bin/touch ls; ls pwned",
    "command_not_found_handle() { touch pwned; }; nosuchprogram", "trap 'touch pwned' DEBUG; ls", "trap 'touch pwned' EXIT; ls", "cat() { touch pwned; }; cat file.txt",
  ],
  "control characters the parser and a reader may not see": ["echo safe\r; touch pwned", "ls \x1b[2K; touch pwned", "ls\r\ntouch pwned"],
};

/**
 * Characters bash reads one way and a person (or tree-sitter) another: none of these need be
 * harmful, but none can be read with certainty, so each asks.
 */
export const UNCERTAIN_CHARACTERS: string[] = [
  "cat file.txt\u2028touch pwned", "ls \u200b-la", "git log\u00a0--output=pwned", "ls\u3000-la", "\ufeffls", "echo \u202etxt.exe", "ls # \u202e; touch pwned", "ls\x00; touch pwned",
  "ls\x0b-la", "cat\u2029file.txt", "ls\u00ad -la", "ls \u2060x", "git\u2009log", "echo \ud800",
];
