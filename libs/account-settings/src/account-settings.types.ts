import type { LoginCaller } from '@kk/identity';
import type { UnitChoice } from './rules/allowed-units';
import type { CardNumberFieldError } from './rules/card-number-change';
import type { ContactDetails, ContactFieldError } from './rules/contact-details';
import type { PhotoFieldError } from './rules/photo-upload';
import type { LimitFieldError, SpendingLimits } from './rules/spending-limits';
import type { UnitsFieldError } from './rules/allowed-units';

/** Who changes a setting, as the audit trail records it: the login, and the client's address. */
export interface SettingsCaller extends LoginCaller {
  readonly ip: string | undefined;
}

/** The account's usable card (at most one is not replaced). */
export interface CurrentCard {
  readonly cardNumber: string;
  readonly status: 'active' | 'blocked';
}

/** What the page shows of one account. */
export interface AccountSettingsFacts {
  readonly holderName: string;
  /** Øre. */
  readonly balance: number;
  readonly limits: SpendingLimits;
  readonly unitsRestricted: boolean;
  readonly contact: ContactDetails;
  readonly card: CurrentCard | null;
  /** A short hash of the stored photo (its link changes with it); null: no photo. */
  readonly photoVersion: string | null;
}

export interface AccountSettingsView extends AccountSettingsFacts {
  readonly accountId: string;
  /** The tenant's units, Danish order; empty where the tenant has no device restrictions. */
  readonly units: readonly UnitChoice[];
  /** The units the account may pay in by name (meaningful when unitsRestricted). */
  readonly allowedUnits: readonly string[];
}

/** The account row as locked by a change, with what the change compares against. */
export interface LockedAccount {
  readonly accountId: string;
  readonly limits: SpendingLimits;
  readonly unitsRestricted: boolean;
  readonly contact: ContactDetails;
  readonly card: CurrentCard | null;
}

export type BlockFieldError = { readonly field: 'block'; readonly reason: 'noCard' };

export type SettingsFieldError =
  BlockFieldError | CardNumberFieldError | LimitFieldError | UnitsFieldError | PhotoFieldError | ContactFieldError;

/**
 * How a change went. `notFound` is every "not there": an account the login may not see, a
 * guessed or malformed id, or a setting this tenant does not offer; the portal answers 404.
 */
export type SettingsOutcome<E extends SettingsFieldError> =
  | { readonly kind: 'saved' }
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'invalid'; readonly errors: readonly E[] }
  | { readonly kind: 'notFound' };

/** Spends one of a login's lookups (card numbers, uploads); false when its budget is used up. */
export interface AttemptBudget {
  take(): Promise<boolean>;
}

/** The photo as served. */
export interface StoredPhoto {
  readonly data: Buffer;
  readonly contentType: string;
  readonly version: string;
}
