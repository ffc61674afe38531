/** What account_audit_events.action may say (migration 1763780000012 names the same list). */
export const AUDIT_ACTIONS = [
  'card_blocked',
  'card_unblocked',
  'card_number_changed',
  'spending_limits_changed',
  'allowed_units_changed',
  'photo_uploaded',
  'photo_removed',
  'contact_changed',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** A value in an audit row's before/after: plain JSON, never a picture or a secret. */
export type AuditValue = string | number | boolean | null | readonly string[];

export type AuditValues = Readonly<Record<string, AuditValue>>;

/** One change as the tenant admin will read it: what, and the values before and after. */
export interface AuditEntry {
  readonly action: AuditAction;
  readonly before: AuditValues;
  readonly after: AuditValues;
}
