/** A unit (enhed) of the tenant, where tills stand. */
export interface UnitChoice {
  readonly id: string;
  readonly name: string;
}

/** Where the card may pay: everywhere (also in units added later), or only in the listed units. */
export type UnitRestriction =
  { readonly restricted: false } | { readonly restricted: true; readonly allowed: readonly string[] };

export type UnitsFieldError = { readonly field: 'units'; readonly reason: 'noneChosen' | 'unknownUnit' };

export type UnitsCheck =
  | { readonly ok: true; readonly restriction: UnitRestriction }
  | { readonly ok: false; readonly errors: readonly UnitsFieldError[] };

/**
 * The ticked units as the till will apply them. Every unit ticked means everywhere: the card
 * then also pays in a unit the tenant opens later, which is what a parent who ticked them all
 * expects. None ticked is refused rather than read as "nowhere" (that is "Spær kort") or as
 * "everywhere" (the opposite of what the boxes said). A unit not of this tenant is refused:
 * no browser sends one, so the page was tampered with or is older than a unit's removal.
 */
export function checkAllowedUnits(units: readonly UnitChoice[], ticked: readonly string[]): UnitsCheck {
  const known = new Set(units.map((unit) => unit.id));
  const chosen = [...new Set(ticked)];
  if (chosen.some((id) => !known.has(id))) return { ok: false, errors: [{ field: 'units', reason: 'unknownUnit' }] };
  if (chosen.length === 0) return { ok: false, errors: [{ field: 'units', reason: 'noneChosen' }] };
  if (chosen.length === known.size) return { ok: true, restriction: { restricted: false } };
  return { ok: true, restriction: { restricted: true, allowed: chosen.sort() } };
}

/** Which boxes the page ticks: all when the card may pay everywhere, else the allowed ones. */
export function tickedUnits(units: readonly UnitChoice[], restriction: UnitRestriction): Set<string> {
  return new Set(restriction.restricted ? restriction.allowed : units.map((unit) => unit.id));
}
