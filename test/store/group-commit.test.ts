import { describe, expect, it } from 'vitest';
import { GroupCommit } from '../../server/store/group-commit.js';

/** A commit that records its batches and only finishes when the test says so. */
function createGatedCommit() {
  const batches: number[][] = [];
  const gates: Array<() => void> = [];
  const commit = (items: number[]) => {
    batches.push(items);
    return new Promise<void>((resolve) => gates.push(resolve));
  };
  return { batches, gates, commit };
}

/** Lets every pending microtask run (not a timed wait: setImmediate fires once they are done). */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('GroupCommit', () => {
  it('commits what is added in one tick as one batch', async () => {
    const batches: number[][] = [];
    const group = new GroupCommit<number>({ commit: async (items) => void batches.push(items) });
    await Promise.all([1, 2, 3].map((n) => group.add(n)));
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('gathers what arrives during a commit into the next one, in order', async () => {
    const { batches, gates, commit } = createGatedCommit();
    const group = new GroupCommit<number>({ commit });
    const first = group.add(1);
    await settle();
    const later = [2, 3, 4].map((n) => group.add(n));
    expect(batches).toEqual([[1]]);
    gates.shift()?.();
    await first;
    await settle();
    expect(batches).toEqual([[1], [2, 3, 4]]);
    gates.shift()?.();
    await Promise.all(later);
  });

  it('hands every item of a batch the same promise', async () => {
    const group = new GroupCommit<number>({ commit: async () => {}, maxItems: 2 });
    const [first, second, third] = [group.add(1), group.add(2), group.add(3)];
    expect(second).toBe(first);
    expect(third).not.toBe(first);
    await Promise.all([first, third]);
  });

  it('splits batches at maxItems and maxSize', async () => {
    const batches: number[][] = [];
    const group = new GroupCommit<number>({ commit: async (items) => void batches.push(items), maxItems: 3, sizeOf: (n) => n, maxSize: 10 });
    await Promise.all([1, 1, 1, 1, 6, 6].map((n) => group.add(n)));
    expect(batches).toEqual([[1, 1, 1], [1, 6], [6]]);
  });

  it('rejects only the saves of a failed batch', async () => {
    let calls = 0;
    const group = new GroupCommit<number>({
      commit: async () => {
        calls += 1;
        if (calls === 1) throw new Error('disk full');
      },
    });
    await expect(Promise.all([group.add(1), group.add(2)])).rejects.toThrow('disk full');
    await expect(group.add(3)).resolves.toBeUndefined();
  });

  it('drain waits for a timed window without waiting for the timer', async () => {
    const batches: number[][] = [];
    const group = new GroupCommit<number>({ commit: async (items) => void batches.push(items), windowMs: 60_000 });
    const saved = group.add(7);
    await group.drain();
    expect(batches).toEqual([[7]]);
    await saved;
  });
});
