// The cash domain's contract: what a browser may import, no database.

/** Cash taken out of a machine, as the machine reported it. */
export interface CashCollectionFact {
  /** The machine event that reported it. */
  eventId: string;
  amountMinor: number;
  currency: string;
  occurredAt: Date;
}
