import { isUuid } from '@kk/database';
import { Body, Controller, Headers, HttpCode, HttpStatus, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { parsePurchaseRequest, PosAuthorizationService, type PurchaseResponse } from '@kk/pos-authorization';
import { badRequest } from '../http/problem';
import { tillOf, type TillRequest } from '../http/till-auth.guard';
import { PosMetrics } from '../ops/pos-metrics';
import { idempotencyKeyReused, noSuchPurchase, notReversible } from './purchase-problems';

export interface ReversalResponse {
  readonly id: string;
  readonly status: 'reversed';
  readonly balance: number;
}

@Controller('pos/v1/purchases')
export class PurchasesController {
  constructor(
    private readonly pos: PosAuthorizationService,
    private readonly metrics: PosMetrics,
  ) {}

  @Post()
  async create(
    @Req() request: TillRequest,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PurchaseResponse> {
    const parsed = parsePurchaseRequest(idempotencyKey, body);
    if (!parsed.ok) throw badRequest(parsed.errors);
    const till = tillOf(request);
    const outcome = await this.pos.purchase(till, parsed.value);
    if (outcome.kind === 'key_reused') throw idempotencyKeyReused();
    this.metrics.recordDecision(till, outcome);
    void reply.status(outcome.kind === 'new' ? HttpStatus.CREATED : HttpStatus.OK);
    if (outcome.kind === 'replayed') void reply.header('idempotent-replayed', 'true');
    return outcome.response;
  }

  @Post(':id/reversal')
  @HttpCode(HttpStatus.OK)
  async reverse(@Req() request: TillRequest, @Param('id') id: string): Promise<ReversalResponse> {
    if (!isUuid(id)) throw noSuchPurchase();
    const outcome = await this.pos.reverse(tillOf(request), id.toLowerCase());
    if (outcome.kind === 'not_found') throw noSuchPurchase();
    if (outcome.kind === 'not_approved') throw notReversible();
    return { id: outcome.id, status: 'reversed', balance: outcome.balance };
  }
}
