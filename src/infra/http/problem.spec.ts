import { HttpException } from '@nestjs/common';
import { DomainError } from '../../domain/errors';
import { toProblem } from './problem';

describe('problem details', () => {
  it.each([
    [
      new DomainError('INVALID_TRANSITION', 'no', { allowedEvents: ['submit'] }),
      409,
      'INVALID_TRANSITION',
    ],
    [new HttpException('gone', 404), 404, 'NOT_FOUND'],
    [Object.assign(new Error('URI Too Long'), { statusCode: 414 }), 414, 'URI_TOO_LONG'],
    [Object.assign(new Error('closing'), { statusCode: 503 }), 503, 'SERVICE_UNAVAILABLE'],
    [new Error('boom'), 500, 'INTERNAL'],
  ])('maps %s to %i %s', (error, status, code) => {
    const problem = toProblem(error, 'r-1');
    expect(problem).toMatchObject({ status, code, requestId: 'r-1' });
    expect(problem.type).toBe(`urn:sme-ladder:problem:${code.toLowerCase().replace(/_/g, '-')}`);
  });

  it('never leaks the message of an unexpected error', () => {
    expect(JSON.stringify(toProblem(new Error('password=hunter2 at db'), 'r-2'))).not.toContain(
      'hunter2',
    );
  });
});
