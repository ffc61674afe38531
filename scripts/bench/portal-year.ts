import type { DateTime } from 'luxon';
import type { Till } from '@kk/pos-authorization';

/** A till and its sales account in the ledger (the purchases' other side). */
export interface SeedTill extends Till {
  readonly salesAccountId: string;
}

export interface Move {
  readonly kind: 'pos_purchase' | 'pos_reversal' | 'nexi_deposit';
  /** On the wallet: negative for a purchase. */
  readonly amount: number;
  readonly at: Date;
  readonly description: string;
  /** The till's sales account; null for the cash office (a deposit). */
  readonly counter: string | null;
}

/**
 * A pupil's year: five purchases a day at the three tills (10–20 kr.), the day's last one
 * reversed on the 15th, 300 kr. paid in every Monday and Thursday and on the first day. The
 * balance never goes below zero (525 kr. a week out, 600 in).
 */
export function yearOfMoves(today: DateTime, tills: readonly SeedTill[]): Move[] {
  const moves: Move[] = [];
  const from = today.minus({ years: 1 });
  let balance = 0;
  const add = (move: Move) => {
    balance += move.amount;
    if (balance < 0) throw new Error('the seeded year would overdraw the wallet');
    moves.push(move);
  };
  for (let day = from; day < today; day = day.plus({ days: 1 })) {
    if (day.weekday === 1 || day.weekday === 4 || day.equals(from)) {
      const at = day.set({ hour: 7, minute: 30 }).toJSDate();
      add({ kind: 'nexi_deposit', amount: 30_000, at, description: 'Indbetaling', counter: null });
    }
    for (let meal = 0; meal < 5; meal += 1) {
      const at = day.set({ hour: 8 + meal * 2, minute: (meal * 13) % 60 });
      const till = tills[meal % tills.length];
      const purchase = {
        amount: 1_000 + meal * 250,
        description: meal === 2 ? 'Frokost' : 'Snack',
        counter: till.salesAccountId,
      };
      add({ kind: 'pos_purchase', ...purchase, amount: -purchase.amount, at: at.toJSDate() });
      if (day.day === 15 && meal === 4)
        add({ kind: 'pos_reversal', ...purchase, at: at.plus({ seconds: 90 }).toJSDate() });
    }
  }
  return moves;
}
