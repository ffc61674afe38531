import { COMMON_PASSWORDS } from './common-passwords';
import { identityFailure, type IdentityFailure } from './identity-messages';

/**
 * NIST SP 800-63B / ASVS 6.2: length and a blocklist, no composition rules (they push
 * people to "Sommer2024!"). Long passphrases are welcome up to 128 characters.
 */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

export interface PasswordContext {
  /** The login's email: a password containing its local part is refused. */
  readonly email?: string;
  /** More words a guesser would try first, e.g. the tenant's product name. */
  readonly words?: readonly string[];
}

export type PasswordCheck = { readonly ok: true } | IdentityFailure;

// A known word with a short run of digits or symbols glued on ("kodeord123!", "2024sommer")
// is as guessable as the word; a long random run is not, so only short runs are stripped.
const TRAILING_NOISE = /[\d\W_]{1,6}$/u;
const LEADING_NOISE = /^[\d\W_]{1,4}/u;
const MIN_WORD_TO_CHECK = 4;

/** Characters as people count them: an emoji or "æ" is one, not two UTF-16 units. */
export function passwordLength(password: string): number {
  return [...password.normalize('NFC')].length;
}

export function checkPassword(password: string, context: PasswordContext = {}): PasswordCheck {
  const length = passwordLength(password);
  if (length === 0) return identityFailure('password', 'passwordMissing');
  if (length < PASSWORD_MIN_LENGTH) return identityFailure('password', 'passwordTooShort');
  if (length > PASSWORD_MAX_LENGTH) return identityFailure('password', 'passwordTooLong');

  const lower = password.normalize('NFC').toLowerCase();
  if (containsEmail(lower, context.email)) return identityFailure('password', 'passwordContainsEmail');
  if (isCommon(lower, context.words ?? [])) return identityFailure('password', 'passwordCommon');
  return { ok: true };
}

function isCommon(lower: string, extraWords: readonly string[]): boolean {
  // One character repeated ("aaaaaaaa", "        ") is in no list but is guessed first.
  if (/^(.)\1*$/su.test(lower)) return true;
  const extra = new Set(extraWords.map((w) => w.toLowerCase()).filter((w) => w.length >= MIN_WORD_TO_CHECK));
  const candidates = new Set([lower, lower.replace(TRAILING_NOISE, ''), lower.replace(LEADING_NOISE, '')]);
  candidates.add(lower.replace(LEADING_NOISE, '').replace(TRAILING_NOISE, ''));
  for (const candidate of candidates) {
    if (candidate.length < MIN_WORD_TO_CHECK && candidate !== lower) continue;
    if (COMMON_PASSWORDS.has(candidate) || extra.has(candidate)) return true;
  }
  return false;
}

// The whole local part, and each of its longer pieces ("anne.hansen" -> "hansen").
function containsEmail(lower: string, email: string | undefined): boolean {
  if (!email) return false;
  const local = email.trim().toLowerCase().split('@')[0] ?? '';
  const pieces = [local, ...local.split(/[^\p{L}\p{N}]+/u)].filter((piece) => piece.length >= MIN_WORD_TO_CHECK);
  if (local.length >= 3 && local.length < MIN_WORD_TO_CHECK) pieces.push(local);
  return pieces.some((piece) => lower.includes(piece));
}
