/**
 * Column headers of the CSV exports in Chinese (the default: the files are
 * opened in Excel or WPS by the city's staff) and English (`--headers en`).
 * A `…Fen` column is followed in CSV by its `…Yuan` twin.
 */
export type HeaderLanguage = 'zh' | 'en';
export const HEADER_LANGUAGES: readonly HeaderLanguage[] = ['zh', 'en'];

const FIGURE_ZH: Record<string, string> = {
  ApprovedFen: '已批准金额',
  DisbursedFen: '已拨付金额',
  ClawbackDueFen: '应追回金额',
  RecoveredFen: '已追回金额',
};
const PERIOD_ZH: Record<string, string> = { opening: '期初', period: '本期', closing: '期末' };

const LABELS_ZH: Record<string, string> = {
  position: '日志位置',
  stream: '事件流',
  revision: '版本',
  type: '事件类型',
  schemaVersion: '结构版本',
  businessDate: '业务日期',
  recordedAt: '记录时间',
  actor: '操作人',
  role: '角色',
  policyVersion: '政策版本',
  hash: '哈希',
  prevHash: '前一哈希',
  data: '数据',
  enterpriseId: '统一社会信用代码',
  enterpriseName: '企业名称',
  programme: '补贴项目',
  from: '起始日期',
  to: '截止日期',
  personKey: '人员键',
  personId: '身份证号码',
  capFen: '人员上限金额',
  openingUsedFen: '期初已用金额',
  periodUsedFen: '本期已用金额',
  closingUsedFen: '期末已用金额',
  remainingFen: '剩余金额',
  byEnterprise: '按企业',
};

/** `closingApprovedFen` → `期末已批准金额`; unknown columns keep their name. */
function chineseName(column: string): string {
  if (LABELS_ZH[column]) return LABELS_ZH[column];
  const m = /^(opening|period|closing)(\w+Fen)$/.exec(column);
  if (m && FIGURE_ZH[m[2]]) return `${PERIOD_ZH[m[1]]}${FIGURE_ZH[m[2]]}`;
  return column;
}

export const isFenColumn = (column: string): boolean => column.endsWith('Fen');
export const yuanColumnOf = (fenColumn: string): string => `${fenColumn.slice(0, -3)}Yuan`;

/** The header of a column (a `…Yuan` twin is named after its `…Fen` column). */
export function columnHeader(column: string, language: HeaderLanguage): string {
  const yuan = column.endsWith('Yuan');
  const base = yuan ? `${column.slice(0, -4)}Fen` : column;
  if (language === 'en') return column;
  const name = chineseName(base);
  if (isFenColumn(base)) return `${name}（${yuan ? '元' : '分'}）`;
  return name;
}

/** The CSV columns: each `…Fen` column followed by its `…Yuan` twin. */
export const csvColumnsOf = (columns: readonly string[]): string[] =>
  columns.flatMap((c) => (isFenColumn(c) ? [c, yuanColumnOf(c)] : [c]));
