/**
 * The bank cycle's part of ERROR_MESSAGES_ZH (issue #14): returns (退票),
 * payee accounts, payment batches, statements and budgets. Spread into the
 * catalogue where they stood, so the first-match order is unchanged.
 */
export const RETURN_MESSAGES_ZH: ReadonlyArray<readonly [en: string, zh: string]> = [
  // 退票 (issue #14)
  ['disbursement {id} was already returned on {date}', '拨付 {id} 已于 {date} 退票'],
  [
    'disbursement {id} is due back by a finding; record a recovery, not a return',
    '拨付 {id} 已被认定应予追回；请登记追回款，而非退票',
  ],
  [
    'a return on {date} cannot predate disbursement {id} (paid on {paidOn})',
    '退票日期 {date} 不能早于拨付 {id} 的拨付日期（{paidOn}）',
  ],
  ['tranche {id} is already on notice {pub}', '批次 {id} 已列入公示 {pub}'],
  ['tranches {ids} were put on another notice meanwhile', '批次 {ids} 已被列入其他公示'],
  [
    'bank reference {ref} is already recorded for another payment',
    '银行流水号 {ref} 已登记于另一笔拨付',
  ],
  ['special terms {id} were already confirmed by {who}', '一事一议 {id} 已由 {who} 确认'],
  ['special terms {id} already exist', '一事一议 {id} 已存在'],
  ['{what} {id} is already registered', '{what} {id} 已登记'],
  ['{what} {id} already exists', '{what} {id} 已存在'],
  [
    'a verification is running already: wait for it to finish',
    '已有一次核验正在运行，请等待其完成',
  ],
  ['claim {id} is already {status}', '申报 {id} 已处于“{status}”状态'],
  ['objection {id} is already {status}', '异议 {id} 已处于“{status}”状态'],
  ['claim {id} was already found false (case {case})', '申报 {id} 已被认定为虚假（案件 {case}）'],
];

export const BANK_CYCLE_MESSAGES_ZH: ReadonlyArray<readonly [en: string, zh: string]> = [
  // Bank cycle (issue #14)
  ['tranche {id} is in open payment batch {batch}', '批次 {id} 已在未结的支付批次 {batch} 中'],
  ['no tranche asked is payable', '所列批次均不可支付'],
  [
    '{kind} {id} has no bank account verified on or before {date}',
    '{kind} {id} 在 {date} 前没有经审核的银行账户',
  ],
  [
    '{who} made payment batch {id} and may not also approve it',
    '{who} 编制了支付批次 {id}，不得再审批',
  ],
  ['payment batch {id} is not approved yet', '支付批次 {id} 尚未审批'],
  [
    'payment batch {id} was abandoned by process recovery and its tranches released; make a new batch',
    '支付批次 {id} 未能建立，已由进程恢复作废并释放其中各批次；请重新编制支付批次',
  ],
  ['payment batch {id} was already approved by {who}', '支付批次 {id} 已由 {who} 审批'],
  [
    'accountName: must be the registered name of {kind} {id} ("{name}")',
    'accountName：须与{kind} {id} 的登记名称（“{name}”）一致',
  ],
  [
    '{leftFen} recovered in fiscal year {year} is not yet remitted, {amountFen} asked',
    '{year} 年度已追回未缴库 {leftFen}，本次缴库 {amountFen} 超出',
  ],
  ['treasury reference {ref} is already recorded', '缴款书号 {ref} 已登记'],
  // R-BUDGET (issue #14)
  [
    'no budget is recorded for programme {programme} in fiscal year {year}',
    '{year} 年度未登记 {programme} 项目的预算指标',
  ],
  [
    'the {programme} budget of fiscal year {year} has {availableFen} available, {requestedFen} asked',
    '{year} 年度 {programme} 项目预算可用 {availableFen}，本次需 {requestedFen}，超出预算',
  ],
  [
    'the adjustment leaves {afterFen} appropriated, below the {committedFen} already committed',
    '调整后预算指标为 {afterFen}，低于已承诺的 {committedFen}',
  ],
  [
    'a budget for programme {programme} in fiscal year {year} is already recorded: change it with an adjustment',
    '{year} 年度 {programme} 项目的预算指标已登记，请以预算调整变更',
  ],
  [
    'the person has reached the cap of {capFen} across all employers',
    '该人员在所有企业累计的坐席补贴已达上限 {capFen}',
  ],
  [
    'claims.{i} names a person already claimed in this application',
    'claims.{i} 所列人员已在本申请中申报',
  ],
  ['claim {id} was refused at submission: {reason}', '申报 {id} 在提交时已被拒绝：{reason}'],
];
