import { Controller, Get, Headers, Inject, Res } from '@nestjs/common';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { DomainError } from '../../domain/errors';
import { Metrics } from '../../infra/metrics/metrics';
import { Public } from '../auth/auth.decorators';
import { ApiOp } from '../../infra/http/openapi/api-docs';

const sameSecret = (given: string, expected: string): boolean => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/**
 * GET /metrics on the API's port, for a scraper holding METRICS_TOKEN (`Authorization: Bearer
 * <token>`). Without a token configured it is not served here (METRICS_PORT serves it apart).
 */
@ApiTags('metrics')
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @ApiOp({
    id: 'getMetrics',
    summary: 'Prometheus metrics (Authorization: Bearer METRICS_TOKEN)',
    problems: ['NOT_FOUND', 'UNAUTHENTICATED'],
  })
  @ApiResponse({
    status: 200,
    description: 'Prometheus text format',
    content: { 'text/plain': { schema: { type: 'string' } } },
  })
  @Public()
  @Get()
  async scrape(
    @Headers('authorization') authorization: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const token = this.config.metrics.token;
    if (token === null) throw new DomainError('NOT_FOUND', 'Metrics are not served on this port');
    const given = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
    if (given === undefined || !sameSecret(given, token)) {
      throw new DomainError('UNAUTHENTICATED', 'A valid metrics token is required');
    }
    void reply.header('Content-Type', this.metrics.registry.contentType);
    return this.metrics.registry.metrics();
  }
}
