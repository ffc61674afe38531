import type { Response } from 'supertest';

/** One Set-Cookie header of a response, split into its name, value and attributes. */
export interface SetCookie {
  readonly name: string;
  readonly value: string;
  /** The attributes as sent (`Path=/`, `Secure`, …), without the name=value pair. */
  readonly attributes: readonly string[];
}

export function setCookiesOf(res: Response): SetCookie[] {
  const raw: unknown = res.headers['set-cookie'];
  const lines = Array.isArray(raw) ? (raw as string[]) : typeof raw === 'string' ? [raw] : [];
  return lines.map((line) => {
    const [pair, ...attributes] = line.split(';').map((part) => part.trim());
    const eq = pair.indexOf('=');
    return { name: pair.slice(0, eq), value: pair.slice(eq + 1), attributes };
  });
}

export function setCookieNamed(res: Response, name: string): SetCookie | undefined {
  return setCookiesOf(res).find((cookie) => cookie.name === name);
}

/** Whether a cookie carries an attribute, by name and case-insensitively (`secure`, `domain`). */
export function hasAttribute(cookie: SetCookie, name: string): boolean {
  return cookie.attributes.some((attribute) => attribute.split('=')[0].toLowerCase() === name.toLowerCase());
}

/** A Cookie request header carrying every cookie a response set, as a browser over https would send them. */
export function cookieHeaderFrom(...responses: Response[]): string {
  const jar = new Map<string, string>();
  for (const res of responses) for (const cookie of setCookiesOf(res)) jar.set(cookie.name, cookie.value);
  return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
}

/** The session id in Redis (`kk:sess:<sid>`) behind a signed express-session cookie value (`s:<sid>.<signature>`). */
export function sessionIdOf(cookieValue: string): string {
  const signed = decodeURIComponent(cookieValue);
  if (!signed.startsWith('s:') || !signed.includes('.')) throw new Error(`not a signed session cookie: ${signed}`);
  return signed.slice(2, signed.indexOf('.'));
}

/** What a security event line must never carry: CPR numbers, passwords and email addresses in clear. */
export interface Secrets {
  readonly cprs: readonly string[];
  readonly passwords: readonly string[];
  readonly emails: readonly string[];
}

// Ten digits (or six, a hyphen and four) standing alone: a CPR number, whoever's it is. Not
// inside a longer token: a test tenant's slug (t-<10 hex digits>) may be all digits by chance.
const CPR_LIKE = /(?<![\w-])(\d{10}|\d{6}-\d{4})(?![\w-])/;

/** The lines of the security event log that leak one of the secrets or any CPR-like number. */
export function leakingLines(events: readonly Record<string, unknown>[], secrets: Secrets): string[] {
  const needles = [...secrets.cprs, ...secrets.passwords, ...secrets.emails.map((e) => e.toLowerCase())];
  return events
    .map((event) => JSON.stringify(event))
    .filter(
      (line) => CPR_LIKE.test(line) || needles.some((needle) => line.toLowerCase().includes(needle.toLowerCase())),
    );
}
