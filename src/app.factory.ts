import { Metrics } from './infra/metrics/metrics';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { buildOpenApiDocument } from './infra/http/openapi/document';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppModule, type AppModuleOptions } from './app.module';
import { buildAppConfig } from './config/app-config';
import { validateEnvironment } from './config/environment';
import { DomainError } from './domain/errors';
import { useBoundedJsonParser } from './infra/http/bounded-json';
import { serializeJson } from './infra/http/json-serializer';
import { sendProblem, toProblem } from './infra/http/problem';
import { localizeHook } from './infra/i18n/localize';
import { ProblemFilter } from './infra/http/problem.filter';
import { answerIdempotentReplay } from './infra/idempotency/idempotency.interceptor';
import { requestIdOf, serverRequestIdOf } from './infra/http/request-id';
import { createRootLogger, JsonLogger } from './infra/logging/logger';
import { createValidationPipe } from './infra/validation/validation-pipe';
import { findConsoleDir, serveConsole } from './infra/http/web-console';

export const API_PREFIX = 'api/v1';

/** The routes that take multipart bodies. */
const MULTIPART_ROUTE = /\/applications\/:id\/documents$/;

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
  // Every JSON answer (problems and idempotent replays too) in the request's language.
  fastify.addHook('preSerialization', localizeHook(early.defaultLocale));
  // JSON.stringify's text, with the text of frozen (stored, shared) parts kept and reused.
  fastify.setReplySerializer(serializeJson);
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
  // multipart/form-data is parsed by the one route that takes it (document uploads), streamed;
  // on any other route it is refused like any other non-JSON body.
  await app.register(multipart, { limits: { fileSize: early.documents.maxFileBytes + 1 } });
  fastify.addHook('preValidation', (request, reply, done) => {
    if (request.isMultipart() && !MULTIPART_ROUTE.test(request.routeOptions.url ?? '')) {
      sendProblem(
        reply,
        toProblem(
          new DomainError('UNSUPPORTED_MEDIA_TYPE', 'This route takes application/json'),
          request.id,
        ),
      );
      return;
    }
    done();
  });
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health', 'metrics'] });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemFilter());

  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  // The web console at / (when web/dist has been built).
  await serveConsole(fastify, findConsoleDir());
  await app.init();
  await fastify.ready();
  return app;
};
