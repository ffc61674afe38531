import { portalView, type PageContext } from '../kit';

/** "Indtast koden fra din app", with the error of a wrong one. */
export function codePage(page: PageContext, error?: string) {
  return portalView(page, 'twoFactor.codeTitle', error ? { error } : {});
}
