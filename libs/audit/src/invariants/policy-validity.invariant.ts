import type { PolicyVersion } from '@ledger/domain/policy/policy-version';
import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { Invariant, ReportViolation, str } from './invariant';

/** What starts something new, and the date R-POL judges it by. */
const NEW_THINGS: Readonly<Record<string, (d: Record<string, unknown>) => string | undefined>> = {
  SeatApplicationSubmitted: (d) => str(d['submittedOn']),
  SiteApplicationSubmitted: (d) => str(d['submittedOn']),
  EffectiveSeatRecognitionStarted: (d) => str(d['recognizedOn']),
  // An internship application goes by 1 January of its cohort year.
  InternshipApplicationSubmitted: (d) =>
    typeof d['year'] === 'number' ? `${String(d['year']).padStart(4, '0')}-01-01` : undefined,
};

/**
 * R-POL: nothing new was accepted when no policy version was in force: every
 * seat or site application, effective-seat recognition and internship
 * cohort is dated inside the validity (`validFrom` to `validTo`) of some
 * version, so nothing is paid from an application an expired version could
 * not accept. Later tranches are not judged here: they keep their schedule.
 */
export class PolicyValidityInvariant implements Invariant {
  readonly name = 'policy-validity';
  readonly rules = ['R-POL'];

  constructor(private readonly versions: readonly PolicyVersion[]) {}

  observe(event: RecordedEvent, report: ReportViolation): void {
    const dateOf = NEW_THINGS[event.type];
    if (!dateOf) return;
    const date = dateOf(event.data);
    if (date === undefined) return;
    if (this.versions.some((v) => v.validFrom <= date && date <= v.validTo)) return;
    report(
      'R-POL',
      `${event.type} dated ${date} (${event.stream}): no policy version was in force that day`,
    );
  }
}
