import type { SettingsCaller } from '@kk/account-settings';
import type { SignedInPageContext } from '../kit';

/** Who changes a setting, as the audit trail records it: the page's login and client address. */
export function settingsCaller(page: SignedInPageContext): SettingsCaller {
  return { ...page.caller, ip: page.ip };
}
