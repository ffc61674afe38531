export interface TenantConfigIssue {
  /** The file the problem is in, as shown to the operator. */
  readonly file: string;
  /** Key path inside the file, e.g. `features.payouts.mode`; empty for the file as a whole. */
  readonly key: string;
  readonly message: string;
}

/** Thrown at start-up when tenants/ holds a bad configuration; lists every problem found. */
export class TenantConfigError extends Error {
  override readonly name = 'TenantConfigError';

  constructor(readonly issues: readonly TenantConfigIssue[]) {
    super(
      [`Invalid tenant configuration (${issues.length} ${issues.length === 1 ? 'problem' : 'problems'}):`]
        .concat(issues.map((issue) => `  ${formatTenantConfigIssue(issue)}`))
        .join('\n'),
    );
  }
}

export function formatTenantConfigIssue(issue: TenantConfigIssue): string {
  return issue.key === '' ? `${issue.file}: ${issue.message}` : `${issue.file}: ${issue.key}: ${issue.message}`;
}
