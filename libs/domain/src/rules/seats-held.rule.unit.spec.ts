import { seatCountOn, seatsHeldRule } from './seats-held.rule';

describe('R-SEAT-8 seats held', () => {
  const declared200 = { seats: 200, source: 'declared' as const };

  it('given 200 seats and no open claim, when 200 claims are asked, then all are admitted', () => {
    expect(seatsHeldRule(0, declared200, 200, '2023-03-01')).toEqual({ admitted: 200 });
  });

  it('given 200 seats and no open claim, when 201 claims are asked in one application, then 200 are admitted and the 201st is refused naming R-SEAT-8', () => {
    expect(seatsHeldRule(0, declared200, 201, '2023-03-01')).toEqual({
      admitted: 200,
      refusal: {
        rule: 'R-SEAT-8',
        reason:
          'the enterprise holds 0 open claims of its 200 seats (declared at registration) on 2023-03-01: 1 claim(s) beyond the count are refused',
      },
    });
  });

  it('given 200 seats with 150 claims open, when 51 more are asked, then 50 are admitted and 1 refused', () => {
    expect(seatsHeldRule(150, declared200, 51, '2023-03-01')).toMatchObject({
      admitted: 50,
      refusal: { rule: 'R-SEAT-8' },
    });
  });

  it('given 200 seats all held, when one more is asked, then none is admitted', () => {
    expect(seatsHeldRule(200, declared200, 1, '2023-03-01').admitted).toBe(0);
  });

  it('given more open claims than a lower verified count, when one more is asked, then none is admitted and the reason names the inspection', () => {
    const verified = {
      seats: 120,
      source: 'verified' as const,
      verifiedOn: '2023-06-01',
      inspectionRef: 'INS-7',
    };
    const r = seatsHeldRule(150, verified, 1, '2023-06-02');
    expect(r.admitted).toBe(0);
    expect(r.refusal?.reason).toContain('verified on 2023-06-01 (inspection INS-7)');
  });

  describe('the seat count on a date', () => {
    const verified = [
      { verifiedOn: '2023-06-01', seats: 150, inspectionRef: 'INS-1' },
      { verifiedOn: '2023-03-01', seats: 250, inspectionRef: 'INS-0' },
    ];

    it('given no inspection, when counted, then the declared count is used', () => {
      expect(seatCountOn(300, [], '2023-06-01')).toEqual({ seats: 300, source: 'declared' });
    });

    it('given inspections on 2023-03-01 and 2023-06-01 (recorded out of order), when counted on 2023-02-28, 2023-03-01, 2023-05-31 and 2023-06-01, then each date uses the latest on or before it', () => {
      expect(seatCountOn(300, verified, '2023-02-28').seats).toBe(300);
      expect(seatCountOn(300, verified, '2023-03-01')).toEqual({
        seats: 250,
        source: 'verified',
        verifiedOn: '2023-03-01',
        inspectionRef: 'INS-0',
      });
      expect(seatCountOn(300, verified, '2023-05-31').seats).toBe(250);
      expect(seatCountOn(300, verified, '2023-06-01').seats).toBe(150);
    });

    it('given two inspections on one day, when counted, then the one recorded last counts', () => {
      const sameDay = [
        ...verified,
        { verifiedOn: '2023-06-01', seats: 180, inspectionRef: 'INS-2' },
      ];
      expect(seatCountOn(300, sameDay, '2023-07-01').seats).toBe(180);
    });
  });
});
