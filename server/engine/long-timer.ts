/** The longest delay `setTimeout` takes (about 24.8 days); longer ones fire at once. */
const maxTimeoutMs = 2 ** 31 - 1;

/** A timer that may wait longer than `setTimeout` can: it re-arms until `at` (epoch ms) has passed. */
export class LongTimer {
  #timer: NodeJS.Timeout | undefined;

  constructor(at: number, fire: () => void) {
    const arm = () => {
      const left = at - Date.now();
      if (left <= 0) return fire();
      this.#timer = setTimeout(arm, Math.min(left, maxTimeoutMs));
    };
    this.#timer = setTimeout(arm, Math.max(0, Math.min(at - Date.now(), maxTimeoutMs)));
  }

  cancel(): void {
    clearTimeout(this.#timer);
  }
}
