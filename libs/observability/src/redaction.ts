/** What every redacted value is logged as. */
export const REDACTED = '[Redacted]';

/**
 * Field names whose values never reach a log line, wherever a caller puts them (top level, or
 * one or two objects down): secrets, one-time codes, CPR and card numbers.
 */
export const SECRET_FIELDS: readonly string[] = [
  'password',
  'newPassword',
  'currentPassword',
  'passwordConfirmation',
  'cpr',
  'cardNumber',
  'token',
  'accessToken',
  'refreshToken',
  'idToken',
  'access_token',
  'refresh_token',
  'id_token',
  'code',
  'secret',
  'clientSecret',
  'client_secret',
  'apiKey',
  'sessionSecret',
];

/** Query parameters whose values are secret: OIDC's code and state, emailed link tokens. */
export const SECRET_QUERY_PARAMETERS: ReadonlySet<string> = new Set([
  'code',
  'state',
  'token',
  'id_token',
  'access_token',
  'session_state',
  'cpr',
  'cardnumber',
]);

const SECRET_HEADERS = ['authorization', 'proxy-authorization', 'cookie', 'x-api-key'];

function quoted(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `["${key}"]`;
}

// Objects a caller is likely to log whole (a form, a job's data, an error): their secret
// fields are redacted one level down too.
const CONTAINERS = ['body', 'form', 'query', 'params', 'payload', 'data', 'input', 'fields', 'user', 'err'];

/**
 * pino `redact` paths: the headers that carry credentials, and the secret fields at the top
 * level, inside the usual containers and inside a job's `data.payload`. Explicit paths only:
 * wildcards (`*.password`) cost ~15 µs a line with this many names, on every request of the
 * POS hot path, against ~1 µs for these.
 */
export const REDACT_PATHS: readonly string[] = unique([
  ...SECRET_HEADERS.map((header) => `req.headers${quoted(header)}`),
  'res.headers["set-cookie"]',
  ...SECRET_FIELDS,
  ...CONTAINERS.flatMap((container) => SECRET_FIELDS.map((field) => `${container}${quoted(field)}`)),
  ...SECRET_FIELDS.map((field) => `data.payload${quoted(field)}`),
  ...[...SECRET_QUERY_PARAMETERS].map((name) => `query${quoted(name)}`),
]);

function unique(paths: readonly string[]): string[] {
  return [...new Set(paths)];
}

/** A path prefix whose next segment is secret, e.g. `/pos/v1/cards/` (the card number). */
export type SecretPathPrefix = string;

// Ten or more digits standing alone (DDMMYY-SSSS or a card number), as scripts/check-log-for-cpr
// looks for them; digits inside a UUID or a longer word are left alone.
const CPR_OR_CARD_NUMBER = /(?<![\w-])\d{6}-?\d{4,}(?![\w-])/g;

/**
 * A request URL as it may be logged: the segment after each secret prefix, any CPR- or
 * card-like number and the values of secret query parameters replaced by `[Redacted]`.
 */
export function redactUrl(url: string, secretPrefixes: readonly SecretPathPrefix[] = []): string {
  const queryAt = url.indexOf('?');
  let path = queryAt === -1 ? url : url.slice(0, queryAt);
  for (const prefix of secretPrefixes) {
    if (path.startsWith(prefix) && path.length > prefix.length) {
      const end = path.indexOf('/', prefix.length);
      path = `${prefix}${REDACTED}${end === -1 ? '' : path.slice(end)}`;
    }
  }
  path = path.replace(CPR_OR_CARD_NUMBER, REDACTED);
  return queryAt === -1 ? path : `${path}?${redactQuery(url.slice(queryAt + 1))}`;
}

function redactQuery(query: string): string {
  return query
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const name = equals === -1 ? pair : pair.slice(0, equals);
      if (SECRET_QUERY_PARAMETERS.has(safeDecode(name).toLowerCase())) return `${name}=${REDACTED}`;
      return pair.replace(CPR_OR_CARD_NUMBER, REDACTED);
    })
    .join('&');
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
