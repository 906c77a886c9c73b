/**
 * class-validator's English constraint messages (`{p}` is the property), in
 * Chinese. Values are never part of them (validation.ts keeps values out).
 */
export const VALIDATOR_MESSAGES_ZH: ReadonlyArray<readonly [en: string, zh: string]> = [
  ['{p} must be an integer number', '{p} 须为整数'],
  ['{p} must be a number conforming to the specified constraints', '{p} 须为数字'],
  ['{p} must not be less than {n}', '{p} 不能小于 {n}'],
  ['{p} must not be greater than {n}', '{p} 不能大于 {n}'],
  ['{p} must be a string', '{p} 须为字符串'],
  ['{p} must be a boolean value', '{p} 须为布尔值'],
  ['{p} must be an array', '{p} 须为数组'],
  ['{p} must be an object', '{p} 须为对象'],
  ['{p} should not be empty', '{p} 不能为空'],
  ['{p} should not be null or undefined', '{p} 为必填项'],
  ['{p} must contain at least {n} elements', '{p} 至少需要 {n} 项'],
  ['{p} must contain no more than {n} elements', '{p} 最多 {n} 项'],
  ["{p}'s elements must be unique", '{p} 的元素不能重复'],
  ['{p} must be one of the following values: {v}', '{p} 须为以下值之一：{v}'],
  ['{p} must be longer than or equal to {n} characters', '{p} 长度不能少于 {n} 个字符'],
  ['{p} must be shorter than or equal to {n} characters', '{p} 长度不能超过 {n} 个字符'],
  ['{p} must be a valid ISO 8601 date string', '{p} 须为 ISO 8601 日期'],
  ['each value in {p} must match {re} regular expression', '{p} 的每个值须符合格式 {re}'],
  ['{p} must match {re} regular expression', '{p} 须符合格式 {re}'],
  ['nested property {p} must be either object or array', '{p} 须为对象或数组'],
  ['property {p} should not exist', '不允许的字段 {p}'],
  ['an unknown value was passed to the validate function', '请求体须为对象'],
];
