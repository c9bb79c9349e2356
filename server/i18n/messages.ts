import "server-only";
// Every message of the app, by namespace: one JSON file per part of the product and language.
// English is the source; messages.test.ts holds Chinese to the same keys and placeholders.
import type { Locale } from "./locales";
import commonEn from "./messages/en/common.json";
import homeEn from "./messages/en/home.json";
import authEn from "./messages/en/auth.json";
import consumerEn from "./messages/en/consumer.json";
import hostPortalEn from "./messages/en/hostPortal.json";
import orgsEn from "./messages/en/orgs.json";
import docsEn from "./messages/en/docs.json";
import machinesEn from "./messages/en/machines.json";
import locationsEn from "./messages/en/locations.json";
import routesEn from "./messages/en/routes.json";
import plansEn from "./messages/en/plans.json";
import overviewEn from "./messages/en/overview.json";
import jobsEn from "./messages/en/jobs.json";
import productsEn from "./messages/en/products.json";
import salesEn from "./messages/en/sales.json";
import alertsEn from "./messages/en/alerts.json";
import cashEn from "./messages/en/cash.json";
import auditsEn from "./messages/en/audits.json";
import settingsEn from "./messages/en/settings.json";
import paymentsEn from "./messages/en/payments.json";
import hostsEn from "./messages/en/hosts.json";
import membersEn from "./messages/en/members.json";
import refundRequestsEn from "./messages/en/refundRequests.json";
import refundsEn from "./messages/en/refunds.json";
import ordersEn from "./messages/en/orders.json";
import statisticsEn from "./messages/en/statistics.json";
import rankingsEn from "./messages/en/rankings.json";
import webhooksEn from "./messages/en/webhooks.json";
import notificationsEn from "./messages/en/notifications.json";
import auditLogEn from "./messages/en/auditLog.json";
import accountingEn from "./messages/en/accounting.json";
import documentsEn from "./messages/en/documents.json";
import commonZh from "./messages/zh-CN/common.json";
import homeZh from "./messages/zh-CN/home.json";
import authZh from "./messages/zh-CN/auth.json";
import consumerZh from "./messages/zh-CN/consumer.json";
import hostPortalZh from "./messages/zh-CN/hostPortal.json";
import orgsZh from "./messages/zh-CN/orgs.json";
import docsZh from "./messages/zh-CN/docs.json";
import machinesZh from "./messages/zh-CN/machines.json";
import locationsZh from "./messages/zh-CN/locations.json";
import routesZh from "./messages/zh-CN/routes.json";
import plansZh from "./messages/zh-CN/plans.json";
import overviewZh from "./messages/zh-CN/overview.json";
import jobsZh from "./messages/zh-CN/jobs.json";
import productsZh from "./messages/zh-CN/products.json";
import salesZh from "./messages/zh-CN/sales.json";
import alertsZh from "./messages/zh-CN/alerts.json";
import cashZh from "./messages/zh-CN/cash.json";
import auditsZh from "./messages/zh-CN/audits.json";
import settingsZh from "./messages/zh-CN/settings.json";
import paymentsZh from "./messages/zh-CN/payments.json";
import hostsZh from "./messages/zh-CN/hosts.json";
import membersZh from "./messages/zh-CN/members.json";
import refundRequestsZh from "./messages/zh-CN/refundRequests.json";
import refundsZh from "./messages/zh-CN/refunds.json";
import ordersZh from "./messages/zh-CN/orders.json";
import statisticsZh from "./messages/zh-CN/statistics.json";
import rankingsZh from "./messages/zh-CN/rankings.json";
import webhooksZh from "./messages/zh-CN/webhooks.json";
import notificationsZh from "./messages/zh-CN/notifications.json";
import auditLogZh from "./messages/zh-CN/auditLog.json";
import accountingZh from "./messages/zh-CN/accounting.json";
import documentsZh from "./messages/zh-CN/documents.json";

const en = {
  common: commonEn,
  home: homeEn,
  auth: authEn,
  consumer: consumerEn,
  hostPortal: hostPortalEn,
  orgs: orgsEn,
  docs: docsEn,
  machines: machinesEn,
  locations: locationsEn,
  routes: routesEn,
  plans: plansEn,
  overview: overviewEn,
  jobs: jobsEn,
  products: productsEn,
  sales: salesEn,
  alerts: alertsEn,
  cash: cashEn,
  audits: auditsEn,
  settings: settingsEn,
  payments: paymentsEn,
  hosts: hostsEn,
  members: membersEn,
  refundRequests: refundRequestsEn,
  refunds: refundsEn,
  orders: ordersEn,
  statistics: statisticsEn,
  rankings: rankingsEn,
  webhooks: webhooksEn,
  notifications: notificationsEn,
  auditLog: auditLogEn,
  accounting: accountingEn,
  documents: documentsEn,
};

export type Messages = typeof en;

const zhCN: Messages = {
  common: commonZh,
  home: homeZh,
  auth: authZh,
  consumer: consumerZh,
  hostPortal: hostPortalZh,
  orgs: orgsZh,
  docs: docsZh,
  machines: machinesZh,
  locations: locationsZh,
  routes: routesZh,
  plans: plansZh,
  overview: overviewZh,
  jobs: jobsZh,
  products: productsZh,
  sales: salesZh,
  alerts: alertsZh,
  cash: cashZh,
  audits: auditsZh,
  settings: settingsZh,
  payments: paymentsZh,
  hosts: hostsZh,
  members: membersZh,
  refundRequests: refundRequestsZh,
  refunds: refundsZh,
  orders: ordersZh,
  statistics: statisticsZh,
  rankings: rankingsZh,
  webhooks: webhooksZh,
  notifications: notificationsZh,
  auditLog: auditLogZh,
  accounting: accountingZh,
  documents: documentsZh,
};

const byLocale: Readonly<Record<Locale, Messages>> = { en, "zh-CN": zhCN };

/** All messages of a language. */
export function messagesFor(locale: Locale): Messages {
  return byLocale[locale];
}

/** The namespaces, for checks that walk every message. */
export const NAMESPACES = Object.keys(en) as (keyof Messages)[];

/**
 * The parts every page's client components may read: the shell and shared components, the public,
 * consumer and host pages. Operator pages add the rest (app/o/[org]/layout.tsx), so a consumer's
 * phone does not download the back office's words.
 */
export const PUBLIC_NAMESPACES = ["common", "home", "auth", "consumer", "hostPortal", "orgs", "docs"] as const satisfies readonly (keyof Messages)[];

/** Only the given parts of a language's messages. */
export function pickMessages<K extends keyof Messages>(messages: Messages, namespaces: readonly K[]): Pick<Messages, K> {
  return Object.fromEntries(namespaces.map((ns) => [ns, messages[ns]])) as Pick<Messages, K>;
}
