import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { RULE_ARTICLES, ruleArticle } from './rule-articles';

/** Rule ids that refusals name anywhere in the domain sources. */
function ruleIdsInDomain(dir: string, out = new Set<string>()): Set<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) ruleIdsInDomain(path, out);
    else if (name.endsWith('.ts') && !name.includes('.spec.') && !path.includes('testing')) {
      for (const m of readFileSync(path, 'utf8').matchAll(/'(R-[A-Z0-9]+(?:-[A-Z0-9]+)?)'/g)) {
        out.add(m[1]);
      }
    }
  }
  return out;
}

describe('rule → policy article table', () => {
  it('given every rule id the domain names, when looked up, then it has a Chinese and an English article', () => {
    const ids = [...ruleIdsInDomain(join(__dirname, '..'))];
    expect(ids.length).toBeGreaterThan(15);
    const missing = ids.filter((id) => !ruleArticle(id));
    expect(missing).toEqual([]);
  });

  it('given the table, when read, then each article cites 第…条 and Art.', () => {
    for (const article of Object.values(RULE_ARTICLES)) {
      expect(article.zh).toMatch(/^第[一二三四五六七八九十]+条/);
      expect(article.en).toMatch(/^Art\. \d+/);
    }
    expect(ruleArticle('R-PUB')).toEqual({ zh: '第七条', en: 'Art. 7' });
    expect(ruleArticle('R-SEAT-5')?.zh).toBe('第三条(三)');
    expect(ruleArticle('toString')).toBeUndefined();
  });
});
