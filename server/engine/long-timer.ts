/** The longest delay `setTimeout` takes (about 24.8 days); longer ones fire at once. */
const maxTimeoutMs = 2 ** 31 - 1;

/** A timer that may wait longer than `setTimeout` can: it re-arms until `at` (epoch ms) has passed. */
export class LongTimer {
  #timer: NodeJS.Timeout | undefined;

  constructor(at: number, fire: () => void) {
    const arm = () => {
      const left = at - Date.now();
      this.#timer = left > maxTimeoutMs ? setTimeout(arm, maxTimeoutMs) : setTimeout(fire, Math.max(0, left));
    };
    arm();
  }

  cancel(): void {
    clearTimeout(this.#timer);
  }
}
