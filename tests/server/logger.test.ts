import { Writable } from 'node:stream';
import { createLogger } from '../../server/src/core/logger';

/** A logger whose lines are kept, parsed. */
function captured() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { log: createLogger('info', stream), lines };
}

test('personal data never reaches a log line, even in a whole object logged by mistake', () => {
  const { log, lines } = captured();
  const profile = { name: '张三', idNumber: '110101199003071234', phone: '13800138000' };
  log.info(
    {
      token: 'eyJ...',
      profile,
      request: { headers: { authorization: 'Bearer x', cookie: 'a=b' }, body: { password: 'guess' } },
      items: [{ openid: 'o-1', status: 'ok' }],
    },
    'careless',
  );
  expect(lines[0]).toMatchObject({
    msg: 'careless',
    token: '[redacted]',
    profile: { name: '张三', idNumber: '[redacted]', phone: '[redacted]' },
    request: {
      headers: { authorization: '[redacted]', cookie: '[redacted]' },
      body: { password: '[redacted]' },
    },
    items: [{ openid: '[redacted]', status: 'ok' }],
  });
  // The object logged is left as it was.
  expect(profile.idNumber).toBe('110101199003071234');
});

test('an access-log line and an error keep what they say', () => {
  const { log, lines } = captured();
  log.info({ method: 'POST', path: '/api/v1/bookings', status: 201, ms: 3.2, ip: '10.0.0.1' }, 'request');
  const error = Object.assign(new Error('WeChat said no'), { code: 'E1', secret: 's3cret' });
  log.error({ err: error }, 'failed');
  expect(lines[0]).toMatchObject({ method: 'POST', path: '/api/v1/bookings', status: 201, ms: 3.2 });
  expect(lines[1]).toMatchObject({
    msg: 'failed',
    err: { message: 'WeChat said no', code: 'E1', secret: '[redacted]' },
  });
  expect(String((lines[1]!.err as { stack?: string }).stack)).toContain('WeChat said no');
});
