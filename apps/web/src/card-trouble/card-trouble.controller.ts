import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CardTroubleService } from '@kk/card-trouble';
import { SignedInPage, type SignedInPageContext } from '../kit';
import { cardTroublePage } from './card-trouble-views';

/**
 * "Kortet virker ikke" (both seeds' checklist, made real): the card's state now and the
 * latest declines with their actual reasons. An account the login may not see, a guessed
 * id or no uuid at all answers 404, as if it did not exist.
 */
@Controller('konti/:accountId/kortet-virker-ikke')
export class CardTroubleController {
  constructor(private readonly trouble: CardTroubleService) {}

  @Get()
  async show(@SignedInPage() page: SignedInPageContext, @Param('accountId') accountId: string, @Res() res: Response) {
    const facts = await this.trouble.facts(page.caller, accountId);
    if (!facts) throw new NotFoundException();
    res.render('card-trouble/card-trouble', cardTroublePage(page, facts));
  }
}
