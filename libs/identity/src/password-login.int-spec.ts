import type { Client } from 'pg';
import type { DataSource } from 'typeorm';
import type { TenantId } from '@kk/tenancy';
import {
  closeTestTenantDatabase,
  createPerson,
  GOOD_PASSWORD,
  type LibTestContext,
  openTestTenantDatabase,
  signUp,
  startIdentityTestContext,
  TEST_PASSWORD_HASHER,
  uniqueEmail,
} from '@kk/testing';
import { LOCK_MINUTES, MAX_FAILED_LOGINS, PasswordLoginService } from './password-login/password-login.service';
import { PasswordResetService } from './password-reset/password-reset.service';
import { LoginSessionsService, SESSION_MAX_HOURS } from './sessions/login-sessions.service';
import { loginIdOf } from './identity-caller';

const NEW_PASSWORD = 'Frikadeller på fredag 42';

describe('password login and reset', () => {
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

  const caller = () => ({ tenantId: tenant });
  const as = (loginId: string) => ({ tenantId: tenant, loginId: loginIdOf(loginId) });
  const login = (email: string, password: string) => lib.get(PasswordLoginService).login(caller(), email, password);
  const sessionIsValid = (loginId: string, validAfter: Date, signedInAt?: Date) =>
    lib.get(LoginSessionsService).isValid(as(loginId), validAfter, signedInAt);
  const endAllSessions = (loginId: string) => lib.get(LoginSessionsService).endAll(as(loginId));
  const stampSession = (loginId: string) => lib.get(LoginSessionsService).stamp(as(loginId));
  const requestPasswordReset = (email: string) => lib.get(PasswordResetService).issueToken(caller(), email);
  const isResetTokenValid = (token: string) => lib.get(PasswordResetService).isTokenValid(caller(), token);
  const newLogin = async () => signUp(lib, tenant, await createPerson(ds, tenant));
  const requestToken = async (email: string): Promise<string> => {
    const request = await requestPasswordReset(email);
    if (!request.token) throw new Error('no token');
    return request.token;
  };
  const reset = (token: string, password = NEW_PASSWORD, repeat = password) =>
    lib.get(PasswordResetService).reset(caller(), token, password, repeat);
  const loginRow = async (loginId: string) =>
    (await admin.query('SELECT failed_logins, locked_until, sessions_valid_after FROM logins WHERE id = $1', [loginId]))
      .rows[0] as { failed_logins: number; locked_until: Date | null; sessions_valid_after: Date };

  describe('loginWithPassword', () => {
    it('logs in with the right password, whatever the email case', async () => {
      const { email, loginId } = await newLogin();
      const result = await login(` ${email.toUpperCase()} `, GOOD_PASSWORD);
      expect(result).toMatchObject({ ok: true, loginId });
      if (!result.ok) return;
      await expect(sessionIsValid(loginId, result.sessionsValidAfter)).resolves.toBe(true);
    });

    it('gives one generic answer for a wrong password and an unknown email', async () => {
      const { email } = await newLogin();
      const generic = {
        ok: false,
        field: 'form',
        key: 'loginFailed',
        message: 'Forkert e-mail eller adgangskode',
        reason: 'invalid',
      };
      await expect(login(email, 'Forkert kodeord 1')).resolves.toEqual(generic);
      await expect(login(uniqueEmail('ukendt'), GOOD_PASSWORD)).resolves.toEqual(generic);
      await expect(login(email, 'x'.repeat(10_000))).resolves.toEqual(generic);
    });

    it(`locks for ${LOCK_MINUTES} minutes after ${MAX_FAILED_LOGINS} failures in a streak, answering as for a wrong password`, async () => {
      const { email, loginId } = await newLogin();
      const generic = { ok: false, key: 'loginFailed', message: 'Forkert e-mail eller adgangskode' };
      for (let i = 1; i < MAX_FAILED_LOGINS; i += 1) {
        await expect(login(email, `forkert-${i}-kodeord`)).resolves.toMatchObject({ ...generic, reason: 'invalid' });
      }
      await expect(login(email, 'den tiende fejl')).resolves.toMatchObject({ ...generic, reason: 'locked' });
      // Even the right password: the same words as a wrong one, after the same verification.
      const verify = jest.spyOn(TEST_PASSWORD_HASHER, 'verify');
      await expect(login(email, GOOD_PASSWORD)).resolves.toMatchObject({ ...generic, reason: 'locked' });
      expect(verify).toHaveBeenCalledTimes(1);
      verify.mockRestore();
      const row = await loginRow(loginId);
      expect(row.failed_logins).toBe(MAX_FAILED_LOGINS);
      expect(row.locked_until!.getTime() - Date.now()).toBeGreaterThan((LOCK_MINUTES - 1) * 60_000);

      // When the lock has run out the count starts over: one more failure does not lock again.
      await admin.query(`UPDATE logins SET locked_until = now() - interval '1 second' WHERE id = $1`, [loginId]);
      await expect(login(email, 'endnu en fejl')).resolves.toMatchObject({ reason: 'invalid' });
      expect(await loginRow(loginId)).toMatchObject({ failed_logins: 1, locked_until: null });
      await expect(login(email, GOOD_PASSWORD)).resolves.toMatchObject({ ok: true });
      expect(await loginRow(loginId)).toMatchObject({ failed_logins: 0, locked_until: null });
    });

    it(`starts the count over when the streak is older than ${LOCK_MINUTES} minutes`, async () => {
      const { email, loginId } = await newLogin();
      for (let i = 1; i < MAX_FAILED_LOGINS; i += 1) await login(email, `forkert-${i}-kodeord`);
      await admin.query(
        `UPDATE logins SET failed_since = now() - make_interval(mins => $2) - interval '1 second' WHERE id = $1`,
        [loginId, LOCK_MINUTES],
      );
      await expect(login(email, 'den tiende, men i en ny stime')).resolves.toMatchObject({ reason: 'invalid' });
      expect(await loginRow(loginId)).toMatchObject({ failed_logins: 1, locked_until: null });
    });

    it('resets the failure count on success', async () => {
      const { email, loginId } = await newLogin();
      await login(email, 'forkert kodeord 1');
      await login(email, 'forkert kodeord 2');
      expect((await loginRow(loginId)).failed_logins).toBe(2);
      await login(email, GOOD_PASSWORD);
      expect((await loginRow(loginId)).failed_logins).toBe(0);
    });

    it('refuses a disabled login with the generic answer, and its sessions', async () => {
      const { email, loginId } = await newLogin();
      const ok = await login(email, GOOD_PASSWORD);
      if (!ok.ok) throw new Error(ok.message);
      await admin.query('UPDATE logins SET disabled_at = now() WHERE id = $1', [loginId]);
      await expect(login(email, GOOD_PASSWORD)).resolves.toMatchObject({ key: 'loginFailed', reason: 'disabled' });
      await expect(sessionIsValid(loginId, ok.sessionsValidAfter)).resolves.toBe(false);
      await expect(requestPasswordReset(email)).resolves.toEqual({});
    });
    // The password is verified outside the transaction (it may wait in the hasher's queue);
    // what happened to the login meanwhile must win over the verification.
    describe('a change while the password was being verified', () => {
      async function loginHeldAfterVerify(email: string, password: string) {
        let release!: () => void;
        const gate = new Promise<void>((resolve) => (release = resolve));
        let verified!: () => void;
        const reached = new Promise<void>((resolve) => (verified = resolve));
        const original = TEST_PASSWORD_HASHER.verify.bind(TEST_PASSWORD_HASHER);
        const spy = jest.spyOn(TEST_PASSWORD_HASHER, 'verify').mockImplementationOnce(async (hash, typed) => {
          const ok = await original(hash, typed);
          verified();
          await gate;
          return ok;
        });
        const attempt = login(email, password);
        await reached;
        return {
          finish: async () => {
            release();
            const result = await attempt;
            spy.mockRestore();
            return result;
          },
        };
      }

      it('refuses the old password once a reset replaced it, and keeps the new one', async () => {
        const { email } = await newLogin();
        const token = await requestToken(email);
        const held = await loginHeldAfterVerify(email, GOOD_PASSWORD);
        await expect(reset(token)).resolves.toMatchObject({ ok: true });
        await expect(held.finish()).resolves.toMatchObject({ ok: false, reason: 'invalid' });
        await expect(login(email, NEW_PASSWORD)).resolves.toMatchObject({ ok: true });
        await expect(login(email, GOOD_PASSWORD)).resolves.toMatchObject({ ok: false });
      });

      it('refuses a login disabled meanwhile', async () => {
        const { email, loginId } = await newLogin();
        const held = await loginHeldAfterVerify(email, GOOD_PASSWORD);
        await admin.query('UPDATE logins SET disabled_at = now() WHERE id = $1', [loginId]);
        await expect(held.finish()).resolves.toMatchObject({ ok: false, reason: 'disabled' });
      });
    });
  });

  describe('password reset', () => {
    it('returns a token only for an email with a login', async () => {
      const { email, loginId } = await newLogin();
      const request = await requestPasswordReset(email.toUpperCase());
      expect(request).toMatchObject({ loginId, token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
      expect(request.expiresAt!.getTime() - Date.now()).toBeGreaterThan(29 * 60_000);
      await expect(requestPasswordReset(uniqueEmail('ukendt'))).resolves.toEqual({});
      await expect(requestPasswordReset('ikke en e-mail')).resolves.toEqual({});
      const stored = await admin.query('SELECT token_hash FROM password_resets WHERE login_id = $1', [loginId]);
      expect(JSON.stringify(stored.rows)).not.toContain(request.token);
    });

    it('sets the password, ends every other session, lifts a lockout, and works once', async () => {
      const { email, loginId } = await newLogin();
      const before = await login(email, GOOD_PASSWORD);
      if (!before.ok) throw new Error(before.message);
      await admin.query(
        `UPDATE logins SET failed_logins = 12, locked_until = now() + interval '1 hour' WHERE id = $1`,
        [loginId],
      );

      const token = await requestToken(email);
      await expect(isResetTokenValid(token)).resolves.toBe(true);
      await expect(reset(token, 'kodeord1')).resolves.toMatchObject({ field: 'password', key: 'passwordCommon' });
      await expect(reset(token, NEW_PASSWORD, 'noget andet')).resolves.toMatchObject({ key: 'passwordsDiffer' });
      const done = await reset(token);
      if (!done.ok) throw new Error(done.message);
      expect(done.loginId).toBe(loginId);
      expect(done.sessionsValidAfter.getTime()).toBeGreaterThan(before.sessionsValidAfter.getTime());

      await expect(sessionIsValid(loginId, before.sessionsValidAfter)).resolves.toBe(false);
      await expect(sessionIsValid(loginId, done.sessionsValidAfter)).resolves.toBe(true);
      await expect(login(email, GOOD_PASSWORD)).resolves.toMatchObject({ ok: false, reason: 'invalid' });
      const after = await login(email, NEW_PASSWORD);
      expect(after).toMatchObject({ ok: true, sessionsValidAfter: done.sessionsValidAfter });

      await expect(reset(token, 'Et helt tredje kodeord')).resolves.toEqual({
        ok: false,
        field: 'token',
        key: 'resetLinkInvalid',
        message: 'Linket til at nulstille adgangskoden er udløbet eller allerede brugt. Bestil et nyt.',
      });
      await expect(isResetTokenValid(token)).resolves.toBe(false);
    });

    it('refuses an expired token and one replaced by a newer request', async () => {
      const { email, loginId } = await newLogin();
      const older = await requestToken(email);
      const newer = await requestToken(email);
      await expect(reset(older)).resolves.toMatchObject({ key: 'resetLinkInvalid' });
      await admin.query(
        `UPDATE password_resets SET expires_at = now() - interval '1 second' WHERE login_id = $1 AND used_at IS NULL`,
        [loginId],
      );
      await expect(reset(newer)).resolves.toMatchObject({ key: 'resetLinkInvalid' });
      await expect(reset('not-a-token')).resolves.toMatchObject({ key: 'resetLinkInvalid' });
      await expect(login(email, GOOD_PASSWORD)).resolves.toMatchObject({ ok: true });
    });

    it('ends all sessions on request, strictly later each time', async () => {
      const { loginId } = await newLogin();
      const first = await endAllSessions(loginId);
      const second = await endAllSessions(loginId);
      expect(second.getTime()).toBeGreaterThan(first.getTime());
      await expect(sessionIsValid(loginId, first)).resolves.toBe(false);
      await expect(sessionIsValid(loginId, second)).resolves.toBe(true);
      await expect(sessionIsValid('not-a-uuid', second)).resolves.toBe(false);
    });

    it(`ends a session ${SESSION_MAX_HOURS} hours after sign-in, by the database's clock`, async () => {
      const { loginId } = await newLogin();
      const stamp = await stampSession(loginId);
      const dbNow = ((await admin.query('SELECT now() AS now')).rows[0] as { now: Date }).now;
      expect(Math.abs(stamp.signedInAt.getTime() - dbNow.getTime())).toBeLessThan(5_000);
      const hoursAgo = (h: number) => new Date(stamp.signedInAt.getTime() - h * 3_600_000);
      await expect(sessionIsValid(loginId, stamp.validAfter, stamp.signedInAt)).resolves.toBe(true);
      await expect(sessionIsValid(loginId, stamp.validAfter, hoursAgo(7.9))).resolves.toBe(true);
      await expect(sessionIsValid(loginId, stamp.validAfter, hoursAgo(SESSION_MAX_HOURS))).resolves.toBe(false);
    });
  });
});
