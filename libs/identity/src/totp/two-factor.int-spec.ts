import type { Client } from 'pg';
import type { DataSource } from 'typeorm';
import type { TenantId } from '@kk/tenancy';
import {
  closeTestTenantDatabase,
  createPerson,
  type LibTestContext,
  openTestTenantDatabase,
  signUp,
  startIdentityTestContext,
  totpCode,
} from '@kk/testing';
import { PasswordResetService } from '../password-reset/password-reset.service';
import { TwoFactorService } from './two-factor.service';
import { loginIdOf } from '../identity-caller';

const ISSUER = 'Sct. Ibs Kantinekort';

describe('two-factor sign-in (TOTP) on a login', () => {
  let ds: DataSource;
  let admin: Client;
  let tenant: TenantId;

  let lib: LibTestContext;

  beforeAll(async () => {
    ({ ds, admin, tenant } = await openTestTenantDatabase());
    lib = await startIdentityTestContext(ds);
  });
  afterAll(async () => {
    await lib?.close();
    await closeTestTenantDatabase({ ds, admin });
  });

  const as = (loginId: string) => ({ tenantId: tenant, loginId: loginIdOf(loginId) });
  const twoFactor = () => lib.get(TwoFactorService);
  const twoFactorState = (loginId: string) => twoFactor().state(as(loginId));
  const startTotpEnrolment = (loginId: string) => twoFactor().start(as(loginId), ISSUER);
  const pendingTotpEnrolment = (loginId: string) => twoFactor().pending(as(loginId), ISSUER);
  const confirmTotpEnrolment = (loginId: string, code: string, now?: Date) =>
    twoFactor().confirm(as(loginId), code, now);
  const verifyTwoFactorCode = (loginId: string, code: string) => twoFactor().verify(as(loginId), code);
  const disableTwoFactor = (loginId: string, code: string) => twoFactor().disable(as(loginId), code);
  const resets = () => lib.get(PasswordResetService);
  const newLogin = async () => signUp(lib, tenant, await createPerson(ds, tenant));
  const steps = (n: number) => new Date(Date.now() + n * 30_000);

  it('turns on only with a first code from the app, stores the secret sealed, and asks it from then on', async () => {
    const { loginId } = await newLogin();
    await expect(twoFactorState(loginId)).resolves.toBe('off');
    const enrolment = await startTotpEnrolment(loginId);
    if (!enrolment) throw new Error('no enrolment');
    expect(enrolment.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(enrolment.keyUri).toContain(`secret=${enrolment.secret}`);
    await expect(twoFactorState(loginId)).resolves.toBe('pending');
    await expect(pendingTotpEnrolment(loginId)).resolves.toEqual(enrolment);
    const stored = await admin.query<{ totp_secret: Buffer }>('SELECT totp_secret FROM logins WHERE id = $1', [
      loginId,
    ]);
    expect(stored.rows[0].totp_secret.toString('latin1')).not.toContain(enrolment.secret);

    // Pending is not on: a code does not yet pass as a sign-in code.
    await expect(verifyTwoFactorCode(loginId, totpCode(enrolment.secret))).resolves.toEqual({
      ok: false,
      reason: 'notSetUp',
    });
    await expect(confirmTotpEnrolment(loginId, '000000')).resolves.toMatchObject({ ok: false });
    await expect(confirmTotpEnrolment(loginId, totpCode(enrolment.secret))).resolves.toEqual({
      ok: true,
    });
    await expect(twoFactorState(loginId)).resolves.toBe('on');
    // Already on: no new secret can replace it without the old one's code.
    await expect(startTotpEnrolment(loginId)).resolves.toBeUndefined();
  });

  it('accepts a code once: the same step again, or an earlier one, is a replay', async () => {
    const { loginId } = await newLogin();
    const enrolment = await startTotpEnrolment(loginId);
    await confirmTotpEnrolment(loginId, totpCode(enrolment!.secret, steps(-1)), steps(-1));
    const now = totpCode(enrolment!.secret);
    await expect(verifyTwoFactorCode(loginId, now)).resolves.toEqual({ ok: true });
    await expect(verifyTwoFactorCode(loginId, now)).resolves.toEqual({
      ok: false,
      reason: 'replayed',
    });
    await expect(verifyTwoFactorCode(loginId, totpCode(enrolment!.secret, steps(-1)))).resolves.toMatchObject({
      ok: false,
    });
    await expect(verifyTwoFactorCode(loginId, 'abc')).resolves.toEqual({
      ok: false,
      reason: 'malformed',
    });
  });

  it('lets two racing requests with one code pass only once', async () => {
    const { loginId } = await newLogin();
    const enrolment = await startTotpEnrolment(loginId);
    await confirmTotpEnrolment(loginId, totpCode(enrolment!.secret, steps(-1)), steps(-1));
    const code = totpCode(enrolment!.secret);
    const results = await Promise.all([1, 2, 3].map(() => verifyTwoFactorCode(loginId, code)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  it('turns off only with a current code, and a password reset leaves it on', async () => {
    const { loginId, email } = await newLogin();
    const enrolment = await startTotpEnrolment(loginId);
    await confirmTotpEnrolment(loginId, totpCode(enrolment!.secret, steps(-1)), steps(-1));

    const reset = await resets().issueToken({ tenantId: tenant }, email);
    await resets().reset({ tenantId: tenant }, reset.token!, 'Nyt kodeord efter reset 9', 'Nyt kodeord efter reset 9');
    await expect(twoFactorState(loginId)).resolves.toBe('on');

    await expect(disableTwoFactor(loginId, '123456')).resolves.toMatchObject({ ok: false });
    await expect(twoFactorState(loginId)).resolves.toBe('on');
    await expect(disableTwoFactor(loginId, totpCode(enrolment!.secret))).resolves.toEqual({
      ok: true,
    });
    await expect(twoFactorState(loginId)).resolves.toBe('off');
  });

  it('knows no second factor for a malformed or unknown login', async () => {
    await expect(twoFactorState('not-a-uuid')).resolves.toBe('off');
    await expect(startTotpEnrolment('00000000-0000-0000-0000-000000000000')).resolves.toBeUndefined();
  });
});
