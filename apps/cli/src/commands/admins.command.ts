import { publicOrigin } from '@kk/config';
import { AdminInvitationsService } from '@kk/identity';
import type { CliContext } from '../cli-context';
import { CliError } from '../cli-error';

export interface AdminOutput {
  email: string;
  setPasswordUrl: string;
}

/** A tenant admin and a one-time link (valid 7 days) to choose a password. */
export async function createAdmin(ctx: CliContext, tenantSlug: string, rawEmail: string): Promise<AdminOutput> {
  const tenant = ctx.tenant(tenantSlug);
  const invitation = await (await ctx.service(AdminInvitationsService)).invite({ tenantId: tenant.slug }, rawEmail);
  if (!invitation.ok && invitation.reason === 'invalidEmail')
    throw new CliError(`"${rawEmail}" is not an email address`);
  if (!invitation.ok) {
    throw new CliError(`${invitation.email} is already an admin of "${tenant.slug}" and has a password`);
  }
  const url = new URL('/admin/set-password', publicOrigin(ctx.env, tenant.hosts[0]));
  url.searchParams.set('token', invitation.token);
  return { email: invitation.email, setPasswordUrl: url.toString() };
}
