import { Injectable } from '@nestjs/common';
import type { TenantConfig } from '@kk/tenancy';
import { TenantTransactions } from '@kk/tenant-transactions';
import { unitsOf } from './account-settings.queries';
import { SettingsAccountsRepository, SettingsAllowedUnitsRepository } from './account-settings.repositories';
import type { SettingsCaller, SettingsOutcome } from './account-settings.types';
import { checkAllowedUnits, type UnitChoice, type UnitRestriction, type UnitsFieldError } from './rules/allowed-units';
import {
  checkSpendingLimits,
  type LimitFieldError,
  type SpendingLimits,
  type SpendingLimitsForm,
} from './rules/spending-limits';
import { invalid, NOT_FOUND, SAVED, SettingsChanges, UNCHANGED } from './settings-changes';

/**
 * Where and how much the card may pay, each where the tenant offers it: "Max forbrug" per day,
 * week and month (the till sums the account's purchases against accounts.*_limit), and the
 * units (enheder) it may pay in (accounts.units_restricted + account_allowed_units). The till
 * reads both on every purchase, so a change holds from the next one.
 */
@Injectable()
export class SpendingSettingsService {
  constructor(
    private readonly changes: SettingsChanges,
    private readonly transactions: TenantTransactions,
    private readonly accounts: SettingsAccountsRepository,
    private readonly allowedUnits: SettingsAllowedUnitsRepository,
  ) {}

  saveLimits(
    caller: SettingsCaller,
    tenant: TenantConfig,
    accountId: string,
    form: SpendingLimitsForm,
  ): Promise<SettingsOutcome<LimitFieldError>> {
    if (!tenant.features.spendingLimits) return Promise.resolve(NOT_FOUND);
    return this.changes.within(caller, accountId, async (account) => {
      const checked = checkSpendingLimits(form);
      if (!checked.ok) return invalid(...checked.errors);
      if (sameLimits(account.limits, checked.limits)) return UNCHANGED;
      await this.accounts.setLimits(accountId, checked.limits);
      await this.changes.record(caller, accountId, {
        action: 'spending_limits_changed',
        before: { ...account.limits },
        after: { ...checked.limits },
      });
      return SAVED;
    });
  }

  saveUnits(
    caller: SettingsCaller,
    tenant: TenantConfig,
    accountId: string,
    ticked: readonly string[],
  ): Promise<SettingsOutcome<UnitsFieldError>> {
    if (!tenant.features.deviceRestrictions) return Promise.resolve(NOT_FOUND);
    return this.changes.within(caller, accountId, async (account) => {
      const { units, allowed } = await unitsOf(this.transactions.current(), accountId);
      const checked = checkAllowedUnits(units, ticked);
      if (!checked.ok) return invalid(...checked.errors);
      const before: UnitRestriction = account.unitsRestricted ? { restricted: true, allowed } : { restricted: false };
      if (sameRestriction(before, checked.restriction)) return UNCHANGED;
      await this.accounts.setUnitsRestricted(accountId, checked.restriction.restricted);
      await this.allowedUnits.replace(accountId, checked.restriction);
      await this.changes.record(caller, accountId, {
        action: 'allowed_units_changed',
        before: auditedRestriction(units, before),
        after: auditedRestriction(units, checked.restriction),
      });
      return SAVED;
    });
  }
}

function sameLimits(a: SpendingLimits, b: SpendingLimits): boolean {
  return a.daily === b.daily && a.weekly === b.weekly && a.monthly === b.monthly;
}

function sameRestriction(a: UnitRestriction, b: UnitRestriction): boolean {
  if (!a.restricted || !b.restricted) return a.restricted === b.restricted;
  return [...a.allowed].sort().join() === [...b.allowed].sort().join();
}

// The names as they were, for an admin who reads the trail after a unit was renamed; the ids
// sorted and the names in the page's order, so the same set is always written the same way.
function auditedRestriction(units: readonly UnitChoice[], restriction: UnitRestriction) {
  if (!restriction.restricted) return { everywhere: true, unitIds: [], units: [] };
  const allowed = new Set(restriction.allowed);
  return {
    everywhere: false,
    unitIds: [...allowed].sort(),
    units: units.filter((unit) => allowed.has(unit.id)).map((unit) => unit.name),
  };
}
