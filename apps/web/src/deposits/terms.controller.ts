import { Controller, Get, NotFoundException, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Page, portalView, Public, type PageContext } from '../kit';
import { paragraphs } from './deposit-views';

/** "Handelsbetingelser og vilkår": public, since the providers' pages link to it (Nexi's termsUrl). */
@Controller('handelsbetingelser')
export class TermsController {
  @Public()
  @Get()
  show(@Page() page: PageContext, @Res() res: Response): void {
    const terms = page.tenant.payments?.terms;
    if (!terms) throw new NotFoundException();
    res.render('deposits/terms', portalView(page, 'terms.title', { paragraphs: paragraphs(terms) }));
  }
}
