import { randomBytes } from 'node:crypto';
import type { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { inTenant, type TenantTx } from '@kk/database';
import { closeTestTenantDatabase, openTestTenantDatabase, totpCode } from '@kk/testing';
import { requestPasswordReset, resetPassword } from '../password-reset';
import { createPerson, signUp, testHasher } from '../testing/identity.factory';
import { TotpSecretBox } from './totp-secret-box';
import {
  confirmTotpEnrolment,
  disableTwoFactor,
  pendingTotpEnrolment,
  startTotpEnrolment,
  twoFactorState,
  verifyTwoFactorCode,
} from './two-factor';

const box = new TotpSecretBox(randomBytes(32).toString('base64'));
const LABEL = { issuer: 'Sct. Ibs Kantinekort', email: 'forælder@example.dk' };

describe('two-factor sign-in (TOTP) on a login', () => {
  let ds: DataSource;
  let admin: Client;
  let tenant: string;

  beforeAll(async () => {
    ({ ds, admin, tenant } = await openTestTenantDatabase());
  });
  afterAll(() => closeTestTenantDatabase({ ds, admin }));

  const run = <T>(work: (tx: TenantTx) => Promise<T>): Promise<T> => inTenant(ds, tenant, work);
  const newLogin = async () => signUp(ds, tenant, await createPerson(ds, tenant));
  const steps = (n: number) => new Date(Date.now() + n * 30_000);

  it('turns on only with a first code from the app, stores the secret sealed, and asks it from then on', async () => {
    const { loginId } = await newLogin();
    await expect(run((tx) => twoFactorState(tx, loginId))).resolves.toBe('off');
    const enrolment = await run((tx) => startTotpEnrolment(tx, box, loginId, LABEL));
    if (!enrolment) throw new Error('no enrolment');
    expect(enrolment.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(enrolment.keyUri).toContain(`secret=${enrolment.secret}`);
    await expect(run((tx) => twoFactorState(tx, loginId))).resolves.toBe('pending');
    await expect(run((tx) => pendingTotpEnrolment(tx, box, loginId, LABEL))).resolves.toEqual(enrolment);
    const stored = await admin.query<{ totp_secret: Buffer }>('SELECT totp_secret FROM logins WHERE id = $1', [
      loginId,
    ]);
    expect(stored.rows[0].totp_secret.toString('latin1')).not.toContain(enrolment.secret);

    // Pending is not on: a code does not yet pass as a sign-in code.
    await expect(run((tx) => verifyTwoFactorCode(tx, box, loginId, totpCode(enrolment.secret)))).resolves.toEqual({
      ok: false,
      reason: 'notSetUp',
    });
    await expect(run((tx) => confirmTotpEnrolment(tx, box, loginId, '000000'))).resolves.toMatchObject({ ok: false });
    await expect(run((tx) => confirmTotpEnrolment(tx, box, loginId, totpCode(enrolment.secret)))).resolves.toEqual({
      ok: true,
    });
    await expect(run((tx) => twoFactorState(tx, loginId))).resolves.toBe('on');
    // Already on: no new secret can replace it without the old one's code.
    await expect(run((tx) => startTotpEnrolment(tx, box, loginId, LABEL))).resolves.toBeUndefined();
  });

  it('accepts a code once: the same step again, or an earlier one, is a replay', async () => {
    const { loginId } = await newLogin();
    const enrolment = await run((tx) => startTotpEnrolment(tx, box, loginId, LABEL));
    await run((tx) => confirmTotpEnrolment(tx, box, loginId, totpCode(enrolment!.secret, steps(-1)), steps(-1)));
    const now = totpCode(enrolment!.secret);
    await expect(run((tx) => verifyTwoFactorCode(tx, box, loginId, now))).resolves.toEqual({ ok: true });
    await expect(run((tx) => verifyTwoFactorCode(tx, box, loginId, now))).resolves.toEqual({
      ok: false,
      reason: 'replayed',
    });
    await expect(
      run((tx) => verifyTwoFactorCode(tx, box, loginId, totpCode(enrolment!.secret, steps(-1)))),
    ).resolves.toMatchObject({ ok: false });
    await expect(run((tx) => verifyTwoFactorCode(tx, box, loginId, 'abc'))).resolves.toEqual({
      ok: false,
      reason: 'malformed',
    });
  });

  it('lets two racing requests with one code pass only once', async () => {
    const { loginId } = await newLogin();
    const enrolment = await run((tx) => startTotpEnrolment(tx, box, loginId, LABEL));
    await run((tx) => confirmTotpEnrolment(tx, box, loginId, totpCode(enrolment!.secret, steps(-1)), steps(-1)));
    const code = totpCode(enrolment!.secret);
    const results = await Promise.all([1, 2, 3].map(() => run((tx) => verifyTwoFactorCode(tx, box, loginId, code))));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  it('turns off only with a current code, and a password reset leaves it on', async () => {
    const { loginId, email } = await newLogin();
    const enrolment = await run((tx) => startTotpEnrolment(tx, box, loginId, LABEL));
    await run((tx) => confirmTotpEnrolment(tx, box, loginId, totpCode(enrolment!.secret, steps(-1)), steps(-1)));

    const reset = await run((tx) => requestPasswordReset(tx, email));
    await run((tx) =>
      resetPassword(tx, testHasher, reset.token!, 'Nyt kodeord efter reset 9', 'Nyt kodeord efter reset 9'),
    );
    await expect(run((tx) => twoFactorState(tx, loginId))).resolves.toBe('on');

    await expect(run((tx) => disableTwoFactor(tx, box, loginId, '123456'))).resolves.toMatchObject({ ok: false });
    await expect(run((tx) => twoFactorState(tx, loginId))).resolves.toBe('on');
    await expect(run((tx) => disableTwoFactor(tx, box, loginId, totpCode(enrolment!.secret)))).resolves.toEqual({
      ok: true,
    });
    await expect(run((tx) => twoFactorState(tx, loginId))).resolves.toBe('off');
  });

  it('knows no second factor for a malformed or unknown login', async () => {
    await expect(run((tx) => twoFactorState(tx, 'not-a-uuid'))).resolves.toBe('off');
    await expect(
      run((tx) => startTotpEnrolment(tx, box, '00000000-0000-0000-0000-000000000000', LABEL)),
    ).resolves.toBeUndefined();
  });
});
