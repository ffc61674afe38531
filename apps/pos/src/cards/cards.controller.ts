import { Controller, Get, Param, Req } from '@nestjs/common';
import { parseCardNumber, PosAuthorizationService, type CardView } from '@kk/pos-authorization';
import { notFound } from '../http/problem';
import { tillOf, type TillRequest } from '../http/till-auth.guard';

@Controller('pos/v1/cards')
export class CardsController {
  constructor(private readonly pos: PosAuthorizationService) {}

  @Get(':cardNumber')
  async lookup(@Req() request: TillRequest, @Param('cardNumber') cardNumber: string): Promise<CardView> {
    const parsed = parseCardNumber(cardNumber);
    const card = parsed.ok ? await this.pos.card(tillOf(request), parsed.value) : undefined;
    if (!card) throw notFound('No card with this number is known to this tenant.');
    return card;
  }
}
