/** Injection tokens of the web kit's plain values, given by WebKitModule.forRoot (web-kit.module.ts). */

/** The portal's Redis connection (ioredis): sessions and rate-limit counters. */
export const PORTAL_REDIS = Symbol('PORTAL_REDIS');
/** The secret of session cookies and CSRF tokens (SESSION_SECRET); the e-mail sealing key derives from it too. */
export const SESSION_SECRET = Symbol('SESSION_SECRET');
/** boolean: Secure, `__Host-` cookies, wherever the public origin is https. */
export const SECURE_COOKIES = Symbol('SECURE_COOKIES');
/** (host) => the tenant host's public origin, from PUBLIC_BASE_URL_TEMPLATE. */
export const PUBLIC_ORIGIN = Symbol('PUBLIC_ORIGIN');
/** Partial<RateLimitSettings>: the numbers that differ from the defaults. */
export const RATE_LIMIT_SETTINGS = Symbol('RATE_LIMIT_SETTINGS');
/** pino DestinationStream of the security event log, when not stdout. */
export const SECURITY_EVENT_DESTINATION = Symbol('SECURITY_EVENT_DESTINATION');
/** The express-session middleware over Redis (portal-session.ts). */
export const SESSION_MIDDLEWARE = Symbol('SESSION_MIDDLEWARE');
/** The CSRF protection (csrf.ts): its middleware and token maker. */
export const CSRF = Symbol('CSRF');
