// The HTTP edge of the two languages: every JSON answer (problems and idempotent replays too) passes
// through localizeBody (domain/i18n/localize-body.ts) before it is serialized, in the language the
// request negotiated from Accept-Language, else DEFAULT_LOCALE.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { localizeBody } from '../../domain/i18n/localize-body';
import { negotiateLocale, type Locale } from '../../domain/i18n/locale';

/** The language of a request: its Accept-Language, else the configured default. */
export const localeOf = (request: FastifyRequest, fallback: Locale): Locale =>
  negotiateLocale(request.headers['accept-language'], fallback);

/** Fastify preSerialization hook: objects and arrays only (streams and buffers never reach it). */
export const localizeHook =
  (fallback: Locale) =>
  async (request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> => {
    const locale = localeOf(request, fallback);
    void reply.header('Content-Language', locale);
    const vary = reply.getHeader('Vary');
    if (typeof vary !== 'string' || !/accept-language/i.test(vary))
      void reply.header(
        'Vary',
        typeof vary === 'string' && vary ? `${vary}, Accept-Language` : 'Accept-Language',
      );
    return localizeBody(payload, locale);
  };
