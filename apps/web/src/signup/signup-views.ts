import type { IdentityFailure } from '@kk/identity';
import { t } from '@kk/texts';
import { identityErrors, portalView, type FormErrors, type PageContext } from '../kit';

export type SignupStepView = 'details' | 'student' | 'activation' | 'password';

export interface SignupPageData {
  errors?: FormErrors;
  values?: Record<string, string>;
  /** Where "Start forfra" leads, shown beside an error that ends the sign-up. */
  startOver?: string;
}

// These end the sign-up: the person must begin again (or log in, when it is already done).
const ENDS_SIGNUP = new Set(['signupNotFound', 'tooManyAttempts', 'codeExpired', 'emailTaken']);

export function failureView(failure: IdentityFailure, page: PageContext): SignupPageData {
  const startOver =
    failure.key === 'signupCompleted'
      ? '/login'
      : ENDS_SIGNUP.has(failure.key) && failure.field !== 'email'
        ? '/opret'
        : undefined;
  return { errors: identityErrors(failure, page.locale), ...(startOver ? { startOver } : {}) };
}

export function signupPage(page: PageContext, step: SignupStepView, data: SignupPageData = {}) {
  return portalView(page, 'signup.title', {
    errors: {},
    values: {},
    ...data,
    ...(step === 'student' ? { cardHint: page.tenant.cardNumber.hint ?? '' } : {}),
    ...(step === 'password'
      ? {
          passwordLabel: t(page.locale, 'signup.password'),
          repeatLabel: t(page.locale, 'signup.passwordRepeat'),
        }
      : {}),
  });
}

/** A step again, with the lib's failure beside its field and what was typed (never a CPR or password). */
export function failedStepPage(
  page: PageContext,
  step: SignupStepView,
  failure: IdentityFailure,
  values?: Record<string, string>,
) {
  return signupPage(page, step, { ...failureView(failure, page), ...(values ? { values } : {}) });
}

export function confirmationPage(page: PageContext) {
  return portalView(page, 'signup.doneTitle', {});
}

/** The activation e-mail's link no longer works: "Start forfra". */
export function linkExpiredPage(page: PageContext, message: string) {
  return portalView(page, 'signup.linkExpiredTitle', {
    message,
    againUrl: '/opret',
    againText: t(page.locale, 'signup.startOver'),
  });
}
