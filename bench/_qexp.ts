import { streams } from '@ledger/domain';
import { CLAIMS_PER_STORY, storyIds } from './history';
import { apiPersonKeyOf, openEmbeddedLedger } from './ledger-fixture';
import { nowMs, percentile, seededRandom } from './bench-support';
async function main() {
  const variant = process.argv[2] ?? 'default';
  const dirs = [
    ['10k', '/tmp/gc/exp-10k', 193],
    ['1M', '/tmp/gc/exp-1m', 19231],
  ] as const;
  const ls = dirs.map(([name, dir, n]) => {
    const l = openEmbeddedLedger(dir);
    if (variant === 'cache64') l.store.database.pragma('cache_size = -65536');
    if (variant === 'mmap') l.store.database.pragma('mmap_size = 1073741824');
    return { name, l, n, b: [] as number[], c: [] as number[] };
  });
  const random = seededRandom(9);
  for (let round = 0; round < 20; round++) {
    for (const x of round % 2 ? [...ls].reverse() : ls) {
      for (let q = 0; q < 250; q++) {
        const ids = storyIds(Math.floor(random() * x.n));
        let t = nowMs();
        await x.l.store.readStream(streams.enterprise(ids.enterpriseId), { maxCount: 1 });
        await x.l.readModels.enterpriseBalance(ids.enterpriseId, '2024-01-01');
        if (round > 0) x.b.push((nowMs() - t) * 1000);
        t = nowMs();
        await x.l.readModels.personCap(
          apiPersonKeyOf(ids.personIds[Math.floor(random() * CLAIMS_PER_STORY)]),
        );
        if (round > 0) x.c.push((nowMs() - t) * 1000);
      }
    }
  }
  for (const x of ls) {
    const s = (a: number[]) => a.sort((p, q) => p - q);
    console.log(
      variant,
      x.name,
      'balance p50',
      percentile(s(x.b), 50).toFixed(1),
      'p99',
      percentile(x.b, 99).toFixed(1),
      '| cap p50',
      percentile(s(x.c), 50).toFixed(1),
      'p99',
      percentile(x.c, 99).toFixed(1),
    );
    await x.l.store.close();
  }
}
main();
