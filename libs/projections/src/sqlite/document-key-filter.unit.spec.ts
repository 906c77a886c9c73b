import { DocumentKeyFilter } from './document-key-filter';

const key = (i: number) =>
  `seat_application\t00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

describe('DocumentKeyFilter', () => {
  it('given 300,000 keys added (three layers), when each is asked for, then every one might be there', () => {
    const filter = new DocumentKeyFilter();
    for (let i = 0; i < 300_000; i++) filter.add(key(i));
    expect(filter.added).toBe(300_000);
    for (let i = 0; i < 300_000; i++) {
      if (!filter.mightHave(key(i))) throw new Error(`key ${i} was added and is answered absent`);
    }
  });

  it('given 300,000 keys added, when 100,000 others are asked for, then at most 3 % might be there', () => {
    const filter = new DocumentKeyFilter();
    for (let i = 0; i < 300_000; i++) filter.add(key(i));
    let maybe = 0;
    for (let i = 300_000; i < 400_000; i++) if (filter.mightHave(key(i))) maybe += 1;
    expect(maybe).toBeLessThan(3_000);
  });

  it('given nothing added, when a key is asked for, then it is not there', () => {
    expect(new DocumentKeyFilter().mightHave(key(1))).toBe(false);
    expect(new DocumentKeyFilter().mightHave('')).toBe(false);
  });
});
