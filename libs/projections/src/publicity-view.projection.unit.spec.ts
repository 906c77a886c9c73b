import { publicityViewProjection, PublicityView } from './publicity-view.projection';
import { documentSpecification } from './testing/projection-specification';
import { ledgerEvent, recorded } from './testing/ledger-events.fixture';
import { recordedStory, story } from './testing/seat-subsidy.story';

const spec = documentSpecification(publicityViewProjection);
const { publicityId, objectionId, e1, p1, p2, t1, a1 } = story;

/** The story's events up to (not including) the first of type `until`. */
function storyUntil(until: string) {
  const events = recordedStory();
  const end = events.findIndex((e) => e.type === until);
  return { given: events.slice(0, end), when: events[end] };
}

const entry = (p: typeof p1, claimId: string) => ({
  trancheId: t1,
  claimId,
  // Written before entries named their programme: a seat entry.
  programme: 'seat',
  enterpriseName: e1.name,
  personName: p.name,
  personIdMasked: p.personIdMasked,
  amountFen: 250_000,
});

describe('publicity view projection (R-PUB)', () => {
  it('given nothing, when a notice opens, then it lists who gets what, with masked IDs only', () => {
    const { given, when } = storyUntil('PublicityOpened');
    spec
      .given(...given)
      .when(when)
      .thenDocument(publicityId, {
        publicityId,
        startsOn: '2023-02-03',
        endsOn: '2023-02-10',
        tranches: [{ trancheId: t1, applicationId: a1, enterpriseId: e1.enterpriseId }],
        entries: [entry(p1, `${a1}.c1`), entry(p2, `${a1}.c2`)],
        objections: [],
        lastPosition: when.position,
      });
    const [op] = spec
      .given(...given)
      .when(when)
      .operations();
    expect(JSON.stringify(op)).not.toContain(p1.personId);
  });

  it('given an open notice, when its tranches are linked, then the notice says which', () => {
    const { given, when } = storyUntil('PublicityLinked');
    const [op] = spec
      .given(...given)
      .when(when)
      .operations();
    expect((op as { doc: PublicityView }).doc).toMatchObject({ linked: [t1], notLinked: [] });
  });

  it('given an objection raised, when it is upheld and its claim withdrawn, then the objection is upheld and the entry marked withdrawn', () => {
    const raised = storyUntil('ObjectionRaised');
    const [afterRaise] = spec
      .given(...raised.given)
      .when(raised.when)
      .operations();
    expect((afterRaise as { doc: PublicityView }).doc.objections).toEqual([
      {
        objectionId,
        raisedOn: '2023-02-05',
        claimId: `${a1}.c2`,
        text: '此人未在该企业工作',
        status: 'open',
      },
    ]);

    const resolved = storyUntil('ObjectionResolved');
    const [afterResolve] = spec
      .given(...resolved.given)
      .when(resolved.when)
      .operations();
    const resolvedDoc = (afterResolve as { doc: PublicityView }).doc;
    expect(resolvedDoc.objections[0]).toMatchObject({
      status: 'upheld',
      resolvedOn: '2023-02-08',
      reason: '社保记录不符',
    });
    expect(resolvedDoc.entries.some((e) => e.withdrawn)).toBe(false);

    const withdrawn = storyUntil('ClaimWithdrawnFromTranche');
    const ops = spec
      .given(...withdrawn.given)
      .when(withdrawn.when)
      .operations();
    expect(ops).toHaveLength(1);
    expect((ops[0] as { doc: PublicityView }).doc.entries).toEqual([
      entry(p1, `${a1}.c1`),
      { ...entry(p2, `${a1}.c2`), withdrawn: true },
    ]);

    const applied = storyUntil('ObjectionResolutionApplied');
    const [afterApply] = spec
      .given(...applied.given)
      .when(applied.when)
      .operations();
    expect((afterApply as { doc: PublicityView }).doc.objections[0].withdrawnFen).toBe(250_000);
  });

  it('given an objection, when it is dismissed, then nobody is withdrawn', () => {
    const { given } = storyUntil('ObjectionResolved');
    const dismissed = ledgerEvent('ObjectionResolved', {
      processId: objectionId,
      publicityId,
      objectionId,
      resolvedOn: '2023-02-08',
      upheld: false,
      reason: '查无实据',
      claimId: `${a1}.c2`,
      trancheId: t1,
    });
    const [op] = spec
      .given(...given)
      .when(recorded(dismissed, { position: 100 }))
      .operations();
    const doc = (op as { doc: PublicityView }).doc;
    expect(doc.objections[0]).toMatchObject({ status: 'dismissed', reason: '查无实据' });
    expect(doc.entries.every((e) => e.withdrawn === undefined)).toBe(true);
  });

  it('given a notice, when an event already folded in comes again, then nothing changes', () => {
    const { given } = storyUntil('ObjectionResolved');
    spec
      .given(...given)
      .when(given[given.length - 1])
      .then([]);
  });

  it('given a notice opened with where it is posted and the standard of each entry, when it is read, then both are shown (R-PUB)', () => {
    const standard = {
      text: '场地租赁补贴 2,500元/有效席位/年',
      rateFen: 250_000,
      unit: '有效席位/年',
    };
    const opened = ledgerEvent('PublicityOpened', {
      processId: 'pub-9',
      publicityId: 'pub-9',
      startsOn: '2023-03-02',
      endsOn: '2023-03-08',
      publishedAt: '大同市数字政府服务中心公告栏',
      policyVersion: 'datong-2022',
      tranches: [
        {
          trancheId: 's1.y1',
          applicationId: 's1',
          enterpriseId: e1.enterpriseId,
          programme: 'siteLease',
        },
      ],
      entries: [
        {
          trancheId: 's1.y1',
          claimId: 's1.y1',
          programme: 'siteLease',
          enterpriseId: e1.enterpriseId,
          enterpriseName: e1.name,
          standard,
          amountFen: 750_000,
        },
      ],
    });
    const [op] = spec
      .given()
      .when(recorded(opened, { position: 7 }))
      .operations();
    const doc = (op as { doc: PublicityView }).doc;
    expect(doc.publishedAt).toBe('大同市数字政府服务中心公告栏');
    expect(doc.entries).toEqual([
      {
        trancheId: 's1.y1',
        claimId: 's1.y1',
        programme: 'siteLease',
        enterpriseName: e1.name,
        standard,
        amountFen: 750_000,
      },
    ]);
  });
});
