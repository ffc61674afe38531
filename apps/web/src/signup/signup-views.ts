import type { IdentityFailure } from '@kk/identity';
import { t, type PlainTextKey } from '@kk/texts';
import type { PageContext } from '../portal/page-context';
import { portalView } from '../portal/portal-views';
import { identityErrors, type FormErrors } from './form-errors';

export type SignupStepView = 'details' | 'student' | 'activation' | 'password';

export interface SignupPageData {
  errors?: FormErrors;
  values?: Record<string, string>;
  /** Where "Start forfra" leads, shown beside an error that ends the sign-up. */
  startOver?: string;
}

// These end the sign-up: the person must begin again (or log in, when it is already done).
const ENDS_SIGNUP = new Set(['signupNotFound', 'tooManyAttempts', 'codeExpired', 'emailTaken']);

export function failureView(failure: IdentityFailure, ctx: PageContext): SignupPageData {
  const startOver =
    failure.key === 'signupCompleted'
      ? '/login'
      : ENDS_SIGNUP.has(failure.key) && failure.field !== 'email'
        ? '/opret'
        : undefined;
  return { errors: identityErrors(failure, ctx.locale), ...(startOver ? { startOver } : {}) };
}

export function signupPage(ctx: PageContext, step: SignupStepView, page: SignupPageData = {}) {
  return portalView(ctx, 'signup.title', {
    errors: {},
    values: {},
    ...page,
    ...(step === 'student' ? { cardHint: ctx.tenant.cardNumber.hint ?? '' } : {}),
    ...(step === 'password'
      ? {
          passwordLabel: t(ctx.locale, 'signup.password'),
          repeatLabel: t(ctx.locale, 'signup.passwordRepeat'),
        }
      : {}),
  });
}

export function confirmationPage(ctx: PageContext) {
  return portalView(ctx, 'signup.doneTitle', {});
}

/** A link from an email that no longer works, with the way to ask again. */
export function linkExpiredPage(ctx: PageContext, message: string, again: { url: string; textKey: PlainTextKey }) {
  return portalView(ctx, 'signup.linkExpiredTitle', {
    message,
    againUrl: again.url,
    againText: t(ctx.locale, again.textKey),
  });
}
