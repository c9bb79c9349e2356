import "server-only";
import type { AnyApiOperation } from "../operation";
import * as accounting from "./accounting";
import * as alerts from "./alerts";
import * as audits from "./audits";
import * as cash from "./cash-collections";
import * as locations from "./locations";
import * as machines from "./machines";
import * as planograms from "./planograms";
import * as products from "./products";
import * as reports from "./reports";
import * as orders from "./orders";
import * as refundRequests from "./refund-requests";
import * as refunds from "./refunds";
import * as sales from "./sales";
import * as visits from "./visits";

/** Every operation of the public API v1, in the reference's order. */
export const apiOperations: AnyApiOperation[] = [
  machines.listMachines,
  machines.getMachine,
  machines.updateMachineOperation,
  locations.listLocations,
  locations.getLocationOperation,
  locations.createLocationOperation,
  locations.updateLocationOperation,
  products.listProducts,
  products.getProductOperation,
  products.createProductOperation,
  products.updateProductOperation,
  products.changeProductPrices,
  planograms.getPlanogramOperation,
  planograms.getSlotOperation,
  planograms.updateSlotOperation,
  sales.listSalesOperation,
  sales.getSaleOperation,
  refunds.listRefundsOperation,
  refunds.getRefundOperation,
  refundRequests.listRefundRequestsOperation,
  refundRequests.getRefundRequestOperation,
  refundRequests.approveRefundRequestOperation,
  refundRequests.declineRefundRequestOperation,
  orders.listOrdersOperation,
  orders.getOrderOperation,
  alerts.listAlerts,
  alerts.getAlert,
  alerts.acknowledgeAlertOperation,
  alerts.resolveAlertOperation,
  visits.listVisits,
  visits.getVisit,
  audits.listAudits,
  audits.getAudit,
  cash.listCashCollections,
  cash.getCashCollection,
  reports.getMonthlyStatisticsOperation,
  reports.getPlan,
  accounting.getJournal,
];

export { accounting, alerts, audits, cash, locations, machines, orders, planograms, products, refundRequests, refunds, reports, sales, visits };
