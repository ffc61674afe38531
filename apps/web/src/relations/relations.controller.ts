import { Body, Controller, Get, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { currentTenant } from '@kk/tenancy';
import { pageContext } from '../portal/page-context';
import { field } from '../signup/email-tenant';
import { identityErrors } from '../signup/form-errors';
import { RateLimit, RateLimitedFilter, RateLimitGuard } from '../http/rate-limits';
import { SecurityEventLog } from '../security-log/security-event-log';
import { RelationsService } from '@kk/identity';
import { addRelationPage, relationNotice, relationRequestsPage, type RelationNotice } from './relations-views';

/**
 * "Tilføj konto" (CPR without hyphen + card number) and "Godkend tilknytninger". Signed in
 * only (the global guard). A right pair grants access at once; anything else, an unknown
 * CPR included, gets the one answer "Afventer godkendelse".
 */
@Controller('konti')
export class RelationsController {
  constructor(
    private readonly relations: RelationsService,
    private readonly events: SecurityEventLog,
  ) {}

  @Get('tilfoej')
  addForm(@Req() req: Request, @Res() res: Response): void {
    res.render('relations/add', addRelationPage(pageContext(req)));
  }

  @Post('tilfoej')
  @UseGuards(RateLimitGuard)
  @UseFilters(RateLimitedFilter)
  @RateLimit('relation')
  async add(@Req() req: Request, @Res() res: Response, @Body() form: unknown): Promise<void> {
    const ctx = pageContext(req);
    // The CPR is never echoed back into the page; the card number is.
    const values = { cardNumber: field(form, 'cardNumber').trim() };
    const result = await this.relations.add(callerOf(req), {
      cpr: field(form, 'cpr').trim(),
      cardNumber: values.cardNumber,
      cardNumberRule: ctx.tenant.cardNumber,
    });
    if (!result.ok) {
      res
        .status(422)
        .render('relations/add', addRelationPage(ctx, { errors: identityErrors(result, ctx.locale), values }));
      return;
    }
    // The outcome is logged, never the CPR typed.
    this.events.record('relation.requested', {
      tenant: ctx.tenant.slug,
      ip: req.ip,
      login: loginOf(req),
      reason: result.status,
    });
    if (result.status === 'granted') return res.redirect(303, '/konti?besked=tilfoejet');
    res.redirect(303, '/konti/tilknytninger?besked=afventer');
  }

  @Get('tilknytninger')
  async list(@Req() req: Request, @Res() res: Response, @Query('besked') besked: unknown): Promise<void> {
    const ctx = pageContext(req);
    const [mine, toDecide] = await Promise.all([
      this.relations.myPending(callerOf(req)),
      this.relations.toDecide(callerOf(req)),
    ]);
    res.render('relations/requests', relationRequestsPage(ctx, mine, toDecide, relationNotice(ctx, besked)));
  }

  /** "Godkend" or "Afvis" on a request to see one of this login's persons. */
  @Post('tilknytninger/beslut')
  async decide(@Req() req: Request, @Res() res: Response, @Body() form: unknown): Promise<void> {
    const ctx = pageContext(req);
    const decision = field(form, 'decision');
    if (decision !== 'approve' && decision !== 'reject') return back(res, 'ukendt');
    const result = await this.relations.decide(callerOf(req), field(form, 'requestId'), decision);
    if (result.ok) {
      this.events.record('relation.decided', {
        tenant: ctx.tenant.slug,
        ip: req.ip,
        login: loginOf(req),
        reason: result.status,
      });
    }
    back(res, !result.ok ? 'ukendt' : result.status === 'approved' ? 'godkendt' : 'afvist');
  }

  /** "Slet tilknytning" on this login's own pending request. */
  @Post('tilknytninger/slet')
  async withdraw(@Req() req: Request, @Res() res: Response, @Body() form: unknown): Promise<void> {
    const result = await this.relations.withdraw(callerOf(req), field(form, 'requestId'));
    back(res, result.ok ? 'slettet' : 'ukendt');
  }
}

const loginOf = (req: Request): string => req.session.loginId ?? '';
const callerOf = (req: Request) => ({ tenantId: currentTenant(req).slug, loginId: loginOf(req) });

function back(res: Response, notice: RelationNotice): void {
  res.redirect(303, `/konti/tilknytninger?besked=${notice}`);
}
