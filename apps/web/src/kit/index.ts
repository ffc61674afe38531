/**
 * The web kit: what every feature folder of the portal shares, and nothing else. Features
 * (login, accounts, oidc, signup, …) import only libs (`@kk/*`) and this index, never each
 * other; the composition roots (web.module.ts, portal.module.ts) are the only code that
 * knows every feature. import-graph.spec.ts holds both rules.
 *
 * What belongs here: the request context (@Page, @SignedInPage), reading forms (@Form,
 * parseForm) and showing the libs' failures beside fields, the layout and the login page
 * several flows end on, the session, CSRF and language cookies, the sign-in guard and
 * @Public, rate limits, the security event log, and e-mail links. What one feature alone
 * needs stays in that feature; a helper that serves a lib's concept goes to that lib.
 */
export { csrfProtection, type Csrf } from './csrf';
export {
  fieldError,
  Form,
  formSchema,
  parseForm,
  textField,
  trimmedField,
  type FormValues,
  type ParsedForm,
} from './form';
export { identityErrors, identityText, type FormErrors } from './form-errors';
export { CSRF, PORTAL_REDIS, PUBLIC_ORIGIN, SECURE_COOKIES, SESSION_MIDDLEWARE, SESSION_SECRET } from './kit-tokens';
export { portalView, presentLayout, type LayoutView } from './layout';
export { localeOf, rememberLocale } from './locale-cookie';
export { loginPage } from './login-page';
export {
  Page,
  pageContextOf,
  SignedInPage,
  signedInPageOf,
  type PageContext,
  type SignedInPageContext,
} from './page-context';
export { endSession, regenerateSession, startSignedInSession } from './portal-session';
export { IS_PUBLIC_KEY, Public } from './public.decorator';
export { PublicLinks } from './public-links';
export { RateLimit, RateLimitedFilter, RateLimitGuard, type RateLimitSettings } from './rate-limits';
export { SecurityEventLog } from './security-event-log';
export { SessionValidityMiddleware } from './session-validity.middleware';
export { safeNext } from './sign-in-required';
export { WebKitModule } from './web-kit.module';
