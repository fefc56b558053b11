// The heart of Edit: find old_string in the file exactly, forgiving only the quote slips a model
// makes (typing ' or " where the file has ‘ ’ “ ”), as Claude Code does.

const CURLY = /[‘’“”]/g;
const straighten = (s: string) => s.replace(CURLY, (q) => (q === "“" || q === "”" ? '"' : "'"));

export function countOf(haystack: string, needle: string): number {
  let count = 0;
  for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + needle.length)) count++;
  return count;
}

/** The text in `file` that `old` stands for: itself, or the same text with the file's curly quotes. */
function actualOld(file: string, old: string): string | undefined {
  if (file.includes(old)) return old;
  const at = straighten(file).indexOf(straighten(old));
  // Straightening keeps lengths (one UTF-16 unit each), so the offset holds in the original.
  return at === -1 ? undefined : file.slice(at, at + old.length);
}

/** Gives `text` the curly quotes the file uses, when the model typed straight ones. */
function curlQuotes(text: string, like: string): string {
  const doubles = /[“”]/.test(like);
  const singles = /[‘’]/.test(like);
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const before = i === 0 ? "" : text[i - 1]!;
    const opening = before === "" || /[\s([{—–-]/.test(before);
    if (c === '"' && doubles) out += opening ? "“" : "”";
    else if (c === "'" && singles) {
      // An apostrophe inside a word (don't) is a right single quote.
      const inWord = /\p{L}/u.test(before) && /\p{L}/u.test(text[i + 1] ?? "");
      out += inWord ? "’" : opening ? "‘" : "’";
    } else out += c;
  }
  return out;
}

export type Replacement = { updated: string; count: number } | { error: string };

export function replaceIn(file: string, oldString: string, newString: string, replaceAll: boolean): Replacement {
  let old = actualOld(file, oldString);
  if (old === undefined) return { error: `String to replace not found in file.\nString: ${oldString}` };
  const replacement = old === oldString ? newString : curlQuotes(newString, old);
  // Deleting a whole line: take its line ending too, so no blank line is left behind.
  if (replacement === "" && !old.endsWith("\n") && file.includes(`${old}\n`) && countOf(file, `${old}\n`) === countOf(file, old)) old = `${old}\n`;
  const count = countOf(file, old);
  if (count > 1 && !replaceAll) {
    return {
      error: `Found ${count} matches of the string to replace, but replace_all is false. To replace all occurrences, set replace_all to true. To replace only one occurrence, please provide more context to uniquely identify the instance.\nString: ${oldString}`,
    };
  }
  const updated = replaceAll ? file.replaceAll(old, () => replacement) : file.replace(old, () => replacement);
  return { updated, count };
}
