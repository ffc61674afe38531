/** Where the sim reads the time: tests pass a clock they move to cross windows and expiry dates. */
export interface Clock {
  now(): Date;
}

export const SYSTEM_CLOCK: Clock = { now: () => new Date() };
