import { RESET_TOKEN_MINUTES } from '@kk/identity';
import { t } from '@kk/texts';
import { portalView, type FormErrors, type PageContext } from '../kit';

export function forgotPage(page: PageContext) {
  return portalView(page, 'reset.forgotTitle', { errors: {}, values: {} });
}

export function sentPage(page: PageContext) {
  return portalView(page, 'reset.sentTitle', { minutes: RESET_TOKEN_MINUTES });
}

export function resetPage(page: PageContext, token: string, errors: FormErrors = {}) {
  return portalView(page, 'reset.title', {
    token,
    errors,
    passwordLabel: t(page.locale, 'reset.newPassword'),
    repeatLabel: t(page.locale, 'reset.repeat'),
  });
}

/** The reset link no longer works (used, expired, or never issued): "Bed om et nyt link". */
export function invalidLinkPage(page: PageContext) {
  return portalView(page, 'signup.linkExpiredTitle', {
    message: t(page.locale, 'reset.invalid'),
    againUrl: '/glemt-adgangskode',
    againText: t(page.locale, 'reset.askAgain'),
  });
}
