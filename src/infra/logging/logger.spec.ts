import { Writable } from 'node:stream';
import { createRootLogger, JsonLogger } from './logger';

const capture = () => {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { lines, stream };
};

describe('structured logging', () => {
  it('writes JSON lines and never credentials, tokens or personal contact data', () => {
    const { lines, stream } = capture();
    const root = createRootLogger('info', stream);
    root.info(
      {
        req: {
          method: 'POST',
          url: '/api/v1/auth/token',
          headers: { authorization: 'Bearer eyJ.secret.sig' },
        },
        password: 'hunter2-hunter2',
        user: { password: 'nested-secret', passwordHash: 'scrypt$...' },
        accessToken: 'eyJ.token',
        objection: { contact: 'zhang@example.cn', reason: 'fine to log' },
      },
      'request',
    );
    new JsonLogger(root).log(
      { requestId: 'r-1', msg: 'Application transition', applicationId: 'a1' },
      'Ctx',
    );
    const text = lines.join('');
    for (const secret of [
      'eyJ.secret.sig',
      'hunter2-hunter2',
      'nested-secret',
      'scrypt$',
      'eyJ.token',
      'zhang@example.cn',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('fine to log');
    const transition = JSON.parse(lines[1]!);
    expect(transition).toMatchObject({
      level: 30,
      context: 'Ctx',
      requestId: 'r-1',
      msg: 'Application transition',
    });
  });
});
