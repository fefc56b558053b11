import type { Key } from "./keys.ts";
import type { SelectResult, SelectView } from "./select.ts";

type Modal = { view: SelectView; resolve: (result: SelectResult) => void };

/**
 * Choices waiting for the user (permission prompts, questions, pickers): one shown at a time, in
 * the order they were asked, each closed by its answer, by Esc, or by its abort signal.
 */
export class ModalQueue {
  private readonly queue: Modal[] = [];

  constructor(private readonly changed: () => void) {}

  /** The one on screen. */
  get current(): SelectView | undefined {
    return this.queue[0]?.view;
  }

  show(view: SelectView, signal?: AbortSignal): Promise<SelectResult> {
    return new Promise((resolve) => {
      const modal: Modal = { view, resolve };
      this.queue.push(modal);
      signal?.addEventListener("abort", () => this.close(modal, undefined), { once: true });
      this.changed();
    });
  }

  /** Gives a key to the modal on screen; false when there is none. */
  handle(key: Key): boolean {
    const modal = this.queue[0];
    if (!modal) return false;
    const outcome = modal.view.handle(key);
    if (outcome) this.close(modal, outcome.result);
    return true;
  }

  private close(modal: Modal, result: SelectResult): void {
    const at = this.queue.indexOf(modal);
    if (at < 0) return;
    this.queue.splice(at, 1);
    modal.resolve(result);
    this.changed();
  }
}
