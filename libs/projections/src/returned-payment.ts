/** A payment the bank sent back (退票), as the application views show it on its tranche. */
export interface ViewReturnedPayment {
  disbursementId: string;
  paidOn: string;
  amountFen: number;
  bankRef: string;
  returnedOn: string;
  returnBankRef: string;
  reason: string;
}

/** The tranche is unpaid again; the payment and its return stay on it, oldest first. */
export function returnPaymentOf(
  t:
    | {
        disbursement?: {
          disbursementId: string;
          paidOn: string;
          amountFen: number;
          bankRef: string;
        };
        returned?: ViewReturnedPayment[];
      }
    | undefined,
  d: { disbursementId: string; returnedOn: string; bankRef: string; reason: string },
): void {
  const paid = t?.disbursement;
  if (!t || !paid || paid.disbursementId !== d.disbursementId) return;
  (t.returned ??= []).push({
    ...paid,
    returnedOn: d.returnedOn,
    returnBankRef: d.bankRef,
    reason: d.reason,
  });
  delete t.disbursement;
}
