import { BANK_CYCLE_MESSAGES_ZH, RETURN_MESSAGES_ZH } from './error-messages.bank.zh';

/**
 * Chinese for the messages the ledger refuses with. The domain writes its
 * messages in English (they are part of the event log's audit trail and of the
 * machine contract); the catalogue matches an English message against a
 * template and fills the Chinese one with the same parameters. `{…Fen}`
 * parameters are amounts and are shown in yuan; `{what}` is a thing's name
 * (translated with NOUNS_ZH). Order matters: the first template that matches
 * wins, so the more specific ones come first.
 */
export const ERROR_MESSAGES_ZH: ReadonlyArray<readonly [en: string, zh: string]> = [
  // 404
  ['claim {id} on publicity {pub} not found', '公示 {pub} 中未找到申报 {id}'],
  ['closure of case {id} not found', '未找到案件 {id} 的结案记录'],
  ['{what} {id} not found', '未找到{what} {id}'],
  // 409
  ['{what} {id} is still being processed; retry shortly', '{what} {id} 正在处理中，请稍后重试'],
  [
    'tranche {id} is still being approved for claim {claim}; retry shortly',
    '申报 {claim} 的批次 {id} 正在审批中，请稍后重试',
  ],
  ['tranche {id} is still being approved; retry shortly', '批次 {id} 正在审批中，请稍后重试'],
  [
    'effective seats of {id} are still being recognised; retry shortly',
    '企业 {id} 的有效坐席正在认定中，请稍后重试',
  ],
  [
    'tranche {id} was already paid ({ref}); a false claim after payment is a case for supervisors (R-FRAUD)',
    '批次 {id} 已拨付（{ref}）；拨付后的虚假申报应由监督人员立案处理（R-FRAUD）',
  ],
  ['tranche {id} was already paid ({ref})', '批次 {id} 已拨付（{ref}）'],
  ...RETURN_MESSAGES_ZH,
  // 403 / 423
  ['Not permitted for this actor', '当前用户无权执行此操作'],
  [
    '{who} reviewed this application and may not {action} for it',
    '{who} 审核了该申请，不得再为其{action}',
  ],
  [
    '{who} proposed these special terms and may not also confirm them',
    '{who} 提出了该一事一议，不得再确认',
  ],
  [
    'enterprise {id} is suspended by case {cases}; no one may {action} for it until the case is closed and everything due back is recovered',
    '企业 {id} 因案件 {cases} 被暂停拨付，结案且应退款项全部追回前任何人不得为其{action}',
  ],
  [
    'school {id} is suspended by case {cases}; no one may {action} for it until the case is closed and everything due back is recovered',
    '学校 {id} 因案件 {cases} 被暂停拨付，结案且应退款项全部追回前任何人不得为其{action}',
  ],
  [
    'enterprise {id} is suspended by case {cases}; no one may {action} for it until the case is closed',
    '企业 {id} 因案件 {cases} 被暂停拨付，结案前任何人不得为其{action}',
  ],
  // 422: seat subsidy
  [
    'the enterprise has {seats} seats; at least {min} are needed',
    '企业规模为 {seats} 席，至少需要 {min} 席',
  ],
  [
    'month {month} is after the month the evidence was filed ({filed})',
    '月份 {month} 晚于材料提交月份（{filed}）',
  ],
  [
    'evidence filed on {date} predates the application ({submitted})',
    '材料提交日期 {date} 早于申请日期（{submitted}）',
  ],
  [
    'claim {id} is {status}; evidence can be added only to a live claim',
    '申报 {id} 状态为“{status}”，只能为有效申报补充材料',
  ],
  [
    'tranche {n} needs {needed} months of wages and insurance; the claim shows {shown}',
    '第 {n} 次发放需要 {needed} 个月的工资和社保记录，申报仅有 {shown} 个月',
  ],
  ['no claim qualifies for tranche {n}: {reason}', '没有申报符合第 {n} 次发放的条件：{reason}'],
  ['no approved claim is due tranche {n}', '没有已批准的申报应发放第 {n} 次'],
  [
    'tranche {n} cannot be decided before tranche {prev} ({date})',
    '第 {n} 次发放不能早于第 {prev} 次（{date}）决定',
  ],
  [
    'tranches are approved in order: the next one is tranche {n}',
    '批次须按顺序审批：下一次为第 {n} 次',
  ],
  ['tranche {n} is already approved', '第 {n} 次发放已批准'],
  ['a seat has tranches 1 to {n}', '坐席补贴分第 1 至第 {n} 次发放'],
  [
    '{what} on {date} is after {end}, {months} months after the first tranche ({first})',
    '{date} 的{what}晚于 {end}，已超过首次发放（{first}）后 {months} 个月',
  ],
  ...BANK_CYCLE_MESSAGES_ZH,
  // 422: effective seats
  ['a seat needs at least one occupant on the roster', '每个坐席的花名册至少需要一名员工'],
  [
    'the seat has {n} occupants; at most {max} in turn are allowed',
    '该坐席有 {n} 名员工，先后最多允许 {max} 名',
  ],
  [
    'the seat shows {n} months of wages and insurance; at least {min} are needed',
    '该坐席有 {n} 个月的工资和社保记录，至少需要 {min} 个月',
  ],
  [
    'month {month} is after the month of the recognition ({recognized})',
    '月份 {month} 晚于认定月份（{recognized}）',
  ],
  // 422: sites
  [
    'the latest standing check on or before {date} ({checked}, {source}) shows {problems}',
    '{date} 及之前最近一次经营状况核查（{checked}，{source}）显示：{problems}',
  ],
  [
    'no standing check of the enterprise on or before {date}',
    '{date} 及之前没有该企业的经营状况核查记录',
  ],
  [
    'the lease runs {from} to {to}, less than {years} years (it would have to end on {end} or later)',
    '租赁期为 {from} 至 {to}，不足 {years} 年（须至少至 {end}）',
  ],
  ['a lease is paid for years 1 to {n}', '租赁补贴发放第 1 至第 {n} 年'],
  ['lease year {n} is already approved', '第 {n} 个租赁年度已批准'],
  [
    'lease year {n} begins on {from}; its effective seats cannot be counted on {date}',
    '第 {n} 个租赁年度自 {from} 开始，{date} 不能认定其有效坐席',
  ],
  ['a purchase is paid for years 1 to {n}', '购房补贴发放第 1 至第 {n} 年'],
  ['purchase year {n} is already approved', '第 {n} 个购房补贴年度已批准'],
  [
    'purchase year {n} may be decided from {from}, not on {date}',
    '第 {n} 个购房补贴年度自 {from} 起方可决定，不能在 {date}',
  ],
  [
    'purchase years are approved in order: the next one is year {n}',
    '购房补贴年度须按顺序审批：下一个为第 {n} 年',
  ],
  ['the office bought must have an area', '所购办公用房须有面积'],
  [
    'the office is bought on {date}; the subsidy is applied for after the purchase, not on {submitted}',
    '办公用房购买于 {date}；补贴须在购买后申请，不能在 {submitted}',
  ],
  ['the audited renovation investment must be more than nothing', '经审计的改造投资须大于零'],
  [
    'the renovation is completed on {date}; the subsidy is applied for after the work is done, not on {submitted}',
    '改造于 {date} 完成；补贴须先改后补，不能在 {submitted} 申请',
  ],
  ['the renovation subsidy is paid once and is already approved', '改造补贴一次性兑现，已批准'],
  [
    'the premises already backs a {kind} subsidy{which}; {rest}',
    '该场地已享受{kind}补贴{which}，不得重复享受',
  ],
  // 422: internships
  [
    'the school sent {n} interns in the year; at least {min} are needed',
    '院校当年输送实习生 {n} 名，至少需要 {min} 名',
  ],
  [
    '{n} of {sent} interns were retained ({bp} basis points); at least {min} are needed',
    '{sent} 名实习生中留用 {n} 名（{bp} 个基点），至少需要 {min} 个基点',
  ],
  [
    "a retained intern's employer must be a registered data-call or data-annotation enterprise: {names} is not",
    '留用实习生的用人单位须为已登记的数据呼叫或数据标注企业：{names} 不是',
  ],
  [
    'the person has already earned an internship reward, {where} (a person earns it once in total)',
    '该人员已获得过实习就业奖励（{where}），每人只奖励一次',
  ],
  [
    'the school was already rewarded for this person ({intern}, tranche {tranche})',
    '该院校已就此人员获得奖励（{intern}，批次 {tranche}）',
  ],
  [
    'the internship reward is paid once; its tranche is already approved',
    '实习就业奖励一次性发放，其批次已批准',
  ],
  // 422: publicity and payment
  [
    'the notice runs {days} days ({from} to {to}); at least {min} are needed',
    '公示期为 {days} 天（{from} 至 {to}），不得少于 {min} 天',
  ],
  ['the tranche has not been published', '该批次尚未公示'],
  ['an objection to the notice {id} was upheld', '对公示 {id} 的异议已成立'],
  ['the notice {id} has {n} objection(s) not yet decided', '公示 {id} 有 {n} 项异议尚未处理'],
  [
    'the notice {id} runs until {date}; pay after it ends',
    '公示 {id} 至 {date} 结束，公示期满后方可拨付',
  ],
  [
    'the notice cannot start before tranche {id} was approved ({date})',
    '公示不能早于批次 {id} 的批准日期（{date}）',
  ],
  [
    'the notice starts on {date}; an objection cannot be raised before',
    '公示自 {date} 开始，此前不能提出异议',
  ],
  ['tranche {id} pays nobody', '批次 {id} 没有发放对象'],
  [
    'the payment is {amountFen}; the tranche is {trancheFen}',
    '拨付金额为 {amountFen}，批次金额为 {trancheFen}',
  ],
  [
    "a payment cannot predate its tranche's approval ({date})",
    '拨付日期不能早于批次批准日期（{date}）',
  ],
  // 422: cases
  [
    '{amountFen} is more than the {outstandingFen} outstanding on this case on {date}',
    '{amountFen} 超过本案件在 {date} 尚待追回的 {outstandingFen}',
  ],
  ['a recovery must bring some money back', '追回金额须大于零'],
  [
    "claim {id} belongs to enterprise {ent}, not to the case's enterprise {caseEnt}",
    '申报 {id} 属于企业 {ent}，不属于本案件的企业 {caseEnt}',
  ],
  [
    'claim {id} is {status}; only an approved claim can be found false (reject it at review instead)',
    '申报 {id} 状态为“{status}”，只有已批准的申报才能认定为虚假（请在审核时驳回）',
  ],
  [
    'the case recorded {n} finding(s) of false claims; it closes upheld, not dismissed',
    '本案件已认定 {n} 项虚假申报，只能以成立结案，不能撤销',
  ],
  // 422: special terms and policy
  ['special terms {id} already cover {from} to {to}', '一事一议 {id} 已覆盖 {from} 至 {to}'],
  [
    'special terms on the basis {basis} need a site of at least {min} seats; the enterprise has {seats}',
    '依据 {basis} 的一事一议需要至少 {min} 席的职场，企业仅有 {seats} 席',
  ],
  ['no policy was in force on {date}', '{date} 没有有效的政策版本'],
  // 503: a store outage (issue #12 point 5)
  ['the event store is unavailable; retry shortly', '事件存储暂不可用，请稍后重试'],
  [
    'the read models (Redis) are unavailable; retry shortly',
    '查询数据（Redis）暂不可用，请稍后重试',
  ],
  [
    'the idempotency keys (Redis) are unavailable; retry shortly',
    '幂等键存储（Redis）暂不可用，请稍后重试',
  ],
  // 400: a field (`field: message`)
  ['{field}: {problem}', '{field}：{problem}'],
];

