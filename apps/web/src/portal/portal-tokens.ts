/** Injection tokens of the portal's plain values. */
export const SECURE_COOKIES = Symbol('SECURE_COOKIES');
/** (host) => the tenant host's public origin, from PUBLIC_BASE_URL_TEMPLATE. */
export const PUBLIC_ORIGIN = Symbol('PUBLIC_ORIGIN');
