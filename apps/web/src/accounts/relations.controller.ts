import { Body, Controller, Get, Post, Query, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';
import { RelationsService } from '@kk/identity';
import {
  Form,
  formSchema,
  identityErrors,
  parseForm,
  RateLimit,
  RateLimitedFilter,
  RateLimitGuard,
  SecurityEventLog,
  SignedInPage,
  textField,
  trimmedField,
  type FormValues,
  type SignedInPageContext,
} from '../kit';
import { addRelationPage, relationNotice, relationRequestsPage, type RelationNotice } from './relations-views';

const addForm = formSchema({ cpr: trimmedField, cardNumber: trimmedField });
const decisionForm = formSchema({ decision: z.enum(['approve', 'reject']), requestId: textField });
const requestForm = formSchema({ requestId: textField });

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
  addForm(@SignedInPage() page: SignedInPageContext, @Res() res: Response): void {
    res.render('relations/add', addRelationPage(page));
  }

  @Post('tilfoej')
  @UseGuards(RateLimitGuard)
  @UseFilters(RateLimitedFilter)
  @RateLimit('relation')
  async add(
    @SignedInPage() page: SignedInPageContext,
    @Form(addForm) form: FormValues<typeof addForm>,
    @Res() res: Response,
  ): Promise<void> {
    const result = await this.relations.add(page.caller, { ...form, cardNumberRule: page.tenant.cardNumber });
    if (!result.ok) {
      const errors = identityErrors(result, page.locale);
      return res.status(422).render('relations/add', addRelationPage(page, { errors, cardNumber: form.cardNumber }));
    }
    // The outcome is logged, never the CPR typed.
    this.events.record('relation.requested', { ...page.audit, reason: result.status });
    res.redirect(303, result.status === 'granted' ? '/konti?besked=tilfoejet' : '/konti/tilknytninger?besked=afventer');
  }

  @Get('tilknytninger')
  async list(@SignedInPage() page: SignedInPageContext, @Res() res: Response, @Query('besked') besked: unknown) {
    const [mine, toDecide] = await Promise.all([
      this.relations.myPending(page.caller),
      this.relations.toDecide(page.caller),
    ]);
    res.render('relations/requests', relationRequestsPage(page, mine, toDecide, relationNotice(page, besked)));
  }

  /** "Godkend" or "Afvis" on a request to see one of this login's persons. */
  @Post('tilknytninger/beslut')
  async decide(@SignedInPage() page: SignedInPageContext, @Body() body: unknown, @Res() res: Response): Promise<void> {
    const form = parseForm(decisionForm, body, page.locale);
    if (!form.ok) return back(res, 'ukendt');
    const result = await this.relations.decide(page.caller, form.values.requestId, form.values.decision);
    if (result.ok) this.events.record('relation.decided', { ...page.audit, reason: result.status });
    back(res, !result.ok ? 'ukendt' : result.status === 'approved' ? 'godkendt' : 'afvist');
  }

  /** "Slet tilknytning" on this login's own pending request. */
  @Post('tilknytninger/slet')
  async withdraw(
    @SignedInPage() page: SignedInPageContext,
    @Form(requestForm) form: FormValues<typeof requestForm>,
    @Res() res: Response,
  ): Promise<void> {
    const result = await this.relations.withdraw(page.caller, form.requestId);
    back(res, result.ok ? 'slettet' : 'ukendt');
  }
}

function back(res: Response, notice: RelationNotice): void {
  res.redirect(303, `/konti/tilknytninger?besked=${notice}`);
}
