import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { IdentityModule, PasswordHasher, SignupActivationService, SignupService, TotpSecretBox } from '@kk/identity';
import { EmailOutbox, EmailSealer } from '@kk/notifications';
import type { TenantId } from '@kk/tenancy';
import { startLibTestContext, type LibTestContext } from './lib-context';
import { TEST_CPR_CIPHER, uniqueEmail, type TestPerson } from './people';

/** One per process: the dummy hash is cached. */
export const TEST_PASSWORD_HASHER = new PasswordHasher();

/** The two-factor secrets of the suite, sealed under a key of its own (the portal test app uses it too). */
export const TEST_TOTP_BOX = new TotpSecretBox(Buffer.alloc(32, 5).toString('base64'));

/** The outbox e-mails of lib specs, sealed under a key of their own (TEST_EMAIL_SEALER opens them). */
export const TEST_EMAIL_SEALER = EmailSealer.fromSecret(randomBytes(32).toString('base64'));
export const TEST_EMAIL_OUTBOX = new EmailOutbox(TEST_EMAIL_SEALER);

export const GOOD_PASSWORD = 'Rugbrød med leverpostej 7';

/** The identity lib's services (IdentityModule) over the test's DataSource, with the test keys above. */
export function startIdentityTestContext(ds: DataSource): Promise<LibTestContext> {
  return startLibTestContext(ds, TEST_CPR_CIPHER, [
    IdentityModule.forRoot({
      passwordHasher: TEST_PASSWORD_HASHER,
      totpSecretBox: TEST_TOTP_BOX,
      emailOutbox: TEST_EMAIL_OUTBOX,
    }),
  ]);
}

/** The whole email sign-up through the identity services, for specs that need a login to start from. */
export async function signUp(lib: LibTestContext, tenantId: TenantId, person: TestPerson, email = uniqueEmail()) {
  const signups = lib.get(SignupService);
  const activation = lib.get(SignupActivationService);
  const caller = { tenantId };
  return lib.inTenant(tenantId, async () => {
    const started = await signups.start(caller, { cpr: person.cpr, email });
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
