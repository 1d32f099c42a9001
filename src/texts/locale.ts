/** The languages of Logto Console, as it names them: the built-in texts speak each of them. */
export const consoleLocales = [
  'ar',
  'de',
  'en',
  'es',
  'fa-IR',
  'fr',
  'it',
  'ja',
  'ko',
  'pl-PL',
  'pt-BR',
  'pt-PT',
  'ru',
  'th',
  'tr-TR',
  'zh-CN',
  'zh-HK',
  'zh-TW',
] as const;

export type ConsoleLocale = (typeof consoleLocales)[number];

const byLowerCase = new Map<string, ConsoleLocale>(
  consoleLocales.map((locale) => [locale.toLowerCase(), locale])
);

/** A language's Console locale when only the language is known (`de-AT` → `de`, `pl` → `pl-PL`). */
const byLanguage = new Map<string, ConsoleLocale>(
  consoleLocales.map((locale) => [locale.split('-')[0]!, locale])
);

/** Chinese by script first: traditional characters are Taiwan's, or Hong Kong's and Macau's. */
const chinese = (locale: Intl.Locale): ConsoleLocale => {
  const { script, region } = locale.maximize();
  if (script === 'Hant') {
    return region === 'HK' || region === 'MO' ? 'zh-HK' : 'zh-TW';
  }
  return 'zh-CN';
};

/** Brazil's Portuguese when no other country is named; Portugal's for every other country. */
const portuguese = (locale: Intl.Locale): ConsoleLocale =>
  locale.maximize().region === 'BR' ? 'pt-BR' : 'pt-PT';

const closest = (tag: string): ConsoleLocale => {
  const locale = new Intl.Locale(Intl.getCanonicalLocales(tag)[0] ?? 'en');
  switch (locale.language) {
    case 'zh': {
      return chinese(locale);
    }
    // Cantonese is written with Hong Kong's characters.
    case 'yue': {
      return 'zh-HK';
    }
    case 'pt': {
      return portuguese(locale);
    }
    default: {
      return byLanguage.get(locale.language) ?? 'en';
    }
  }
};

/**
 * The Console locale for the user's language tag (Logto's `payload.locale`): the same locale in
 * any case, else the closest one by language, script and region, else English. Never throws:
 * anything that is not a language tag is English.
 */
export const chooseLocale = (tag: unknown): ConsoleLocale => {
  if (typeof tag !== 'string') {
    return 'en';
  }
  // One tag, as BCP 47 writes it, even when given as `pt_BR` or as a list.
  const first = tag.trim().split(/[\s,;]/)[0]!.replaceAll('_', '-');
  const exact = byLowerCase.get(first.toLowerCase());
  if (exact) {
    return exact;
  }
  try {
    return closest(first);
  } catch {
    return 'en';
  }
};
