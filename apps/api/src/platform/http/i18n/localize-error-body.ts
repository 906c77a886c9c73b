import { ruleArticle } from '@ledger/domain/policy/rule-articles';
import type { ErrorBody } from '../error-body';
import type { FieldError } from '../validation';
import { problemToChinese, toChinese } from './localize-message';

/** Reason phrases in Chinese, for `error`: the English ones stay machine-readable in statusCode. */
const STATUS_ZH: Readonly<Record<number, string>> = {
  400: '请求无效',
  401: '未认证',
  403: '无权访问',
  404: '未找到',
  405: '方法不允许',
  409: '冲突',
  413: '请求体过大',
  415: '不支持的媒体类型',
  422: '不符合政策规定',
  423: '已暂停',
  429: '请求过多',
  500: '服务器内部错误',
  503: '服务暂不可用',
};

const KIND_OF_STATUS: Readonly<Record<number, string>> = {
  400: 'invalid',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  422: 'rule',
  423: 'suspended',
};

const isFieldErrors = (details: unknown): details is FieldError[] =>
  Array.isArray(details) &&
  details.every(
    (d) =>
      typeof d === 'object' &&
      d !== null &&
      typeof (d as FieldError).field === 'string' &&
      Array.isArray((d as FieldError).messages),
  );

const INVALID_REQUEST = /^Invalid request: (.*)$/s;

/**
 * The Chinese of an error body built in English: message, reason phrase and
 * field messages translated; `rule` kept as is and the policy article it
 * comes from added beside it. Keys and status stay the same for machines.
 */
export function localizeErrorBody(english: ErrorBody, kind?: string): ErrorBody {
  const out: ErrorBody = { ...english, error: STATUS_ZH[english.statusCode] ?? english.error };
  const invalid = INVALID_REQUEST.exec(english.message);
  out.message = invalid
    ? `请求无效：${invalid[1]}`
    : toChinese(english.message, kind ?? KIND_OF_STATUS[english.statusCode]);
  if (isFieldErrors(english.details)) {
    out.details = english.details.map((d) => ({
      field: d.field,
      messages: d.messages.map((m) =>
        m.startsWith(`${d.field}: `) ? toChinese(m, 'invalid') : problemToChinese(m),
      ),
    }));
  }
  const article = english.rule === undefined ? undefined : ruleArticle(english.rule);
  if (article) out.article = article.zh;
  return out;
}