/** Problems of one field (the part after `field: `), most from invalidInput. */
export const FIELD_PROBLEMS_ZH: ReadonlyArray<readonly [en: string, zh: string]> = [
  ['must not be empty', '不能为空'],
  ['named twice', '重复出现'],
  ['must not be before the application ({date})', '不能早于申请日期（{date}）'],
  ['must not be before the objection ({date})', '不能早于异议日期（{date}）'],
  ['must not be before the proposal ({date})', '不能早于提议日期（{date}）'],
  ['the review cannot predate the application ({date})', '审核不能早于申请日期（{date}）'],
  ['must not be before {other}', '不能早于 {other}'],
  ['must not be after the year of submission ({date})', '不能晚于申请年度（{date}）'],
  ['at least one {thing} is needed', '至少需要一项'],
  ['at most {n} {things}', '最多 {n} 项'],
  ['a tranche is named twice', '同一批次出现两次'],
  ['tranche {id} pays nobody', '批次 {id} 没有发放对象'],
  ['a rejection needs a reason', '驳回须说明理由'],
  ['the same person twice in a seat', '同一人员在一个坐席中出现两次'],
  ['names a person already listed', '所列人员已在名单中'],
  ['month {month} is after the submission', '月份 {month} 晚于申请'],
  ['month {month} is in the future', '月份 {month} 晚于今天'],
  [
    '{date} is in the future (today is {today} in Datong)',
    '{date} 晚于今天（大同时间今天为 {today}）',
  ],
  ['must be a non-negative whole number of fen', '须为非负整数（单位：分）'],
  ['a report must spend something', '报告的支出须大于零'],
  ['must name where the check was made', '须注明核查来源'],
  ['must name where the notice is posted, or be left out', '须注明公示地点，或不填'],
  ['must be an ISO-8601 time such as {example}', '须为 ISO-8601 时间，例如 {example}'],
  ['is not a valid resident ID number: {problem}', '不是有效的居民身份证号码：{problem}'],
  ['a renovation is paid once; give no year', '改造补贴一次性兑现，不填年度'],
  ['lease and purchase tranches name their year', '租赁和购房补贴批次须注明年度'],
  ['{what} application needs {it}', '该类申请必须填写此项'],
  ['is not a section of the policy', '不是政策的章节'],
  ['is not a parameter of the policy', '不是政策的参数'],
  ['may not be overridden by special terms', '不能通过一事一议覆盖'],
  ['must be an object of sections', '须为按章节组织的对象'],
  ['must be an object of parameters', '须为参数对象'],
  ['must override at least one parameter', '至少须覆盖一个参数'],
  ['property {name} should not exist', '不允许的字段 {name}'],
  // Work lists (issue #13)
  ['is not a cursor this list gave with these filters', '不是本列表在相同筛选条件下给出的游标'],
  ['must be an integer in 1..{max}', '须为 1 至 {max} 的整数'],
  ['must be an ISO-8601 instant', '须为 ISO-8601 时间'],
];

