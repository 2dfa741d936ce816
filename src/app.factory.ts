import { Metrics } from './shared/metrics/metrics';
import helmet from '@fastify/helmet';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppModule, type AppModuleOptions } from './app.module';
import { buildAppConfig } from './config/app-config';
import { validateEnvironment } from './config/environment';
import { useBoundedJsonParser } from './shared/http/bounded-json';
import { sendProblem, toProblem } from './shared/http/problem';
import { ProblemFilter } from './shared/http/problem.filter';
import { answerIdempotentReplay } from './shared/idempotency/idempotency.interceptor';
import { requestIdOf, serverRequestIdOf } from './shared/http/request-id';
import { createRootLogger, JsonLogger } from './shared/logging/logger';
import { createValidationPipe } from './shared/validation/validation-pipe';

export const API_PREFIX = 'api/v1';

const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "base-uri 'self'",
  "font-src 'self' https: data:",
  "form-action 'self'",
  "frame-ancestors 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "script-src 'self' 'unsafe-inline'",
  "script-src-attr 'none'",
  "style-src 'self' 'unsafe-inline'",
  'upgrade-insecure-requests',
].join(';');

/** Builds the configured application (not yet listening): used by main.ts and by the tests. */
export const createApp = async (
  options: AppModuleOptions = {},
): Promise<NestFastifyApplication> => {
  // The HTTP layer needs a few settings before Nest's config module has loaded.
  const early = buildAppConfig(validateEnvironment({ ...process.env, ...options.env }));
  const rootLogger = createRootLogger(early.log.level);
  const adapter = new FastifyAdapter({
    loggerInstance: rootLogger,
    genReqId: requestIdOf,
    bodyLimit: early.http.bodyLimitBytes,
    // JSON bodies carrying __proto__ or constructor.prototype are refused outright (400).
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    // Errors Fastify raises before routing (a malformed URL, a path parameter too long) are
    // problems too.
    frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) => {
      sendProblem(reply, toProblem(error, request.id));
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(options),
    adapter,
    {
      logger: new JsonLogger(rootLogger),
      bufferLogs: false,
      // No parsers of Nest's own (it would add application/x-www-form-urlencoded, which lets a
      // cross-site HTML form post to the API): JSON only, through the bounded parser below.
      bodyParser: false,
    },
  );
  const fastify = app.getHttpAdapter().getInstance();
  // Security headers (helmet). The Content-Security-Policy is a constant, set once per response
  // from a precomputed string (helmet would rebuild it on every response); it leaves Swagger UI
  // (/docs) working and nothing else inline.
  await app.register(helmet, { contentSecurityPolicy: false });
  fastify.addHook('onSend', async (_request, reply) => {
    void reply.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  });
  // CORS is off unless origins are configured (the API serves programs, not foreign pages).
  if (early.corsOrigins.length > 0)
    app.enableCors({ origin: early.corsOrigins, credentials: false });
  fastify.addHook('onRequest', (request, _reply, done) => {
    request.log = request.log.child({ serverRequestId: serverRequestIdOf(request) });
    done();
  });
  fastify.addHook('onSend', async (request, reply) => {
    void reply.header('X-Request-Id', request.id);
    void reply.header('X-Server-Request-Id', serverRequestIdOf(request));
  });
  // Operational metrics: every answered request, by its route's template and status.
  const metrics = app.get(Metrics);
  fastify.addHook('onResponse', (request, reply, done) => {
    metrics.request(
      request.method,
      request.routeOptions.url ?? 'unmatched',
      reply.statusCode,
      reply.elapsedTime / 1000,
    );
    done();
  });
  // A retried request with a known Idempotency-Key gets the first answer's status and type.
  fastify.addHook('onSend', answerIdempotentReplay);
  // Only JSON bodies, measured before they are parsed: anything else is a 415 before a route runs.
  fastify.removeContentTypeParser(['text/plain']);
  useBoundedJsonParser(fastify);
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health', 'metrics'] });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemFilter());

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('SME Ladder API')
      .setDescription(
        'Certification workflow engine for the innovative SME → specialized SME → little giant ladder.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  await app.init();
  await fastify.ready();
  return app;
};
