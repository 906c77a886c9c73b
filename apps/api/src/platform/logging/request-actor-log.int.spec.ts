import { Controller, Get, Logger, Param } from '@nestjs/common';
import { Public, Roles } from '../auth/auth.decorators';
import { PlatformTestApp, startPlatformTestApp } from '../test-support/platform-test-app';

const PERSON_ID = '140202199001010119';

@Controller('actor-log-test')
class ActorLogTestController {
  @Roles('auditor', 'applicant')
  @Get('persons/:personId')
  read(@Param('personId') personId: string) {
    return { read: personId.length };
  }

  @Public()
  @Get('open')
  open() {
    return {};
  }

  @Public()
  @Get('logs')
  async logs() {
    await new Promise((resolve) => setTimeout(resolve, 1));
    new Logger('ActorLogTest').warn('logged while answering');
    return {};
  }

  @Public()
  @Get('boom')
  boom() {
    throw new Error('boom');
  }
}

/** Issue #15 point 9: the request log says who read what, ID numbers masked. */
describe('request logs carry the actor', () => {
  let t: PlatformTestApp;
  beforeAll(async () => {
    t = await startPlatformTestApp({ controllers: [ActorLogTestController] });
  });
  afterAll(() => t.close());

  /** The one "request completed" line of the request that went to `url`. */
  const requestLine = (url: string): Record<string, any> => {
    const lines = t.logs
      .map((l) => JSON.parse(l) as Record<string, any>)
      .filter((l) => l.req?.url === url && l.res);
    expect(lines).toHaveLength(1);
    return lines[0];
  };

  it('given an auditor whose subject is an ID number, when it reads, then the log names the actor masked', async () => {
    const token = t.token({ sub: PERSON_ID, role: 'auditor' }, 600);
    const url = `/actor-log-test/persons/${PERSON_ID}`;
    expect((await t.request('GET', url, { token })).status).toBe(200);
    const line = requestLine('/actor-log-test/persons/140202********0119');
    expect(line.actor).toEqual({ id: '140202********0119', role: 'auditor' });
    expect(t.logs.join('\n')).not.toContain(PERSON_ID);
  });

  it('given a reviewer refused for its role, when logged, then the line still names the actor', async () => {
    const token = t.token({ sub: 'rita', role: 'reviewer' }, 600);
    const url = '/actor-log-test/persons/x';
    expect((await t.request('GET', url, { token })).status).toBe(403);
    expect(requestLine(url).actor).toEqual({ id: 'rita', role: 'reviewer' });
  });

  it('given an anonymous request, when logged, then there is no actor', async () => {
    expect((await t.request('GET', '/actor-log-test/open')).status).toBe(200);
    expect(requestLine('/actor-log-test/open')).not.toHaveProperty('actor');
  });

  it('given probes and scrapes, when answered, then they are not logged', async () => {
    const before = t.logs.length;
    for (const url of ['/health', '/health/live', '/health/ready', '/metrics']) {
      expect((await t.request('GET', url)).status).toBe(200);
    }
    expect(t.logs.slice(before).filter((l) => l.includes('"res"'))).toEqual([]);
  });

  it('given any request, when logged, then the line has exactly the whitelisted fields, the id echoed', async () => {
    const res = await t.request('GET', '/actor-log-test/open?fields', {
      headers: { 'x-request-id': 'trace-1' },
    });
    expect(res.headers.get('x-request-id')).toBe('trace-1');
    const line = requestLine('/actor-log-test/open?fields');
    expect(Object.keys(line).sort()).toEqual(
      ['hostname', 'level', 'msg', 'pid', 'reqId', 'req', 'res', 'responseTime', 'time'].sort(),
    );
    expect(line).toMatchObject({
      level: 30,
      msg: 'request completed',
      reqId: 'trace-1',
      req: { id: 'trace-1', method: 'GET', url: '/actor-log-test/open?fields' },
      res: { statusCode: 200 },
    });
    expect(Object.keys(line.req).sort()).toEqual(['id', 'method', 'url']);
  });

  it('given a line logged while a request runs, when written, then it carries the request id', async () => {
    const res = await t.request('GET', '/actor-log-test/logs', {
      headers: { 'x-request-id': 'trace-2' },
    });
    expect(res.status).toBe(200);
    const inside = t.logs
      .map((l) => JSON.parse(l) as Record<string, any>)
      .filter((l) => l.msg === 'logged while answering');
    expect(inside).toHaveLength(1);
    expect(inside[0]).toMatchObject({ level: 40, reqId: 'trace-2', context: 'ActorLogTest' });
    expect(inside[0]).not.toHaveProperty('req');
  });

  it('given a 500, when logged, then the line is an error without the cause (the filter logs that)', async () => {
    expect((await t.request('GET', '/actor-log-test/boom')).status).toBe(500);
    const line = requestLine('/actor-log-test/boom');
    expect(line).toMatchObject({ level: 50, msg: 'request errored', res: { statusCode: 500 } });
    expect(line.err).toMatchObject({ message: 'failed with status code 500' });
    expect(JSON.stringify(line.err)).not.toContain('boom');
  });
});
