import { Body, Controller, Get, HttpCode, Param, Post, Query, UseFilters, UseGuards } from '@nestjs/common';
import type { NexiMerchant } from '../merchant-credentials';
import { NexiAnswerDelay } from './answer-delay';
import { CurrentNexiMerchant, NexiAuthGuard } from './nexi-auth.guard';
import { FieldProblems, NexiExceptionFilter } from './nexi-errors';
import { parseBulkCharge, parseUnscheduledCharge } from './nexi-request-parsing';
import { NexiUnscheduledService, type BulkPaging } from './nexi-unscheduled.service';

/** Stored cards (unscheduled subscriptions): details, single charges and bulk charges. */
@Controller('v1/unscheduledsubscriptions')
@UseGuards(NexiAuthGuard)
@UseFilters(NexiExceptionFilter)
export class NexiUnscheduledController {
  constructor(
    private readonly unscheduled: NexiUnscheduledService,
    private readonly answerDelay: NexiAnswerDelay,
  ) {}

  /** Charged first, then answered after the test controls' answer delay (0 unless set). */
  @Post('charges')
  @HttpCode(202)
  async bulkCharge(@CurrentNexiMerchant() merchant: NexiMerchant, @Body() body: unknown) {
    const answer = this.unscheduled.bulkCharge(merchant, parseBulkCharge(body));
    await this.answerDelay.hold();
    return answer;
  }

  @Get('charges/:bulkId')
  bulkStatus(
    @CurrentNexiMerchant() merchant: NexiMerchant,
    @Param('bulkId') bulkId: string,
    @Query() query: Record<string, unknown>,
  ) {
    return this.unscheduled.bulkStatus(merchant, bulkId, parsePaging(query));
  }

  @Get(':unscheduledSubscriptionId')
  retrieve(@CurrentNexiMerchant() merchant: NexiMerchant, @Param('unscheduledSubscriptionId') id: string) {
    return this.unscheduled.retrieve(merchant, id);
  }

  @Post(':unscheduledSubscriptionId/charges')
  @HttpCode(201)
  charge(
    @CurrentNexiMerchant() merchant: NexiMerchant,
    @Param('unscheduledSubscriptionId') id: string,
    @Body() body: unknown,
  ) {
    return this.unscheduled.charge(merchant, id, parseUnscheduledCharge(body));
  }
}

function parsePaging(query: Record<string, unknown>): BulkPaging {
  const problems = new FieldProblems();
  const paging: Record<string, number> = {};
  for (const name of ['skip', 'take', 'pageNumber', 'pageSize'] as const) {
    const value = query[name];
    if (value === undefined) continue;
    const number = typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : NaN;
    const least = name === 'skip' ? 0 : 1;
    if (Number.isNaN(number) || number < least) problems.add(name, `The ${name} is a whole number from ${least}.`);
    else paging[name] = number;
  }
  problems.throwIfAny();
  return paging;
}
