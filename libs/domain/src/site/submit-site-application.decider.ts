import { BusinessDate } from '../shared/business-date';
import { conflict, invalidInput, notFound } from '../shared/ledger-error';
import { EffectivePolicy, policyIdsOf } from '../policy/effective-policy';
import { EnterpriseState } from '../enterprise/enterprise.decider';
import { EnterpriseStanding } from '../rules/enterprise-suspension.rule';
import { policyValidityRule } from '../rules/policy-validity.rule';
import { leaseDurationRule } from '../rules/site-lease.rule';
import { SiteKind } from '../rules/site-premises.rule';
import { purchaseRule, purchaseSubsidy } from '../rules/site-purchase.rule';
import { renovationRule, renovationSubsidyFen } from '../rules/site-renovation.rule';
import { requireNotSuspended } from '../tranche/payable-tranche';
import { SiteEvent, SiteLease, SitePremises, SiteRenovation } from './site.events';
import { refused } from './site.guards';
import { SiteState } from './site.state';

export interface SubmitSiteApplicationCommand {
  siteId: string;
  enterpriseId: string;
  kind: SiteKind;
  submittedOn: BusinessDate;
  submittedBy: string;
  submittedByReviewer: boolean;
  premises: SitePremises;
  lease?: SiteLease;
  renovation?: SiteRenovation;
  purchase?: { areaDm2: number; purchasedOn: BusinessDate; certificateRef: string };
}

/**
 * SubmitSiteApplication: the conditions of its kind (R-SITE-LEASE 5 years,
 * R-SITE-RENO after the work, R-SITE-BUY after the purchase), and for all
 * kinds an enterprise in good standing (no case suspending it, 423) and a
 * policy version in force on the submission date (R-POL). The
 * premises (R-SITE-1) is claimed on its own stream before this is appended.
 * Renovation and purchase amounts are decided here, with the policy version
 * in force on the submission date; lease amounts on each year's decision.
 */
export function decideSubmitSiteApplication(
  state: SiteState,
  enterprise: EnterpriseState,
  standing: EnterpriseStanding,
  cmd: SubmitSiteApplicationCommand,
  effective: EffectivePolicy,
): SiteEvent[] {
  if (state.exists) throw conflict(`site application ${cmd.siteId} already exists`);
  if (!enterprise.registered) throw notFound(`enterprise ${cmd.enterpriseId}`);
  requireNotSuspended(standing, 'apply for site subsidies');
  const policy = effective.policy;
  const validity = policyValidityRule(policy, cmd.submittedOn, 'site application');
  if (validity) throw refused(validity);
  const base = {
    siteId: cmd.siteId,
    enterpriseId: cmd.enterpriseId,
    kind: cmd.kind,
    submittedOn: cmd.submittedOn,
    submittedBy: cmd.submittedBy,
    reviewerIds: cmd.submittedByReviewer ? [cmd.submittedBy] : [],
    ...policyIdsOf(effective),
    premises: cmd.premises,
  };
  switch (cmd.kind) {
    case 'lease': {
      const lease = cmd.lease;
      if (!lease) throw invalidInput('lease', 'a lease application needs the lease');
      if (lease.endsOn < lease.startsOn)
        throw invalidInput('lease.endsOn', 'must not be before startsOn');
      const duration = leaseDurationRule(lease.startsOn, lease.endsOn, policy);
      if (duration) throw refused(duration);
      return [{ type: 'SiteApplicationSubmitted', data: { ...base, lease: { ...lease } } }];
    }
    case 'renovation': {
      const renovation = cmd.renovation;
      if (!renovation) throw invalidInput('investmentFen', 'a renovation application needs it');
      const rule = renovationRule(
        renovation.investmentFen,
        renovation.completedOn,
        cmd.submittedOn,
      );
      if (rule) throw refused(rule);
      return [
        {
          type: 'SiteApplicationSubmitted',
          data: {
            ...base,
            renovation: { ...renovation },
            totalFen: renovationSubsidyFen(renovation.investmentFen, policy),
          },
        },
      ];
    }
    case 'purchase': {
      const purchase = cmd.purchase;
      if (!purchase) throw invalidInput('areaM2', 'a purchase application needs it');
      const rule = purchaseRule(purchase.areaDm2, purchase.purchasedOn, cmd.submittedOn);
      if (rule) throw refused(rule);
      const subsidy = purchaseSubsidy(purchase.areaDm2, policy);
      return [
        {
          type: 'SiteApplicationSubmitted',
          data: {
            ...base,
            purchase: { ...purchase, areaDm2Counted: subsidy.areaDm2Counted },
            totalFen: subsidy.totalFen,
            yearFen: subsidy.yearFen,
          },
        },
      ];
    }
    default: {
      const never: never = cmd.kind;
      throw invalidInput('kind', `unknown kind ${String(never)}`);
    }
  }
}
