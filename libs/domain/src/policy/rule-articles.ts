/**
 * The article of the Datong 2022 policy (datong-2022-policy.zh.md) each rule
 * id of RULES.md comes from, so that a refusal can cite it to people.
 * Rules that are the ledger's own (R-POL, R-DATE, R-SOD) cite the article
 * whose duty they serve.
 */
export interface RuleArticle {
  zh: string;
  en: string;
}

export const RULE_ARTICLES: Readonly<Record<string, RuleArticle>> = {
  'R-SEAT-1': { zh: '第三条(一)', en: 'Art. 3(1)' },
  'R-SEAT-2': { zh: '第三条(一)；附件1 一(一)', en: 'Art. 3(1); Annex 1 §1(1)' },
  'R-SEAT-3': { zh: '第三条(二)', en: 'Art. 3(2)' },
  'R-SEAT-4': { zh: '第三条(二)', en: 'Art. 3(2)' },
  'R-SEAT-5': { zh: '第三条(三)', en: 'Art. 3(3)' },
  'R-SEAT-6': { zh: '第十五条', en: 'Art. 15' },
  'R-SEAT-7': { zh: '第九条', en: 'Art. 9' },
  'R-SEAT-8': { zh: '第三条(二)', en: 'Art. 3(2)' },
  'R-EFF': { zh: '第二条', en: 'Art. 2' },
  'R-SITE-COND': { zh: '第四条；附件1 二(一)', en: 'Art. 4; Annex 1 §2(1)' },
  'R-SITE-LEASE': { zh: '第四条(一)', en: 'Art. 4(1)' },
  'R-SITE-RENO': { zh: '第四条(二)', en: 'Art. 4(2)' },
  'R-SITE-BUY': { zh: '第四条(三)', en: 'Art. 4(3)' },
  'R-SITE-1': { zh: '第十五条', en: 'Art. 15' },
  'R-INT': { zh: '第六条(二)；附件1 三', en: 'Art. 6(2); Annex 1 §3' },
  'R-PUB': { zh: '第七条', en: 'Art. 7' },
  'R-PAY': { zh: '第八条', en: 'Art. 8' },
  'R-FRAUD': { zh: '第十一条', en: 'Art. 11' },
  'R-SPECIAL': { zh: '第十四条', en: 'Art. 14' },
  'R-POL': { zh: '第十六条', en: 'Art. 16' },
  'R-DATE': { zh: '第八条', en: 'Art. 8' },
  'R-SOD': { zh: '第十二条', en: 'Art. 12' },
  // The budget clause of the policy (Art. 8: 加快预算执行进度); the duty itself is 《预算法》's (no spending beyond the appropriation).
  'R-BUDGET': { zh: '第八条', en: 'Art. 8' },
};

export const ruleArticle = (rule: string): RuleArticle | undefined =>
  Object.hasOwn(RULE_ARTICLES, rule) ? RULE_ARTICLES[rule] : undefined;
