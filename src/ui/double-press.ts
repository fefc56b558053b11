/** A key that means more when pressed twice in a row within `windowMs` (Ctrl+C to exit, Esc Esc to rewind). */
export class DoublePress {
  private armedAt = 0;

  constructor(private readonly windowMs: number) {}

  /** True for the second press within the window (which disarms it); otherwise arms it. */
  press(now = Date.now()): boolean {
    const second = now - this.armedAt < this.windowMs;
    this.armedAt = second ? 0 : now;
    return second;
  }

  reset(): void {
    this.armedAt = 0;
  }
}
