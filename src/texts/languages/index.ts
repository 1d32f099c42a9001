import type { Language } from '../language.js';
import type { ConsoleLocale } from '../locale.js';

import { ar } from './ar.js';
import { de } from './de.js';
import { en } from './en.js';
import { es } from './es.js';
import { faIR } from './fa-IR.js';
import { fr } from './fr.js';
import { it } from './it.js';
import { ja } from './ja.js';
import { ko } from './ko.js';
import { plPL } from './pl-PL.js';
import { ptBR } from './pt-BR.js';
import { ptPT } from './pt-PT.js';
import { ru } from './ru.js';
import { th } from './th.js';
import { trTR } from './tr-TR.js';
import { zhCN } from './zh-CN.js';
import { zhHK } from './zh-HK.js';
import { zhTW } from './zh-TW.js';

/** Every Console language's texts, one file each. */
export const languages: Record<ConsoleLocale, Language> = {
  ar,
  de,
  en,
  es,
  'fa-IR': faIR,
  fr,
  it,
  ja,
  ko,
  'pl-PL': plPL,
  'pt-BR': ptBR,
  'pt-PT': ptPT,
  ru,
  th,
  'tr-TR': trTR,
  'zh-CN': zhCN,
  'zh-HK': zhHK,
  'zh-TW': zhTW,
};
