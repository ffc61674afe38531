/**
 * The broker's CPR match (Signaturgruppen/Nets eID Broker "MitID CPR Match API", offered to
 * private service providers, who get no CPR claim): does this CPR belong to the MitID
 * identity that the access token was issued for? The token binds the question to our
 * client and to that one MitID login; the broker allows 3 questions per login, within 15
 * minutes of it. `POST <url> {"cpr"}` with `Authorization: Bearer <access token>` answers
 * `{"cprNumberMatch": true|false}`, or 400 `{"errorMessage"}` when it refuses to answer.
 */
export type CprMatchAnswer =
  | 'match'
  | 'noMatch'
  /** The broker's tries for this MitID login are used up: a new MitID login is needed. */
  | 'triesExhausted'
  /** The access token or the broker's 15-minute window ran out: log in with MitID again. */
  | 'loginExpired'
  | 'unavailable';

const TIMEOUT_MS = 5_000;

export async function askBrokerCprMatch(
  url: string,
  accessToken: string,
  cpr: string,
  fetchImpl: typeof fetch = fetch,
): Promise<CprMatchAnswer> {
  if (!accessToken) return 'loginExpired';
  let response: Response;
  try {
    response = await fetchImpl(url, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${accessToken}`,
        'content-type': 'application/json',
        accept: 'application/json',
      },
      body: JSON.stringify({ cpr }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch {
    return 'unavailable';
  }
  if (response.status === 401) return 'loginExpired';
  const body = await response.json().catch((): unknown => undefined);
  if (response.status === 200) return matchOf(body);
  if (response.status === 400) {
    const message = messageOf(body).toLowerCase();
    if (message.includes('exceeded')) return 'triesExhausted';
    if (message.includes('minutes')) return 'loginExpired';
  }
  return 'unavailable';
}

// The swagger says boolean; NEB's other endpoints send booleans as strings, so take both.
function matchOf(body: unknown): CprMatchAnswer {
  const value = (body as { cprNumberMatch?: unknown } | undefined)?.cprNumberMatch;
  if (value === true || value === 'true') return 'match';
  if (value === false || value === 'false') return 'noMatch';
  return 'unavailable';
}

function messageOf(body: unknown): string {
  const message = (body as { errorMessage?: unknown } | undefined)?.errorMessage;
  return typeof message === 'string' ? message : '';
}
