// A program the analysis does not follow (run because a rule allows it: `cp`, `tar`, `rsync`) may
// take any of its words as a path. These are the texts in one word that may name a file: the word,
// what follows `=` (`if=x`, `--file=x`) and what may follow a short option letter (`-fx`, `-rfx`).

export function pathTexts(value: string): string[] {
  const texts = [value];
  const eq = value.indexOf("=");
  if (eq !== -1) texts.push(value.slice(eq + 1));
  if (/^-[^-]/.test(value)) for (let i = 2; i < value.length; i++) texts.push(value.slice(i));
  return [...new Set(texts)].filter((t) => t !== "");
}
