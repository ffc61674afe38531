import type { Clock } from '../../apps/gateway-sim/src/main';

/** The wall clock plus an offset the test moves, to cross windows and expiry times. */
export class TestClock implements Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  reset(): void {
    this.offsetMs = 0;
  }
}
