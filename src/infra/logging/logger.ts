import type { LoggerService } from '@nestjs/common';
import pino, { type Logger as Pino } from 'pino';

/** One structured (JSON lines) logger for Fastify's request logs and Nest's own. */
/** Fields never written to logs: credentials, tokens and objectors' personal data. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["idempotency-key"]',
  'password',
  '*.password',
  'passwordHash',
  '*.passwordHash',
  'accessToken',
  '*.accessToken',
  'token',
  '*.token',
  'contact',
  '*.contact',
  'secret',
  '*.secret',
];

export const createRootLogger = (level: string, destination?: pino.DestinationStream): Pino =>
  pino(
    {
      level,
      base: { service: 'sme-ladder' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACTED_PATHS, remove: true },
    },
    destination,
  );

const split = (params: unknown[]): { context?: string; fields: Record<string, unknown> } => {
  const last = params[params.length - 1];
  const context = typeof last === 'string' ? last : undefined;
  const rest = context ? params.slice(0, -1) : params;
  const fields: Record<string, unknown> = {};
  for (const p of rest) {
    if (p && typeof p === 'object' && !(p instanceof Error)) Object.assign(fields, p);
    else if (p instanceof Error) fields.err = p;
    else if (p !== undefined) fields.detail = p;
  }
  return { ...(context ? { context } : {}), fields };
};

export class JsonLogger implements LoggerService {
  constructor(private readonly root: Pino) {}

  private write(
    level: 'error' | 'warn' | 'info' | 'debug' | 'trace',
    message: unknown,
    params: unknown[],
  ) {
    const { context, fields } = split(params);
    const payload: Record<string, unknown> = { ...(context ? { context } : {}), ...fields };
    if (message && typeof message === 'object' && !(message instanceof Error)) {
      const { msg, ...rest } = message as Record<string, unknown>;
      this.root[level]({ ...payload, ...rest }, typeof msg === 'string' ? msg : '');
    } else if (message instanceof Error) {
      this.root[level]({ ...payload, err: message }, message.message);
    } else {
      this.root[level](payload, String(message));
    }
  }

  log(message: unknown, ...params: unknown[]) {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]) {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]) {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]) {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]) {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]) {
    this.write('error', message, params);
  }
}
