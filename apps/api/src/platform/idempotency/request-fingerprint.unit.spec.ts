import { canonicalJson, requestFingerprint } from './request-fingerprint';

describe('request fingerprint', () => {
  it('writes JSON with sorted keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 1, c: null }], e: undefined })).toBe(
      '{"a":[{"c":null,"d":1}],"b":1}',
    );
  });

  it('is the same for the same request and differs by method, path or body', () => {
    const base = requestFingerprint('POST', '/v1/x', { a: 1, b: 2 });
    expect(requestFingerprint('post', '/v1/x', { b: 2, a: 1 })).toBe(base);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(requestFingerprint('PUT', '/v1/x', { a: 1, b: 2 })).not.toBe(base);
    expect(requestFingerprint('POST', '/v1/y', { a: 1, b: 2 })).not.toBe(base);
    expect(requestFingerprint('POST', '/v1/x', { a: 1, b: 3 })).not.toBe(base);
    expect(requestFingerprint('POST', '/v1/x', { a: '1', b: 2 })).not.toBe(base);
  });
});
