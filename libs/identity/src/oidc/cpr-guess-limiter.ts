/**
 * Wrong CPR numbers on the MitID CPR step, counted across portal processes and MitID
 * sessions (the broker's own 3 tries start over with every new MitID login): per MitID
 * identity, per target CPR (its blind index, never the CPR) and per client address. The
 * portal's implementation keeps the counters in Redis; OidcLoginService decides when to ask
 * and when to count. Only misses count: the right number links at once, and a malformed one
 * never reaches the broker.
 */
export interface CprGuess {
  readonly tenantId: string;
  readonly issuer: string;
  readonly subject: string;
  /** The CPR's blind index (CprCipher.blindIndex), base64url. */
  readonly targetCprIndex: string;
  readonly address: string;
}

export interface CprGuessLimiter {
  /** True when any of the counters has reached its limit. */
  isLockedOut(guess: CprGuess): Promise<boolean>;
  /** Counts a CPR the broker said is not this identity's; true when that locked something out. */
  recordMiss(guess: CprGuess): Promise<boolean>;
}
