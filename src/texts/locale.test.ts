import { describe, expect, it } from 'vitest';

import { chooseLocale, consoleLocales } from './locale.js';

describe('chooseLocale', () => {
  it.each(consoleLocales)('%s is itself, in any case', (locale) => {
    expect(chooseLocale(locale)).toBe(locale);
    expect(chooseLocale(locale.toUpperCase())).toBe(locale);
    expect(chooseLocale(locale.toLowerCase())).toBe(locale);
  });

  it.each([
    ['en-US', 'en'],
    ['en-GB', 'en'],
    ['de-AT', 'de'],
    ['de-CH', 'de'],
    ['fr-CA', 'fr'],
    ['es-MX', 'es'],
    ['es-419', 'es'],
    ['it-CH', 'it'],
    ['ja-JP', 'ja'],
    ['ko-KR', 'ko'],
    ['ru-RU', 'ru'],
    ['th-TH', 'th'],
    ['ar-EG', 'ar'],
    ['ar-SA', 'ar'],
    ['pl', 'pl-PL'],
    ['tr', 'tr-TR'],
    ['fa', 'fa-IR'],
    ['fa-AF', 'fa-IR'],
    ['pt', 'pt-BR'],
    ['pt-AO', 'pt-PT'],
    ['pt-MZ', 'pt-PT'],
    ['zh', 'zh-CN'],
    ['zh-Hans', 'zh-CN'],
    ['zh-SG', 'zh-CN'],
    ['zh-Hans-HK', 'zh-CN'],
    ['zh-Hant', 'zh-TW'],
    ['zh-Hant-TW', 'zh-TW'],
    ['zh-Hant-HK', 'zh-HK'],
    ['zh-MO', 'zh-HK'],
    ['yue', 'zh-HK'],
    ['pt_BR', 'pt-BR'],
    ['de_DE', 'de'],
    [' de ', 'de'],
    ['de-DE,de;q=0.9,en;q=0.8', 'de'],
    ['nl', 'en'],
    ['sv-SE', 'en'],
  ])('%s → %s', (tag, locale) => {
    expect(chooseLocale(tag)).toBe(locale);
  });

  it.each([undefined, null, 42, {}, [], '', ' ', '-', 'en-', '!!!', 'x'.repeat(10_000), 'zh-Hant-', '\u0000'])(
    'anything else (%j) is English, without throwing',
    (tag) => {
      expect(chooseLocale(tag)).toBe('en');
    }
  );
});
