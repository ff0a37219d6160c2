import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiClient, ApiError, describeError, isConflict, problemFrom, query } from '../src/lib/api';
import { translator } from '../src/lib/i18n';

const t = translator('en');

describe('problemFrom', () => {
  it('reads an RFC 9457 problem', () => {
    const e = problemFrom(
      412,
      'application/problem+json',
      JSON.stringify({ type: '/problems/version-mismatch', title: 'Changed', status: 412, detail: 'expected 3, is 4' }),
    );
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({ status: 412, kind: 'version-mismatch', title: 'Changed', detail: 'expected 3, is 4' });
  });

  it('keeps the field of a validation problem', () => {
    const e = problemFrom(422, 'application/problem+json', '{"type":"/problems/invalid-field","title":"x","status":422,"detail":"subject is required","field":"subject"}');
    expect(e.field).toBe('subject');
  });

  it('copes with a body that is not JSON', () => {
    const e = problemFrom(502, 'text/html', '<html>Bad gateway</html>');
    expect(e).toMatchObject({ status: 502, kind: 'http-502', detail: '' });
  });
});

describe('describeError', () => {
  it('says plainly that an edit conflicted', () => {
    const e = problemFrom(412, 'application/problem+json', '{"type":"/problems/version-mismatch","title":"t","status":412}');
    expect(describeError(e, t)).toMatch(/changed this ticket/);
    expect(isConflict(e)).toBe(true);
    expect(isConflict(problemFrom(409, null, '{"type":"/problems/conflict"}'))).toBe(true);
    expect(isConflict(problemFrom(422, null, '{}'))).toBe(false);
  });

  it('maps the common statuses', () => {
    expect(describeError(problemFrom(403, null, '{"type":"/problems/csrf-token-invalid"}'), t)).toMatch(/out of date/);
    expect(describeError(problemFrom(404, null, '{"type":"/problems/not-found"}'), t)).toMatch(/does not exist/);
    expect(describeError(problemFrom(422, null, '{"type":"/problems/invalid-field","detail":"body is required"}'), t)).toBe(
      'Please check your input: body is required',
    );
    expect(describeError(problemFrom(500, null, '{"type":"/problems/internal","title":"Internal error","detail":"logged"}'), t)).toBe(
      'Something went wrong: logged',
    );
    expect(describeError(new TypeError('Failed to fetch'), t)).toMatch(/cannot be reached/);
  });
});

describe('ApiClient', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('sends the CSRF token and If-Match on changes, and turns problems into ApiError', async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return new Response(JSON.stringify({ type: '/problems/version-mismatch', title: 'x', status: 412, detail: 'd' }), {
        status: 412,
        headers: { 'Content-Type': 'application/problem+json' },
      });
    });
    const client = new ApiClient();
    client.csrfToken = 'tok';
    await expect(client.request('PATCH', '/api/v1/tickets/1', { body: { status: 'open' }, ifMatch: 4 })).rejects.toMatchObject({
      status: 412,
      kind: 'version-mismatch',
    });
    const headers = calls[0].init.headers as Record<string, string>;
    expect(headers['X-CSRF-Token']).toBe('tok');
    expect(headers['If-Match']).toBe('"4"');
  });

  it('does not send the CSRF token on GET, and reports 401 once', async () => {
    let seen: Record<string, string> = {};
    vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
      seen = init.headers as Record<string, string>;
      return new Response('{"type":"/problems/unauthenticated","title":"t","status":401}', { status: 401 });
    });
    const client = new ApiClient();
    client.csrfToken = 'tok';
    const onUnauthorized = vi.fn();
    client.onUnauthorized = onUnauthorized;
    await expect(client.get('/api/v1/tickets')).rejects.toBeInstanceOf(ApiError);
    expect(seen['X-CSRF-Token']).toBeUndefined();
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    await expect(client.get('/api/v1/auth/me', { quiet401: true })).rejects.toBeInstanceOf(ApiError);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('turns a network failure into an ApiError of kind network', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(new ApiClient().get('/x')).rejects.toMatchObject({ status: 0, kind: 'network' });
  });
});

describe('query', () => {
  it('encodes and skips empty values', () => {
    expect(query({ sort: 'due', status: 'open,pending', team_id: undefined, q: '', email: 'a+b@c.nl' })).toBe(
      '?sort=due&status=open%2Cpending&email=a%2Bb%40c.nl',
    );
    expect(query({})).toBe('');
  });
});
