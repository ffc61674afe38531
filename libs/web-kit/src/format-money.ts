const kroner = new Intl.NumberFormat('da-DK', { style: 'currency', currency: 'DKK' });

/** Øre as a Dane reads money: 123450 -> "1.234,50 kr." (with a no-break space before "kr."). */
export function formatKroner(ore: number): string {
  if (!Number.isSafeInteger(ore)) throw new Error('an amount in øre must be a whole number');
  return kroner.format(ore / 100);
}
