// Claude Code's hook matcher: empty or `*` matches everything, `A|B` of plain names matches those
// names, anything else is a regular expression that must match the whole value. Settings check it
// when they are read (a matcher that does not compile would silently never match); hooks use it.

/** What `matcher` matches, or why it can never match anything. */
export function compileMatcher(matcher: string | undefined): ((value: string | undefined) => boolean) | { invalid: string } {
  if (!matcher || matcher === "*") return () => true;
  if (/^[A-Za-z0-9_|]+$/.test(matcher)) {
    const names = matcher.split("|");
    return (value) => value !== undefined && names.includes(value);
  }
  try {
    const pattern = new RegExp(`^(?:${matcher})$`);
    return (value) => value !== undefined && pattern.test(value);
  } catch (error) {
    return { invalid: `the matcher ${JSON.stringify(matcher)} is not a valid regular expression (${(error as Error).message}), so these hooks would never run` };
  }
}
