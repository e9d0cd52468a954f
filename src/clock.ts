// Time comes from a clock passed in, so rules and services can be tested on any date.
export interface Clock {
  now(): Date;
  /** Today's date in Việt Nam (UTC+7), 'YYYY-MM-DD'. */
  today(): string;
}

export function vnDate(d: Date): string {
  return new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

export const systemClock: Clock = {
  now: () => new Date(),
  today: () => vnDate(new Date()),
};

export function fixedClock(iso: string): Clock {
  const d = new Date(iso);
  return { now: () => d, today: () => vnDate(d) };
}

/** The time of day in Việt Nam (UTC+7), 'HH:MM:SS', for messages that say when to come back. */
export function vnTime(d: Date): string {
  return new Date(d.getTime() + 7 * 3600_000).toISOString().slice(11, 19);
}
