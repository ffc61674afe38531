import { readFileSync } from 'node:fs';
import { validateCpr } from '@kk/cardholders';

/**
 * Fails when a log holds a CPR number: ten digits standing alone (optionally DDMMYY-SSSS)
 * that form a real date. Card numbers are longer runs and do not match; masked CPRs
 * (DDMMYY-XXXX) are fine. Prints only where a hit is, never the number itself.
 */
function main(): number {
  const [file] = process.argv.slice(2);
  if (!file) throw new Error('usage: check-log-for-cpr <log file>');
  const lines = readFileSync(file, 'utf8').split('\n');
  const hits: string[] = [];
  lines.forEach((line, index) => {
    for (const match of line.matchAll(/(?<![\w-])(\d{6})-?(\d{4})(?![\w-])/g)) {
      if (validateCpr(`${match[1]}${match[2]}`).ok) hits.push(`line ${index + 1}, column ${(match.index ?? 0) + 1}`);
    }
  });
  if (hits.length === 0) {
    process.stdout.write('no CPR numbers in the test log\n');
    return 0;
  }
  process.stderr.write(`CPR-like numbers in the test log (${file}):\n  ${hits.join('\n  ')}\n`);
  return 1;
}

process.exit(main());
