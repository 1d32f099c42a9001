import { describe, expect, it } from 'vitest';

import { builtInEmail, consoleLocales } from './index.js';
import { purposes } from './language.js';

const code = '482913';
const link = 'https://auth.example.com/invite?token=t0k3n&lang=de';
const everyType = [...purposes, 'SomeTypeOfATomorrowsLogto'];

const payloadFor = (type: string, locale: string) =>
  type === 'OrganizationInvitation'
    ? { link, locale, organization: { id: 'org1', name: 'Acme Org' }, inviter: { id: 'u1', name: 'Ada Lovelace' } }
    : { code, locale, application: { id: 'app1', name: 'Portal App' } };

describe('builtInEmail: every type in every language', () => {
  const cases = consoleLocales.flatMap((locale) => everyType.map((type) => [locale, type] as const));

  it.each(cases)('%s %s: subject, HTML and text, with the code or the link and the names', (locale, type) => {
    const email = builtInEmail(type, payloadFor(type, locale));
    const invitation = type === 'OrganizationInvitation';

    expect(email.locale).toBe(locale);
    expect(email.subject.trim()).not.toBe('');
    expect(email.subject).not.toMatch(/[\n\r]/);
    for (const part of [email.html, email.text]) {
      expect(part).toContain(invitation ? 'Acme Org' : 'Portal App');
      expect(part).not.toMatch(/undefined|null|\[object/);
    }
    if (invitation) {
      expect(email.html).toContain(`href="${link.replaceAll('&', '&amp;')}"`);
      expect(email.text).toContain(link);
      expect(email.text).toContain('Ada Lovelace');
    } else {
      expect(email.html).toContain(`>${code}</p>`);
      expect(email.text).toContain(`\n${code}\n`);
      expect(email.subject).toContain('Portal App');
    }
    expect(email.html).toMatch(new RegExp(`^<!DOCTYPE html>\\n<html lang="${locale}" dir="(ltr|rtl)">`));
    expect(email.html).toContain(`<title>${email.subject.replaceAll('&', '&amp;')}</title>`);
    expect(email.text).not.toMatch(/<[a-z]/i);
  });

  it('Arabic and Persian are right to left, the others left to right', () => {
    for (const locale of consoleLocales) {
      const { html } = builtInEmail('SignIn', { code, locale });
      const rtl = locale === 'ar' || locale === 'fa-IR';
      expect(html).toContain(`<html lang="${locale}" dir="${rtl ? 'rtl' : 'ltr'}">`);
      // The code reads left to right in every language.
      expect(html).toMatch(new RegExp(`<p dir="ltr"[^>]*>${code}</p>`));
    }
  });

  it('in Arabic and Persian a Latin name is isolated, so its own marks stay in place', () => {
    const application = { id: 'a', name: 'Portal (Beta)' };
    for (const locale of ['ar', 'fa-IR']) {
      const email = builtInEmail('SignIn', { code, locale, application });
      for (const part of [email.subject, email.text]) {
        expect(part, locale).toContain('\u2068Portal (Beta)\u2069');
      }
    }
    expect(builtInEmail('SignIn', { code, locale: 'ja', application }).subject).toBe('【Portal (Beta)】ログイン用の認証コード');
  });

  it('every language has its own words, not English ones', () => {
    const english = builtInEmail('SignIn', { code, locale: 'en' });
    for (const locale of consoleLocales.filter((locale) => locale !== 'en')) {
      const email = builtInEmail('SignIn', { code, locale });
      expect(email.subject, locale).not.toBe(english.subject);
      expect(email.text, locale).not.toBe(english.text);
    }
  });

  it('a German user and an English one get different texts, each with the code', () => {
    const german = builtInEmail('SignIn', { code, locale: 'de' });
    const english = builtInEmail('SignIn', { code, locale: 'en-US' });
    expect(german.locale).toBe('de');
    expect(english.locale).toBe('en');
    expect(german.subject).toBe('Ihr Anmeldecode');
    expect(english.subject).toBe('Your sign-in code');
    expect(german.text).toContain(code);
    expect(english.text).toContain(code);
    expect(german.text).not.toBe(english.text);
  });

  it('a type this version does not know gets the generic text, in the user language', () => {
    const unknown = builtInEmail('PasskeyRecovery', { code, locale: 'fr' });
    expect(unknown).toEqual(builtInEmail('Generic', { code, locale: 'fr' }));
    expect(unknown.subject).toBe('Votre code de vérification');
  });

  it('without an application, the wording is neutral', () => {
    const email = builtInEmail('SignIn', { code, locale: 'en' });
    expect(email.subject).toBe('Your sign-in code');
    expect(email.text).toContain('Use the code below to sign in.');
  });

  it("the application's display name comes before its name", () => {
    const email = builtInEmail('Register', {
      code,
      locale: 'en',
      application: { id: 'a', name: 'internal-portal', displayName: 'Portal' },
    });
    expect(email.subject).toBe('Portal: Confirm your email address');
    expect(email.text).not.toContain('internal-portal');
  });

  it('a code and a link together: both, the link as a button', () => {
    const email = builtInEmail('SignIn', { code, link, locale: 'en' });
    expect(email.text).toContain(code);
    expect(email.text).toContain(`Continue\n${link}\n`);
    expect(email.html).toContain(`>${code}</p>`);
    expect(email.html.match(/<a href=/g)).toHaveLength(2);
  });

  it('a link without a code: a lead that speaks of the button, not of a code', () => {
    const email = builtInEmail('SignIn', { link, locale: 'en' });
    expect(email.text).toContain('Use the button below to continue.');
    expect(email.text).not.toContain('Do not share this code');
  });

  it('a second-step code tells whoever is not signing in to change their password', () => {
    expect(builtInEmail('MfaVerification', { code, locale: 'en' }).text).toContain('change it');
    expect(builtInEmail('SignIn', { code, locale: 'en' }).text).not.toContain('change it');
  });
});

describe('builtInEmail: values are only ever values', () => {
  const hostile = `<script>&"'`;

  it('an application name with markup is escaped in the HTML, as it is in the subject and the text', () => {
    const email = builtInEmail('SignIn', { code, locale: 'en', application: { name: hostile } });
    expect(email.html).not.toContain('<script');
    expect(email.html).toContain('&lt;script&gt;&amp;&quot;&#39;');
    expect(email.text).toContain(hostile);
    expect(email.subject).toBe(`${hostile}: Your sign-in code`);
  });

  it('organization, inviter, code and link are escaped too', () => {
    const email = builtInEmail('OrganizationInvitation', {
      code: `1<b>2`,
      link: `https://x.example/?a="><script>alert(1)</script>`,
      locale: 'de',
      organization: { name: hostile },
      inviter: { name: `<img src=x onerror=alert(1)>` },
    });
    expect(email.html).not.toMatch(/<script|<img|<b>/);
    expect(email.html).toContain('href="https://x.example/?a=&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(email.text).toContain('<img src=x onerror=alert(1)>');
    expect(email.text).toContain(hostile);
  });

  it.each(['javascript:alert(1)', 'JavaScript:alert(document.cookie)', 'data:text/html,<script>alert(1)</script>', 'vbscript:x', '//evil.example/x', 'not a url'])(
    '%s is written out, never a link',
    (unsafe) => {
      const email = builtInEmail('OrganizationInvitation', { link: unsafe, locale: 'en' });
      expect(email.html).not.toContain('<a ');
      expect(email.html).not.toContain('href=');
      expect(email.html).not.toContain('<script');
      expect(email.text).toContain(unsafe);
      expect(email.text).toContain('Open this address in your browser:');
    }
  );

  it('the HTML is well formed: every element closed, in order', () => {
    for (const locale of consoleLocales) {
      for (const payload of [{ code, link }, { link: 'javascript:x' }, { code }]) {
        const { html } = builtInEmail('OrganizationInvitation', { ...payload, locale });
        const open: string[] = [];
        for (const [, closing, name] of html.matchAll(/<(\/?)([a-z][a-z\d]*)\b[^>]*>/g)) {
          if (['meta', 'br'].includes(name!)) {
            continue;
          }
          if (closing) {
            expect(open.pop(), `${locale}: </${name}>`).toBe(name);
          } else {
            open.push(name!);
          }
        }
        expect(open).toEqual([]);
      }
    }
  });

  it('the HTML fetches nothing and runs nothing', () => {
    for (const locale of ['en', 'ar', 'ja']) {
      const { html } = builtInEmail('OrganizationInvitation', { link, locale });
      expect(html).not.toMatch(/<(script|img|link|style|iframe|object|embed)\b|src=|url\(|@import/i);
      expect([...html.matchAll(/href="([^"]*)"/g)].map(([, href]) => href)).toEqual([
        link.replaceAll('&', '&amp;'),
        link.replaceAll('&', '&amp;'),
      ]);
    }
  });

  it('a name cannot reorder the text around it: bidi overrides and control characters are left out', () => {
    const email = builtInEmail('OrganizationInvitation', {
      link,
      locale: 'en',
      organization: { name: 'Acme\u202E moc.live//:sptth\u202C' },
      inviter: { name: 'Eve\u2066\u200F\u0007\u001B[31m\u0085' },
    });
    for (const part of [email.subject, email.html, email.text]) {
      expect(part).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/);
    }
    expect(email.text).toContain('Acme moc.live//:sptth');
    expect(email.text).toContain('Eve[31m');
  });

  it('a very long name is cut, so the subject stays a subject', () => {
    const email = builtInEmail('SignIn', { code, locale: 'en', application: { name: 'A'.repeat(100_000) } });
    expect(email.subject.length).toBeLessThan(200);
    expect(email.subject).toContain(`${'A'.repeat(99)}…`);
    expect(email.text).toContain(`\n${code}\n`);
  });

  it('names with line breaks become one line; a number code counts; odd payloads do not throw', () => {
    const email = builtInEmail('SignIn', { code: 123_456, locale: 'en', application: { name: 'A\r\nBcc: x@y' } });
    expect(email.subject).toBe('A Bcc: x@y: Your sign-in code');
    expect(email.text).toContain('123456');
    for (const payload of [
      {},
      { locale: 42 },
      { code: {}, link: 7, application: 'Portal', organization: null, inviter: [] },
      { code: '', link: '  ', application: { name: { toString: () => 'x' } } },
      Object.create(null) as Record<string, unknown>,
    ]) {
      for (const type of everyType) {
        const email = builtInEmail(type, payload);
        expect(email.locale).toBe('en');
        expect(email.subject).not.toBe('');
        expect(email.html + email.text).not.toMatch(/undefined|null|\[object/);
      }
    }
  });
});