/** Names of things in `… not found`, `… already exists` and the like. */
export const NOUNS_ZH: Readonly<Record<string, string>> = {
  'seat application': '坐席补贴申请',
  budget: '预算指标',
  'site application': '场地补贴申请',
  'internship application': '实习就业奖励申请',
  application: '申请',
  enterprise: '企业',
  school: '院校',
  claim: '申报',
  tranche: '批次',
  publicity: '公示',
  objection: '异议',
  case: '案件',
  finding: '认定',
  recovery: '追回',
  disbursement: '拨付',
  recognition: '有效坐席认定',
  evidence: '材料',
  review: '审核',
  'standing check': '经营状况核查',
  'special terms': '一事一议',
  'approve tranches': '审批批次',
  'record payments': '登记拨付',
  'apply for site subsidies': '申请场地补贴',
  'a tranche': '批次',
  'a payment': '拨付',
  verification: '核验',
  'a verification': '核验',
};

/** When no template matches: what kind of refusal it is, in Chinese. */
export const KIND_ZH: Readonly<Record<string, string>> = {
  invalid: '请求无效',
  forbidden: '无权执行此操作',
  not_found: '未找到',
  conflict: '与当前状态冲突',
  rule: '不符合政策规定',
  suspended: '该单位已被暂停拨付',
};
