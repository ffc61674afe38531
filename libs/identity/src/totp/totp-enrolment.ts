import { generateSecret } from '@otplib/core';
import { generateTOTP } from '@otplib/uri';
import { base32, nodeCrypto } from './totp-plugins';

/** 160 bits: RFC 4226's recommended length, and what authenticator apps are tested with. */
export const TOTP_SECRET_BYTES = 20;

export interface TotpKeyUriInput {
  /** The tenant's product name, shown by the authenticator app above the code. */
  readonly issuer: string;
  /** The login's email, so a parent with two logins can tell the entries apart. */
  readonly email: string;
  /** From generateTotpSecret. */
  readonly secret: string;
}

/** A new shared secret, base32 as the app and the `otpauth://` URI carry it. */
export function generateTotpSecret(): string {
  return generateSecret({ crypto: nodeCrypto, base32, length: TOTP_SECRET_BYTES });
}

/**
 * The `otpauth://totp/Issuer:email?secret=…&issuer=…` URI for the enrolment QR code. SHA-1,
 * 6 digits and 30 s are the apps' defaults, so they are left out of the URI.
 */
export function totpKeyUri(input: TotpKeyUriInput): string {
  return generateTOTP({ issuer: labelPart(input.issuer), label: labelPart(input.email), secret: input.secret });
}

// The label is "issuer:account" and apps split it at the first colon, so neither may hold one.
function labelPart(text: string): string {
  return text.replace(/:/g, ' ').replace(/\s+/g, ' ').trim();
}
