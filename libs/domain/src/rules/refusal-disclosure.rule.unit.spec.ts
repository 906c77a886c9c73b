import { DisclosableOutcome, refusalForApplicant } from './refusal-disclosure.rule';

describe('R-SEAT-6 refusals as an applicant sees them (RULES.md "Segregation of duties")', () => {
  const ofB = { claimId: 'app-b.c1', enterpriseId: 'ENT-B', months: ['2023-02', '2023-01'] };
  const ofA = { claimId: 'app-a0.c3', enterpriseId: 'ENT-A', months: ['2023-03'] };
  const refused = {
    claimId: 'app-a.c1',
    status: 'refused',
    rule: 'R-SEAT-6',
    reason: 'months 2023-01, 2023-02 are already claimed by claim app-b.c1 of enterprise ENT-B',
    conflictsWith: [ofB],
  };

  it("given a refusal naming another enterprise's claim, when shown to the applicant of A, then it says only that the months are claimed by another enterprise", () => {
    const shown = refusalForApplicant(refused, 'ENT-A');
    expect(shown).toEqual({
      claimId: 'app-a.c1',
      status: 'refused',
      rule: 'R-SEAT-6',
      reason: 'months 2023-01, 2023-02 are claimed by another enterprise',
    });
    expect(JSON.stringify(shown)).not.toMatch(/ENT-B|app-b/);
  });

  it("given a refusal naming A's own other claim and B's, when shown to A, then A's own claim stays and B's is gone", () => {
    const shown = refusalForApplicant({ ...refused, conflictsWith: [ofB, ofA] }, 'ENT-A');
    expect(shown.conflictsWith).toEqual([ofA]);
    expect(shown.reason).toBe('months 2023-01, 2023-02 are claimed by another enterprise');
  });

  it('given a refusal naming only claims of the applicant itself, when shown to it, then it is unchanged', () => {
    const own = { ...refused, reason: 'months 2023-03 are already claimed', conflictsWith: [ofA] };
    expect(refusalForApplicant(own, 'ENT-A')).toEqual(own);
  });

  it('given an outcome with no conflict, when shown, then it is unchanged', () => {
    const accepted: DisclosableOutcome & { claimId: string } = {
      claimId: 'app-a.c2',
      status: 'submitted',
    } as DisclosableOutcome & { claimId: string };
    expect(refusalForApplicant(accepted, 'ENT-A')).toEqual(accepted);
  });

  it('given a refusal whose input is shown, when redacted, then the input is not changed', () => {
    const copy = JSON.parse(JSON.stringify(refused));
    refusalForApplicant(refused, 'ENT-A');
    expect(refused).toEqual(copy);
  });
});
