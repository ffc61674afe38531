import { randomBytes, randomInt } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createCardholderWithAccount, CprCipher } from '@kk/cardholders';
import { inTenant, type TenantTx } from '@kk/database';
import { postTransaction, systemAccountId } from '@kk/ledger';
import { EmailOutbox, EmailSealer } from '@kk/notifications';
import { startLibTestContext, uniqueCardNumber, type LibTestContext } from '@kk/testing';
import { IdentityModule, SignupActivationService, SignupService, TotpSecretBox } from '../index';
import { PasswordHasher } from '../password-hasher';

/** Test keys: a cipher of the suite's own, so CPR flows use real blind indexes. */
export const testCipher = new CprCipher(randomBytes(32).toString('base64'), randomBytes(32).toString('base64'));

/** One per process: the dummy hash is cached. */
export const testHasher = new PasswordHasher();

export const testTotpBox = new TotpSecretBox(randomBytes(32).toString('base64'));

/** The outbox e-mails of these specs are sealed under a key of their own. */
export const testEmailOutbox = new EmailOutbox(EmailSealer.fromSecret(randomBytes(32).toString('base64')));

/** The identity lib's services (IdentityModule) over the test's DataSource, with the test keys above. */
export function startIdentityTestContext(ds: DataSource): Promise<LibTestContext> {
  return startLibTestContext(ds, testCipher, [
    IdentityModule.forRoot({ passwordHasher: testHasher, totpSecretBox: testTotpBox, emailOutbox: testEmailOutbox }),
  ]);
}

export const GOOD_PASSWORD = 'Rugbrød med leverpostej 7';

/** A valid CPR (a real date, 10 digits), random enough to be unique per test tenant. */
export function randomCpr(): string {
  const day = String(randomInt(1, 29)).padStart(2, '0');
  const month = String(randomInt(1, 13)).padStart(2, '0');
  const year = String(randomInt(0, 100)).padStart(2, '0');
  return `${day}${month}${year}${String(randomInt(0, 10_000)).padStart(4, '0')}`;
}

export function uniqueEmail(prefix = 'forælder'): string {
  return `${prefix}.${randomBytes(4).toString('hex')}@example.dk`;
}

export interface TestPerson {
  readonly cprNumber: string;
  readonly name: string;
  readonly cardholderId: string;
  readonly accountId: string;
  readonly cardNumber: string;
}

/** A cardholder with a real CPR, one account, an active card and (optionally) money on it. */
export async function createPerson(
  ds: DataSource,
  tenantId: string,
  options: { name?: string; balance?: number; cardNumber?: string } = {},
): Promise<TestPerson> {
  const cprNumber = randomCpr();
  const name = options.name ?? `Elev ${randomBytes(3).toString('hex')}`;
  const created = await inTenant(ds, tenantId, async (tx) => {
    const holder = await createCardholderWithAccount(tx, testCipher, {
      cpr: cprNumber,
      name,
      cardNumber: options.cardNumber ?? uniqueCardNumber(),
    });
    if (options.balance) await credit(tx, holder.accountId, options.balance);
    return holder;
  });
  return { cprNumber, name, ...created };
}

async function credit(tx: TenantTx, accountId: string, amount: number): Promise<void> {
  await postTransaction(tx, {
    kind: 'test_credit',
    idempotencyKey: `test-credit:${accountId}:${randomBytes(4).toString('hex')}`,
    postings: [
      { ledgerAccountId: accountId, amount },
      { ledgerAccountId: await systemAccountId(tx, 'cash_office'), amount: -amount },
    ],
  });
}

/** The whole email sign-up, in one tenant transaction, for specs that need a login to start from. */
export async function signUp(lib: LibTestContext, tenantId: string, person: TestPerson, email = uniqueEmail()) {
  const signups = lib.get(SignupService);
  const activation = lib.get(SignupActivationService);
  const caller = { tenantId };
  return lib.inTenant(tenantId, async () => {
    const started = await signups.start(caller, { cpr: person.cprNumber, email });
    if (!started.ok) throw new Error(`startSignup: ${started.message}`);
    const confirmed = await signups.confirmStudent(caller, started.signupId, { cardNumber: person.cardNumber });
    if (!confirmed.ok) throw new Error(`confirmStudent: ${confirmed.message}`);
    if (confirmed.kind !== 'activation') throw new Error('confirmStudent: the email already has a login');
    const verified = await activation.verifyCode(caller, started.signupId, confirmed.activationCode);
    if (!verified.ok) throw new Error(`verifyActivationCode: ${verified.message}`);
    const completed = await activation.complete(caller, started.signupId, GOOD_PASSWORD, GOOD_PASSWORD);
    if (!completed.ok) throw new Error(`completeSignup: ${completed.message}`);
    return { email, loginId: completed.loginId };
  });
}
