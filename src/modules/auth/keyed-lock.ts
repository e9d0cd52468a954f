// Attempts on the same throttle key run one after another in this process, so a burst of
// parallel guesses cannot all pass the check before the first failure is written. (Several
// app servers each serialize their own; the database counts stay exact per server.)
const tails = new Map<string, Promise<void>>();

async function withKey<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const previous = tails.get(key) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((resolve) => (release = resolve));
  const tail = previous.then(() => mine);
  tails.set(key, tail);
  await previous;
  try {
    return await fn();
  } finally {
    release();
    if (tails.get(key) === tail) tails.delete(key);
  }
}

/** Runs `fn` holding every key, taken in sorted order so that two callers never wait on each other. */
export function withKeys<T>(keys: readonly string[], fn: () => Promise<T>): Promise<T> {
  const sorted = [...new Set(keys)].sort();
  const run = (i: number): Promise<T> => (i === sorted.length ? fn() : withKey(sorted[i]!, () => run(i + 1)));
  return run(0);
}
