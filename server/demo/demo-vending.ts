// Demo Vending: the Berlin operator `npm start` seeds (euro, 19 % VAT, 90 days of history).
import "server-only";

import { demoLocations, demoProducts } from "./catalog-data";
import type { DemoOperator } from "./operator";

const host = "host@demo-vending.example";
const technician = "technician@demo-vending.example";

export const demoVending: DemoOperator = {
  org: {
    name: "Demo Vending",
    slug: "demo-vending",
    timeZone: "Europe/Berlin",
    currency: "EUR",
    supportEmail: "support@demo-vending.example",
    // What receipts print: a seller with an address and VAT number, prices including 19 % VAT.
    legalName: "Demo Vending GmbH",
    legalAddress: "Musterstraße 1\n10115 Berlin\nGermany",
    vatNumber: "DE123456789",
    defaultVatRateBp: 1900,
  },
  people: [
    { name: "Dana Demo", email: "owner@demo-vending.example", role: "owner" },
    { name: "Mia Manager", email: "manager@demo-vending.example", role: "manager" },
    { name: "Theo Technician", email: technician, role: "technician" },
    { name: "Vera Viewer", email: "viewer@demo-vending.example", role: "viewer" },
  ],
  products: demoProducts,
  locations: demoLocations,
  fleetSeed: "demo-vending-fleet",
  machineTypes: {
    drinks: { label: "Drinks", model: "VendCo CD-24 Cold Drinks" },
    snacks: { label: "Snacks", model: "VendCo S-36 Snack" },
    combo: { label: "Combo", model: "VendCo C-32 Combo" },
    fresh: { label: "Fresh", model: "FreshLine F-20" },
  },
  premiumMinor: { airport: 50, station: 20 },
  historyDays: 90,
  auditsOnlyMachine: "Weinberg School Snacks",
  lossyMachine: "Alexanderplatz Snacks",
  credentialsFile: "demo-machines.json",
  // Machines are split into rounds by place name, so a route is a round through neighbouring stops.
  routes: [
    { name: "City centre", driver: technician },
    { name: "North & campus", driver: technician },
    { name: "South & airport", driver: "manager@demo-vending.example" },
  ],
  visitCostMinor: 1200,
  shortDriver: technician,
  hosts: {
    host: { name: "Hanna Host", email: host },
    place: "SPR",
    contactDomain: "demo-vending-hosts.example",
    // Each kind of rule at least once. Places not listed have no host contract.
    contracts: {
      // A share of gross sales, raised to a share of net sales in the last closed month.
      SPR: { rule: { basis: "gross", percentBp: 1200, contactEmails: [host] }, later: { basis: "net", percentBp: 1500, contactEmails: [host], notes: "Renegotiated: 15 % of net sales." } },
      // Tiers on net sales: 10 % up to €1,500 a month, 15 % above.
      HBF: { rule: { basis: "net", tiers: [{ fromMinor: 0, percentBp: 1000 }, { fromMinor: 150_000, percentBp: 1500 }] } },
      // Cash and cashless at different rates, with a minimum guarantee.
      HSP: { rule: { basis: "gross", cashPercentBp: 800, cashlessPercentBp: 1000, minimumGuaranteeMinor: 15_000 } },
      // A flat monthly rent and an amount per unit sold.
      BER: { rule: { basis: "gross", flatRentMinor: 40_000, perUnitMinor: 10 } },
      // A share of gross sales with a minimum guarantee that a quiet month falls under.
      GYM: { rule: { basis: "gross", percentBp: 1000, minimumGuaranteeMinor: 12_000 } },
      // An amount per unit only.
      UNI: { rule: { basis: "gross", perUnitMinor: 15 } },
      // Rent only.
      FIT: { rule: { basis: "gross", flatRentMinor: 25_000 } },
      // A share of net sales with a minimum guarantee the hotel lobby's sales do not earn: a place that loses money.
      KUD: { rule: { basis: "net", percentBp: 1500, minimumGuaranteeMinor: 45_000 } },
    },
    cardFees: [
      { paymentMethod: "card", percentBp: 139, fixedMinor: 5 },
      { paymentMethod: "online", percentBp: 150, fixedMinor: 25 },
      { paymentMethod: "alipay", percentBp: 220, fixedMinor: 0 },
      { paymentMethod: "wechat_pay", percentBp: 220, fixedMinor: 0 },
    ],
  },
};
