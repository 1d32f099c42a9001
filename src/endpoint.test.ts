import { describe, expect, it } from 'vitest';

import { credentialParts, mayBeCredential } from './endpoint.js';

describe('which parts of a URL are hunted on their own', () => {
  it.each([
    'kqzvmxwprtlbnhdf',
    'SuperSecretKey',
    'Zx81kq',
    '1234567',
    '550e8400-e29b-41d4-a716-446655440000',
    'a%2Fb',
    'XXXXXXXXXXXXXXXXXXXXXXXX',
  ])('%s may be a credential', (part) => {
    expect(mayBeCredential(part)).toBe(true);
  });

  it.each(['email', 'verify', 'logto', 'webhooks', 'Webhooks', 'callback', 'invitation', 'send-verification-email', 'logto-email', 'zh-Hant', '2024-05-01', 'json', 'abcdefg'])(
    '%s is a name, not a credential',
    (part) => {
      expect(mayBeCredential(part)).toBe(false);
    }
  );

  it('takes path segments and query values, not query keys, at most 50 of one URL', () => {
    expect(credentialParts(new URL('https://example.com/hooks/kqzvmxwprtlbnhdf/webhooks?signature=Zx81kq&format=json'))).toEqual([
      'kqzvmxwprtlbnhdf',
      'Zx81kq',
    ]);
    const many = new URL(`https://example.com/${Array.from({ length: 80 }, (_, index) => `tok${String(index).padStart(5, '0')}`).join('/')}`);
    expect(credentialParts(many)).toHaveLength(50);
  });
});
