/**
 * Writes to stdout in order and waits for each write to reach the pipe: `process.stdout.write`
 * followed by `process.exit` can drop the tail of the output when the reader is slow, and the last
 * line (the result) is the one a script needs most.
 */
export class Output {
  private pending: Promise<unknown> = Promise.resolve();

  write(text: string): Promise<void> {
    const done = this.pending.then(() => Bun.write(Bun.stdout, text)).catch(() => {
      // The reader went away (EPIPE): nothing left to tell it.
    });
    this.pending = done;
    return done.then(() => undefined);
  }

  line(message: unknown): Promise<void> {
    return this.write(`${JSON.stringify(message)}\n`);
  }
}
