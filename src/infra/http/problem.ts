import { HttpException, type Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DomainError, type DomainErrorCode } from '../../domain/errors';
import { msg, type Msg } from '../../domain/i18n/message';
import { PROBLEM_STATUS, PROBLEM_TITLE, problemType } from './problem-status';

export type ProblemDetails = {
  type: string;
  title: string;
  status: number;
  /** A language-neutral message until the answer is localized (shared/i18n/localize.ts). */
  detail: string | Msg;
  code: DomainErrorCode;
  requestId: string;
  errors?: { field: string; message: string }[];
  allowedEvents?: string[];
  reasons?: (string | Msg)[];
};

const CODE_OF_STATUS: Record<number, DomainErrorCode> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'NOT_FOUND',
  409: 'DUPLICATE',
  412: 'PRECONDITION_FAILED',
  413: 'PAYLOAD_TOO_LARGE',
  414: 'URI_TOO_LONG',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

type ErrorWithStatus = { statusCode?: unknown; code?: unknown; message?: unknown };

/** Turns any error into an RFC 9457 problem. Unknown errors become a generic 500, logged once. */
export const toProblem = (error: unknown, requestId: string, logger?: Logger): ProblemDetails => {
  if (error instanceof DomainError) {
    return {
      type: problemType(error.code),
      title: PROBLEM_TITLE[error.code],
      status: PROBLEM_STATUS[error.code],
      detail: error.detailMsg ?? error.message,
      code: error.code,
      requestId,
      ...error.details,
    };
  }
  const status =
    error instanceof HttpException
      ? error.getStatus()
      : typeof (error as ErrorWithStatus)?.statusCode === 'number'
        ? ((error as ErrorWithStatus).statusCode as number)
        : 500;
  const code =
    status === 503
      ? 'SERVICE_UNAVAILABLE'
      : status >= 500
        ? 'INTERNAL'
        : (CODE_OF_STATUS[status] ?? 'VALIDATION_FAILED');
  if (code === 'INTERNAL') {
    logger?.error({ requestId, err: error }, 'Unhandled error');
    return {
      type: problemType(code),
      title: PROBLEM_TITLE[code],
      status: 500,
      detail: msg('problem.internal'),
      code,
      requestId,
    };
  }
  const message = (error as ErrorWithStatus)?.message;
  return {
    type: problemType(code),
    title: PROBLEM_TITLE[code],
    status: PROBLEM_STATUS[code] === status ? status : PROBLEM_STATUS[code],
    detail: typeof message === 'string' ? message : PROBLEM_TITLE[code],
    code,
    requestId,
  };
};

export const sendProblem = (reply: FastifyReply, problem: ProblemDetails): void => {
  void reply
    .status(problem.status)
    .header('Content-Type', 'application/problem+json')
    .send(problem);
};
