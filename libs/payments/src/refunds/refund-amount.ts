const KRONER = /^(\d{1,7})(?:,(\d{1,2}))?$/;

/**
 * An amount in Danish kroner as an operator types it, "120" or "120,50" (a comma before the
 * øre, as in Danish), into øre. Nothing else: no sign, no thousands dots ("1.200" is refused
 * rather than guessed as 1,2 kr. or 1.200 kr.), no exponent. Undefined when it is not one.
 */
export function parseKroner(text: string): number | undefined {
  const match = KRONER.exec(text.trim());
  if (!match) return undefined;
  const [, whole, fraction = ''] = match;
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}
