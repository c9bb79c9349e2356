// What makes a demo operator: its company, people, catalog and places, and how its fleet, history,
// routes, cash counts and hosts are set up. Demo Vending (Berlin) and the Shanghai demo are two.
import "server-only";

import type { MemberRole } from "~/db/schema";
import type { SaveContractInput } from "~/server/hosts";
import type { PaymentMethod, PlaceKind } from "~/sim/traffic";
import type { DemoLocation, DemoProduct, MachineTypeKey } from "./catalog-data";

export interface DemoPerson {
  name: string;
  email: string;
  role: MemberRole;
  /** The language the app speaks to them; unset follows the browser. */
  locale?: "en" | "zh-CN";
}

/** A commission rule for a place, without the place and month the seed fills in. */
export type DemoContractRule = Omit<SaveContractInput, "locationId" | "effectiveFrom">;

/** Payment mix weights. */
export type PaymentMix = Partial<Record<PaymentMethod, number>>;

export interface DemoOperator {
  org: {
    name: string;
    slug: string;
    timeZone: string;
    currency: string;
    supportEmail: string;
    legalName: string;
    legalAddress: string;
    vatNumber: string;
    /** Prices include this VAT rate, in basis points. */
    defaultVatRateBp: number;
  };
  /** Members, the owner first. */
  people: DemoPerson[];
  products: DemoProduct[];
  locations: DemoLocation[];
  /** Seeds the fleet plan: serials, planograms and demand. */
  fleetSeed: string;
  /** What each type of machine is called here and which model it is. */
  machineTypes: Record<MachineTypeKey, { label: string; model: string }>;
  /** A price premium at busy public places, as a slot price override (minor units). */
  premiumMinor: Partial<Record<PlaceKind, number>>;
  /** How customers pay, by kind of place; unset: the simulator's mix for the kind of place. */
  payments?: { all: PaymentMix; byKind?: Partial<Record<PlaceKind, PaymentMix>> };
  historyDays: number;
  /** The machine without telemetry (only its audits and restocks reach VendOps). */
  auditsOnlyMachine: string | null;
  /** The machine whose telemetry loses one slot's vends (its audits count them). */
  lossyMachine: string | null;
  /** Where the machines' credentials go in the data directory. */
  credentialsFile: string;
  routes: { name: string; driver: string }[];
  visitCostMinor: number;
  /** The driver whose cash counts come back a few percent short. */
  shortDriver: string;
  hosts: {
    /** The host who signs in to the portal to see one place. */
    host: { name: string; email: string; locale?: DemoPerson["locale"] };
    /** The host's place (a location key). */
    place: string;
    /** Contracts by location key; `later` takes effect from the last closed month. */
    contracts: Record<string, { rule: DemoContractRule; later?: DemoContractRule }>;
    /** Where the other places' statements go. */
    contactDomain: string;
    /** What the payment processors charge per payment. */
    cardFees: { paymentMethod: "card" | "online" | "alipay" | "wechat_pay"; percentBp: number; fixedMinor: number }[];
  };
}

/** The operator's owner: the first of its people. */
export const ownerOf = (operator: DemoOperator): DemoPerson => operator.people[0]!;
