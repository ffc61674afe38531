import { Injectable } from '@nestjs/common';
import { CardholdersRepository, CardsRepository, CprCipher, type CardNumberRule } from '@kk/cardholders';
import { TenantTransactions } from '@kk/tenant-transactions';
import { EmailOutbox } from '@kk/notifications';
import type { IdentityMail, TenantCaller } from '../identity-caller';
import { checkCardNumber, checkCpr, checkEmail } from '../identity-inputs';
import { identityFailure, type IdentityFailure } from '../identity-messages';
import { LoginsRepository } from '../logins/logins.repository';
import { generateActivationCode, generateToken, hashActivationCode, hashToken } from '../one-time-token';
import { SIGNUP_MAX_ATTEMPTS, SignupsRepository } from './signups.repository';

/**
 * Email sign-up, the first half (seed 000 steps 1-4): the student's CPR and the email,
 * then the student's card number, then an activation code goes out by email. The second
 * half is SignupActivationService. A failure is returned, never thrown, so the step's
 * transaction commits either way: attempt counters must stick.
 *
 * A CPR is never confirmed or denied on its own. Step 1 accepts any well-formed CPR; an
 * unknown one fails at step 2 with the same message, counter and timing as a wrong card
 * number, and the pair CPR + card number is as hard to guess as the card number.
 *
 * Nor is an email address: one that already has a login goes through both steps exactly as
 * a new one (seed 000 allows one login per email). At step 2, instead of a code, its owner
 * is told by email that someone tried to sign up with it; the code the page then asks for
 * exists only as a hash nobody can answer, so that sign-up can never finish.
 */
const NO_ONE = '00000000-0000-0000-0000-000000000000';

export interface StartSignupInput {
  readonly cpr: string;
  readonly email: string;
}

export type StartSignupResult =
  { readonly ok: true; readonly signupId: string; readonly expiresAt: Date } | IdentityFailure;

export interface ConfirmStudentInput {
  /**
   * Asked by the form, as in the seed, but not compared: the card number is the proof,
   * and a spelling variant of a name must not fail a sign-up.
   */
  readonly name?: string;
  readonly cardNumber: string;
  /** The tenant's card number format; a number of the wrong shape is told at once. */
  readonly cardNumberRule?: CardNumberRule;
}

/** Everything the activation email needs. Plain secrets: send them, never store or log them. */
export interface ActivationEmail {
  readonly ok: true;
  readonly kind: 'activation';
  readonly email: string;
  readonly activationCode: string;
  /** For the link that resumes the sign-up in any browser (SignupActivationService.resume). */
  readonly resumeToken: string;
  readonly expiresAt: Date;
}

/** The email already has a login: send its owner the "someone tried to sign up" notice instead. */
export interface AlreadyRegisteredEmail {
  readonly ok: true;
  readonly kind: 'alreadyRegistered';
  readonly email: string;
  readonly expiresAt: Date;
}

export type ConfirmStudentResult = ActivationEmail | AlreadyRegisteredEmail | IdentityFailure;

/**
 * Step 2 as the page sees it: an e-mail was queued (the code, or to an address that already
 * has a login the notice; the page must not tell which), or the step refused.
 */
export type ConfirmStudentOutcome = { readonly ok: true; readonly alreadyRegistered: boolean } | IdentityFailure;

@Injectable()
export class SignupService {
  constructor(
    private readonly transactions: TenantTransactions,
    private readonly cipher: CprCipher,
    private readonly outbox: EmailOutbox,
    private readonly cardholders: CardholdersRepository,
    private readonly cards: CardsRepository,
    private readonly signups: SignupsRepository,
    private readonly logins: LoginsRepository,
  ) {}

