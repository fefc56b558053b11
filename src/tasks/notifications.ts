// Notes for the model about background work that ended (a shell started with run_in_background, a
// background sub-agent). The agent loop appends them to the next tool results, so the model
// learns of the end without polling. Whoever finishes background work calls notifyModel.

const pending: { sessionId: string; text: string }[] = [];

export function notifyModel(sessionId: string, text: string): void {
  pending.push({ sessionId, text });
}

/** The notes queued for `sessionId` since the last call, oldest first. */
export function takeNotifications(sessionId: string): string[] {
  const mine = pending.filter((n) => n.sessionId === sessionId);
  for (const n of mine) pending.splice(pending.indexOf(n), 1);
  return mine.map((n) => n.text);
}
