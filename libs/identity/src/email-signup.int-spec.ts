import type { Client } from 'pg';
import type { DataSource } from 'typeorm';
import type { TenantId } from '@kk/tenancy';
import {
  createPerson,
  createTestTenant,
  GOOD_PASSWORD,
  type LibTestContext,
  openAdminClient,
  openAppDataSource,
  signUp,
  startIdentityTestContext,
  type TestPerson,
  uniqueCpr,
  uniqueEmail,
} from '@kk/testing';
import { MyAccountsService } from './my-accounts/my-accounts.service';
import { PasswordLoginService } from './password-login/password-login.service';
import { SignupActivationService } from './signup/signup-activation.service';
import { SignupService } from './signup/signup.service';

describe('email sign-up (seed 000, steps 1-7)', () => {
  let ds: DataSource;
  let admin: Client;
  let tenant: TenantId;
  let student: TestPerson;
  let lib: LibTestContext;

  beforeAll(async () => {
    ds = await openAppDataSource();
    admin = await openAdminClient();
    tenant = await createTestTenant(ds);
    student = await createPerson(ds, tenant, { name: 'Ida Elev', balance: 12_500 });
    lib = await startIdentityTestContext(ds);
  });
  afterAll(async () => {
    // Closing the context destroys the DataSource (TypeOrmModule).
    await lib?.close();
    if (ds?.isInitialized) await ds.destroy();
    await admin.end();
  });

  const caller = () => ({ tenantId: tenant });
  const start = (cpr: string, email = uniqueEmail()) => lib.get(SignupService).start(caller(), { cpr, email });
  const resumeSignup = (token: string) => lib.get(SignupActivationService).resume(caller(), token);
  const started = async (cpr = student.cpr, email = uniqueEmail()): Promise<string> => {
    const result = await start(cpr, email);
    if (!result.ok) throw new Error(result.message);
    return result.signupId;
  };
  const confirm = (signupId: string, cardNumber: string) =>
    lib.get(SignupService).confirmStudent(caller(), signupId, { name: 'Ida Elev', cardNumber });
  const verify = (signupId: string, code: string) =>
    lib.get(SignupActivationService).verifyCode(caller(), signupId, code);
  const complete = (signupId: string, password = GOOD_PASSWORD, repeat = password) =>
    lib.get(SignupActivationService).complete(caller(), signupId, password, repeat);
  const expire = (signupId: string) =>
    admin.query(`UPDATE signups SET expires_at = now() - interval '1 second' WHERE id = $1`, [signupId]);
  const wrongCode = (code: string) => (code === '000000' ? '000001' : '000000');
  const otherCard = (card: string) => `${card.slice(0, -1)}${card.endsWith('0') ? '1' : '0'}`;

  it('creates a login that sees the student, and the login works', async () => {
    const email = uniqueEmail('Anne');
    const signupId = await started(`${student.cpr.slice(0, 6)}-${student.cpr.slice(6)}`, email);
    const confirmed = await confirm(signupId, student.cardNumber);
    if (!confirmed.ok || confirmed.kind !== 'activation') throw new Error('no activation code');
    expect(confirmed.email).toBe(email.toLowerCase());
    expect(confirmed.activationCode).toMatch(/^\d{6}$/);
    expect(confirmed.expiresAt.getTime() - Date.now()).toBeGreaterThan(29 * 60_000);

    await expect(verify(signupId, confirmed.activationCode)).resolves.toEqual({ ok: true });
    const completed = await complete(signupId);
    if (!completed.ok) throw new Error(completed.message);

    const login = await lib.get(PasswordLoginService).login(caller(), email.toUpperCase(), GOOD_PASSWORD);
    expect(login).toMatchObject({ ok: true, loginId: completed.loginId });
    const people = await lib.get(MyAccountsService).list({ tenantId: tenant, loginId: completed.loginId });
    expect(people).toEqual([
      {
        cardholderId: student.cardholderId,
        name: 'Ida Elev',
        kind: 'self',
        accounts: [
          { accountId: student.accountId, cardNumber: student.cardNumber, cardStatus: 'active', balance: 12_500 },
        ],
      },
    ]);
    const stored = await admin.query('SELECT * FROM signups WHERE id = $1', [signupId]);
    expect(stored.rows[0]).toMatchObject({ step: 'completed', resume_token_hash: null, activation_code_hash: null });
  });

  it('refuses a malformed CPR or email at step 1', async () => {
    await expect(start('12345')).resolves.toMatchObject({ ok: false, field: 'cpr', key: 'cprNotTenDigits' });
    await expect(start(student.cpr, 'not-an-email')).resolves.toMatchObject({ field: 'email' });
  });

  it('takes an email that already has a login through both steps like a new one, with no code anyone can answer', async () => {
    const { email } = await signUp(lib, tenant, await createPerson(ds, tenant));
    const signupId = await started(student.cpr, email.toUpperCase());
    const confirmed = await confirm(signupId, student.cardNumber);
    expect(confirmed).toEqual({ ok: true, kind: 'alreadyRegistered', email, expiresAt: expect.any(Date) });
    for (const code of ['000000', '123456', '999999', '424242']) {
      await expect(verify(signupId, code)).resolves.toMatchObject({ ok: false, key: 'codeWrong' });
    }
    await expect(verify(signupId, '111111')).resolves.toMatchObject({ ok: false, key: 'tooManyAttempts' });
    // A wrong card number answers as for a new address.
    const other = await started(student.cpr, email);
    await expect(confirm(other, otherCard(student.cardNumber))).resolves.toMatchObject({ key: 'studentNotFound' });
  });

  it('answers an unknown CPR only at step 2, exactly as a wrong card number', async () => {
    const unknown = await started(uniqueCpr());
    const known = await started();
    const unknownAnswer = await confirm(unknown, student.cardNumber);
    const wrongCardAnswer = await confirm(known, otherCard(student.cardNumber));
    expect(unknownAnswer).toEqual({
      ok: false,
      field: 'cardNumber',
      key: 'studentNotFound',
      message: 'Vi kunne ikke finde en elev med dette CPR-nummer og kortnummer',
    });
    expect(wrongCardAnswer).toEqual(unknownAnswer);
  });

  it('accepts the card number in any case and with spaces (letters are stored upper-case)', async () => {
    const lettered = await createPerson(ds, tenant, { cardNumber: 'GLX12AB' });
    const signupId = await started(lettered.cpr);
    await expect(confirm(signupId, ' glx1 2ab ')).resolves.toMatchObject({ ok: true });
  });

  it("refuses the student's replaced (old) card", async () => {
    const person = await createPerson(ds, tenant);
    await admin.query(`UPDATE cards SET status = 'replaced' WHERE card_number = $1 AND tenant_id = $2`, [
      person.cardNumber,
      tenant,
    ]);
    await expect(confirm(await started(person.cpr), person.cardNumber)).resolves.toMatchObject({
      key: 'studentNotFound',
    });
  });

  it('stops after 5 wrong card numbers, even if the sixth is right', async () => {
    const signupId = await started();
    for (let i = 0; i < 4; i += 1) {
      await expect(confirm(signupId, '1111222233334444')).resolves.toMatchObject({ key: 'studentNotFound' });
    }
    await expect(confirm(signupId, '1111222233334444')).resolves.toMatchObject({ key: 'tooManyAttempts' });
    await expect(confirm(signupId, student.cardNumber)).resolves.toMatchObject({ key: 'tooManyAttempts' });
  });

  it('refuses an expired activation code', async () => {
    const signupId = await started();
    const confirmed = await confirm(signupId, student.cardNumber);
    if (!confirmed.ok || confirmed.kind !== 'activation') throw new Error('no activation code');
    await expire(signupId);
    await expect(verify(signupId, confirmed.activationCode)).resolves.toMatchObject({
      field: 'code',
      key: 'codeExpired',
    });
    await expect(complete(signupId)).resolves.toMatchObject({ key: 'signupNotFound' });
  });

  it('allows 5 wrong codes, then not even the right one', async () => {
    const signupId = await started();
    const confirmed = await confirm(signupId, student.cardNumber);
    if (!confirmed.ok || confirmed.kind !== 'activation') throw new Error('no activation code');
    const wrong = wrongCode(confirmed.activationCode);
    await expect(verify(signupId, '12a')).resolves.toMatchObject({ key: 'codeFormat' });
    for (let i = 0; i < 4; i += 1) await expect(verify(signupId, wrong)).resolves.toMatchObject({ key: 'codeWrong' });
    await expect(verify(signupId, wrong)).resolves.toMatchObject({ key: 'tooManyAttempts' });
    await expect(verify(signupId, confirmed.activationCode)).resolves.toMatchObject({ key: 'tooManyAttempts' });
    // A fresh code does not reset the count: the sign-up must start over.
    const again = await confirm(signupId, student.cardNumber);
    if (!again.ok || again.kind !== 'activation') throw new Error('no activation code');
    await expect(verify(signupId, again.activationCode)).resolves.toMatchObject({ key: 'tooManyAttempts' });
  });

  it('uses a code once, and a completed sign-up cannot be completed or resumed again', async () => {
    const signupId = await started();
    const confirmed = await confirm(signupId, student.cardNumber);
    if (!confirmed.ok || confirmed.kind !== 'activation') throw new Error('no activation code');
    await expect(complete(signupId)).resolves.toMatchObject({ key: 'codeRequired' });
    await expect(
      verify(signupId, ` ${confirmed.activationCode.slice(0, 3)} ${confirmed.activationCode.slice(3)}`),
    ).resolves.toEqual({ ok: true });
    await expect(verify(signupId, confirmed.activationCode)).resolves.toMatchObject({ key: 'codeUsed' });

    await expect(complete(signupId, 'kodeord123')).resolves.toMatchObject({ field: 'password', key: 'passwordCommon' });
    await expect(complete(signupId, GOOD_PASSWORD, `${GOOD_PASSWORD}!`)).resolves.toMatchObject({
      field: 'passwordRepeat',
      key: 'passwordsDiffer',
    });
    await expect(complete(signupId)).resolves.toMatchObject({ ok: true });
    await expect(complete(signupId)).resolves.toMatchObject({ ok: false, key: 'signupCompleted' });
    await expect(confirm(signupId, student.cardNumber)).resolves.toMatchObject({ key: 'signupNotFound' });
    await expect(resumeSignup(confirmed.resumeToken)).resolves.toMatchObject({ ok: false });
  });

  it('resumes by the link in the email at the step it had reached, until it expires', async () => {
    const email = uniqueEmail();
    const signupId = await started(student.cpr, email);
    const first = await confirm(signupId, student.cardNumber);
    if (!first.ok || first.kind !== 'activation') throw new Error('no activation code');
    // A resent code replaces the first code and link.
    const second = await confirm(signupId, student.cardNumber);
    if (!second.ok || second.kind !== 'activation') throw new Error('no activation code');
    await expect(resumeSignup(first.resumeToken)).resolves.toMatchObject({ key: 'signupNotFound' });
    if (first.activationCode !== second.activationCode) {
      await expect(verify(signupId, first.activationCode)).resolves.toMatchObject({ key: 'codeWrong' });
    }
    await expect(resumeSignup(second.resumeToken)).resolves.toEqual({
      ok: true,
      signupId,
      step: 'activation',
      email,
    });
    await verify(signupId, second.activationCode);
    await expect(resumeSignup(second.resumeToken)).resolves.toMatchObject({ step: 'password' });
    await expect(resumeSignup('not-a-token')).resolves.toMatchObject({ ok: false });
    await expire(signupId);
    await expect(resumeSignup(second.resumeToken)).resolves.toMatchObject({ ok: false });
  });

  it('lets only one of two sign-ups with the same email finish', async () => {
    const email = uniqueEmail();
    const ready = async (): Promise<string> => {
      const signupId = await started(student.cpr, email);
      const confirmed = await confirm(signupId, student.cardNumber);
      if (!confirmed.ok || confirmed.kind !== 'activation') throw new Error('no activation code');
      await verify(signupId, confirmed.activationCode);
      return signupId;
    };
    const [a, b] = [await ready(), await ready()];
    await expect(complete(a)).resolves.toMatchObject({ ok: true });
    await expect(complete(b)).resolves.toMatchObject({ ok: false, key: 'emailTaken' });
  });

  it('keeps no plain code, token or CPR in the table', async () => {
    const signupId = await started();
    const confirmed = await confirm(signupId, student.cardNumber);
    if (!confirmed.ok || confirmed.kind !== 'activation') throw new Error('no activation code');
    const row = await admin.query<Record<string, unknown>>('SELECT * FROM signups WHERE id = $1', [signupId]);
    const text = JSON.stringify(row.rows[0]);
    expect(text).not.toContain(confirmed.activationCode);
    expect(text).not.toContain(confirmed.resumeToken);
    expect(text).not.toContain(student.cpr);
  });
});