  /** Step 1. */
  start(caller: TenantCaller, input: StartSignupInput): Promise<StartSignupResult> {
    const cpr = checkCpr(input.cpr);
    if (!cpr.ok) return Promise.resolve(cpr);
    const email = checkEmail(input.email);
    if (!email.ok) return Promise.resolve(email);
    return this.transactions.run(caller.tenantId, async () => {
      const cardholderId = (await this.cardholders.idByCprIndex(this.cipher.blindIndex(cpr.value))) ?? null;
      const created = await this.signups.create(email.value, cardholderId);
      return { ok: true, signupId: created.id, expiresAt: created.expiresAt };
    });
  }

  /**
   * Step 2, with its e-mail queued in the step's transaction: either e-mail is one outbox
   * row, so both answers take as long; the worker sends it (and retries) after the commit.
   */
  confirmStudentAndMail(
    caller: TenantCaller,
    signupId: string,
    input: ConfirmStudentInput,
    mail: IdentityMail,
  ): Promise<ConfirmStudentOutcome> {
    return this.transactions.run(caller.tenantId, async () => {
      const result = await this.confirmStudent(caller, signupId, input);
      if (!result.ok) return result;
      const tx = this.transactions.current();
      if (result.kind === 'alreadyRegistered') {
        await this.outbox.enqueue(tx, mail.tenant, result.email, 'signup-attempted', mail.locale, {
          loginUrl: `${mail.baseUrl}/login`,
          resetUrl: `${mail.baseUrl}/glemt-adgangskode`,
        });
      } else {
        await this.outbox.enqueue(tx, mail.tenant, result.email, 'activation-code', mail.locale, {
          code: result.activationCode,
          continueUrl: `${mail.baseUrl}/opret/fortsaet?token=${encodeURIComponent(result.resumeToken)}`,
          expiresInMinutes: Math.max(1, Math.round((result.expiresAt.getTime() - Date.now()) / 60_000)),
        });
      }
      return { ok: true, alreadyRegistered: result.kind === 'alreadyRegistered' };
    });
  }

  /**
   * Step 2 itself, answering the secrets for the e-mail (confirmStudentAndMail sends them).
   * Called again while the code is outstanding, it makes a fresh code and link (the old ones
   * stop working); the code's wrong-attempt counter carries over.
   */
  confirmStudent(caller: TenantCaller, signupId: string, input: ConfirmStudentInput): Promise<ConfirmStudentResult> {
    return this.transactions.run(caller.tenantId, async () => {
      const signup = await this.signups.lock(signupId);
      if (!signup || !signup.live || (signup.step !== 'details' && signup.step !== 'activation')) {
        return identityFailure('form', 'signupNotFound');
      }
      if (signup.cardAttempts >= SIGNUP_MAX_ATTEMPTS) return identityFailure('form', 'tooManyAttempts');
      const cardNumber = checkCardNumber(input.cardNumber, input.cardNumberRule);
      if (!cardNumber.ok) return cardNumber;

      // An unknown CPR still runs the card query (against no one), so it takes as long.
      const holder = signup.cardholderId ?? NO_ONE;
      const matches = (await this.cards.isActiveCardOf(holder, cardNumber.value)) && signup.cardholderId !== null;
      if (!matches) {
        const attempts = await this.signups.countAttempt(signup.id, 'cardAttempts');
        if (attempts >= SIGNUP_MAX_ATTEMPTS) return identityFailure('form', 'tooManyAttempts');
        return identityFailure('cardNumber', 'studentNotFound');
      }

      const taken = await this.logins.hasEmail(signup.email);
      // For a taken email the code and link are made, stored as hashes and thrown away unsent.
      const activationCode = generateActivationCode();
      const resumeToken = generateToken();
      const expiresAt = await this.signups.awaitActivation(
        signup.id,
        hashActivationCode(signup.id, activationCode),
        hashToken(resumeToken),
      );
      if (taken) return { ok: true, kind: 'alreadyRegistered', email: signup.email, expiresAt };
      return { ok: true, kind: 'activation', email: signup.email, activationCode, resumeToken, expiresAt };
    });
  }
}
