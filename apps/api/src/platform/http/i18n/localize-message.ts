import { formatYuan } from '@ledger/domain/shared/money';
import { ERROR_MESSAGES_ZH, FIELD_PROBLEMS_ZH, KIND_ZH, NOUNS_ZH } from './error-messages.zh';
import { VALIDATOR_MESSAGES_ZH } from './validator-messages.zh';

type Catalogue = ReadonlyArray<readonly [en: string, zh: string]>;
interface Compiled {
  pattern: RegExp;
  zh: string;
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const NOUN_ALTERNATIVES = Object.keys(NOUNS_ZH)
  .sort((a, b) => b.length - a.length)
  .map(escape)
  .join('|');

/** `{what}` is one of the known nouns, `{id}` one token; anything else is lazy text. */
const placeholder = (name: string): string =>
  name === 'what'
    ? `(?<what>${NOUN_ALTERNATIVES})`
    : name === 'id'
      ? '(?<id>\\S+)'
      : `(?<${name}>.+?)`;

function compile(catalogue: Catalogue): Compiled[] {
  return catalogue.map(([en, zh]) => ({
    pattern: new RegExp(
      `^${en
        .split(/(\{[A-Za-z]+\})/)
        .map((part) =>
          /^\{[A-Za-z]+\}$/.test(part) ? placeholder(part.slice(1, -1)) : escape(part),
        )
        .join('')}$`,
      's',
    ),
    zh,
  }));
}

const MESSAGES = compile(ERROR_MESSAGES_ZH);
const PROBLEMS = compile([...FIELD_PROBLEMS_ZH, ...VALIDATOR_MESSAGES_ZH]);
const YUAN_EN = /(\d[\d,]*\.\d{2}) yuan\b/g;

/** The domain counts in fen; people read yuan: `250000 fen` → `2,500.00 yuan`. */
export const fenToYuanText = (message: string): string =>
  message.replace(
    /(?<![\w.,])(-?\d+) fen\b/g,
    (_, fen: string) => `${formatYuan(Number(fen))} yuan`,
  );

const translateNested = (name: string, value: string): string => {
  if (name === 'what' || name === 'action' || name === 'kind') return NOUNS_ZH[value] ?? value;
  if (name === 'reason') return translate(value, MESSAGES) ?? value;
  if (name === 'problem') return translate(value, PROBLEMS) ?? value;
  return value;
};

function translate(message: string, catalogue: Compiled[]): string | undefined {
  for (const { pattern, zh } of catalogue) {
    const match = pattern.exec(message);
    if (!match) continue;
    const groups = match.groups ?? {};
    return zh.replace(/\{([A-Za-z]+)\}/g, (_, name: string) =>
      translateNested(name, groups[name] ?? ''),
    );
  }
  return undefined;
}

/**
 * The Chinese of an English (already yuan) error message. A message with no
 * template still answers in Chinese: what kind of refusal it is, with the
 * English original for the specifics.
 */
export function toChinese(message: string, kind?: string): string {
  const zh = translate(message, MESSAGES) ?? fallback(message, kind);
  return zh.replace(YUAN_EN, '$1元');
}

/**
 * A refusal's reason inside a success answer (a tranche a batch left out), in
 * Chinese when a template knows it; otherwise as written, since it is a
 * specific rather than an error to classify.
 */
export function reasonToChinese(message: string): string {
  const yuan = fenToYuanText(message);
  return (translate(yuan, MESSAGES) ?? yuan).replace(YUAN_EN, '$1元');
}

/** A field's problem (a validator's or the domain's), in Chinese. */
export function problemToChinese(problem: string): string {
  return (translate(problem, PROBLEMS) ?? problem).replace(YUAN_EN, '$1元');
}

const fallback = (message: string, kind?: string): string =>
  `${(kind && KIND_ZH[kind]) || '请求失败'}：${message}`;
