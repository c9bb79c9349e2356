// The traffic of one simulated vending machine, as protocol v1 events. Deterministic: the same spec,
// options and calls give the same events. A discrete-event simulation stepped by clock hours: each
// hour draws its vends from the place's daily and weekly shape; visits, fault clearances and
// reconnections are tasks on an agenda kept in the (JSON) state, so a model can be saved and resumed.

import { currencyDecimals, selectionOf, vendorWrapper, writeDexAudit, type DexCounters, type DexTally } from "./dex";
import { chooseFault, faultByCode, temperatureAt } from "./faults";
import { defaultRates, initialState, type Happening, type MachineSpec, type ModelOptions, type ModelState, type Rates, type TimedEvent } from "./machine-spec";
import type { ProtocolEvent, VendFailureReason } from "./protocol";
import { Random } from "./random";
import { hourShare, localHour, profiles, type PaymentMethod } from "./traffic";

export type { MachineSpec, ModelOptions, ModelState, SlotSpec, TimedEvent } from "./machine-spec";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const ELECTRONIC = new Set<PaymentMethod>(["card", "alipay", "wechat_pay", "online"]);
const failureReasons: VendFailureReason[] = ["dispense_failed", "dispense_failed", "jammed", "timeout"];
// A cash customer who times out gets the coins back (no failed vend); cash fails less, too, since
// most coin machines hold the money in escrow until the product drops.
const cashFailureReasons: VendFailureReason[] = ["dispense_failed", "jammed"];
const referencePrefix: Partial<Record<PaymentMethod, string>> = { card: "ch_", alipay: "ali_", wechat_pay: "wx_" };

/**
 * DEX audits of a simulated machine (`MachineModel.enableAudits`). The controller keeps counters
 * since initialisation; at every restock the technician reads them and the telemetry box uploads
 * the file.
 */
export interface MachineAuditOptions {
  /** ID101, the machine's serial. */
  serial: string;
  /** ID102, the machine's model; its maker (first word) also picks the default `selections`. */
  model?: string;
  /** "numeric": slot A1 is selection "11", B3 "23"; "slot": the slot code itself. Default: by maker. */
  selections?: "numeric" | "slot";
  /**
   * How the telemetry box hands the file over. "plain": CRLF as written; "wrapped": a vendor
   * wrapper before `DXS` ending in a checksum byte, often not UTF-8; "lf": LF line endings. Default: by serial.
   */
  dialect?: "plain" | "wrapped" | "lf";
  /** Zero the since-reset counters at every read. Default true. */
  resetOnRead?: boolean;
  /**
   * Start the counters with the sales of the machine's life before the simulation (from an
   * install date drawn from the serial), as a real controller's are. Default true; false starts at zero.
   */
  lifetime?: boolean;
}

/** An audit file the machine read at a service visit, to upload with `sendAudit`. */
export interface DueAudit {
  /** When it was read (ms). */
  readAt: number;
  /** When the network lets it reach the server (later while the machine is offline). */
  deliverAt: number;
  visitId: string;
  /** The file's bytes, exactly as to upload. */
  body: Uint8Array;
  /** What the file says. */
  counters: DexCounters;
}

interface AuditTally {
  count: number;
  valueMinor: number;
  resetCount: number;
  resetValueMinor: number;
}

/** The controller's counters, kept in the model's state (so saved and resumed with it). */
export interface AuditState {
  slots: Record<string, AuditTally>;
  cash: AuditTally;
  cashless: AuditTally;
  /** Coins in each tube of the changer, in the order of `coinsOf(currency)`. */
  tubes: number[];
  reads: number;
  lastReadAt: number | null;
}

const TUBE_CAPACITY = 80;
const TUBE_FLOAT = 30;

/** The coins a changer's tubes hold, smallest first, in minor units. */
function coinsOf(currency: string): number[] {
  if (currency === "USD") return [5, 10, 25, 100];
  if (currency === "CHF") return [10, 20, 50, 100, 200, 500];
  // 1 jiao, 5 jiao and 1 yuan.
  if (currency === "CNY") return [10, 50, 100];
  return currencyDecimals(currency) === 0 ? [10, 50, 100, 500] : [10, 20, 50, 100, 200];
}

/** FNV-1a: a stable number from text, for choices that must not draw from the model's random stream. */
function hashOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

const tally = (count = 0, valueMinor = 0): AuditTally => ({ count, valueMinor, resetCount: 0, resetValueMinor: 0 });

const order: Record<Happening["kind"], number> = { online: 0, clear: 1, visit: 2, fixAll: 3, restock: 4, collect: 5, doorClosed: 6, heartbeat: 7, fault: 8, offline: 9, vend: 10 };

export class MachineModel {
  private s: ModelState & { audit?: AuditState };
  private auditing: (Required<Omit<MachineAuditOptions, "model">> & { model?: string }) | null = null;
  private audits: DueAudit[] = [];
  private rng: Random;
  private readonly rates: Rates;
  private readonly heartbeatMs: number;
  private readonly idPrefix: string;
  private readonly routeDays: number;
  private out: TimedEvent[] = [];

  constructor(
    readonly spec: MachineSpec,
    options: ModelOptions,
    state?: ModelState,
  ) {
    this.rates = { ...defaultRates, ...options.rates };
    this.heartbeatMs = (options.heartbeatMinutes ?? 1) * MINUTE;
    this.idPrefix = options.idPrefix ?? "";
    const capacity = spec.slots.reduce((a, s) => a + s.capacity, 0);
    this.routeDays = Math.min(6, Math.max(1, Math.round((capacity / Math.max(1, spec.dailyVends)) * 0.4)));
    if (state) {
      this.s = structuredClone(state);
      this.rng = new Random(state.rng);
      return;
    }
    this.rng = new Random(options.seed);
    this.s = initialState(spec, options, this.rng, this.heartbeatMs, this.routeDays);
  }

  /** The model's whole state as plain JSON, to save and resume with `new MachineModel(spec, options, state)`. */
  get state(): ModelState {
    return structuredClone({ ...this.s, rng: this.rng.state });
  }

  get clock(): number {
    return this.s.clock;
  }

  stockOf(code: string): number {
    return this.s.stock[code] ?? 0;
  }

  /** Runs the machine up to `until` (ms) and returns what it reported meanwhile, in occurrence order. */
  advance(until: number | Date): TimedEvent[] {
    const end = +until;
    this.out = [];
    while (this.s.clock < end) {
      const stepEnd = Math.min(end, (Math.floor(this.s.clock / HOUR) + 1) * HOUR);
      this.step(this.s.clock, stepEnd);
      this.s.clock = stepEnd;
    }
    this.s.rng = this.rng.state;
    return this.out;
  }

  /** A heartbeat now (at the model's clock), unless the machine is offline. */
  pulse(): TimedEvent[] {
    this.out = [];
    if (this.s.offlineUntil === null) this.heartbeat(this.s.clock, this.s.servicing);
    this.s.rng = this.rng.state;
    return this.out;
  }

  /** Vends an online order the server sent as a command: success, or a failure when the slot is empty or unknown. */
  fulfilOrder(order: { orderId: string; slot: string }): TimedEvent[] {
    this.out = [];
    const slot = this.spec.slots.find((x) => x.code === order.slot);
    const data = { slot: order.slot, priceMinor: slot?.priceMinor ?? 0, currency: this.spec.currency, payment: { method: "online" as const }, orderId: order.orderId };
    if (!slot || this.s.stock[slot.code]! <= 0) this.emit(this.s.clock, "vend.failed", { ...data, reason: slot ? "sold_out" : "other" });
    else if (this.rng.chance(this.rates.failedVendShare)) this.emit(this.s.clock, "vend.failed", { ...data, reason: "dispense_failed" });
    else {
      this.s.stock[slot.code]!--;
      this.countVend(slot.code, data.priceMinor, "online");
      this.emit(this.s.clock, "vend.succeeded", data);
    }
    this.s.rng = this.rng.state;
    return this.out;
  }

  /**
   * Keeps DEX audit counters (per slot, cash and cashless, coin tubes) on every successful vend
   * from now on, and reads an audit file at every restock, to collect with `takeAudits()`. Off
   * unless called; it draws nothing from the random stream, so the events stay the same. A model
   * resumed from a state that had audits keeps its counters; call this again after resuming.
   */
  enableAudits(options: MachineAuditOptions): void {
    const maker = (options.model ?? "").trim().split(/\s+/)[0] ?? "";
    this.auditing = {
      serial: options.serial,
      model: options.model,
      selections: options.selections ?? (hashOf(maker) % 2 === 0 ? "numeric" : "slot"),
      dialect: options.dialect ?? (["plain", "wrapped", "lf"] as const)[hashOf(options.serial) % 3]!,
      resetOnRead: options.resetOnRead ?? true,
      lifetime: options.lifetime ?? true,
    };
    this.s.audit ??= this.initialAudit(this.auditing.lifetime);
  }

  /** The audit files read since the last call (oldest first); each is taken once. */
  takeAudits(): DueAudit[] {
    const taken = this.audits;
    this.audits = [];
    return taken;
  }

  /** Jumps the clock forward without traffic (a machine that was switched off). */
  skipTo(time: number | Date) {
    const t = +time;
    if (t <= this.s.clock) return;
    this.s.clock = t;
    this.s.nextHeartbeatAt = Math.max(this.s.nextHeartbeatAt, t);
    for (const task of this.s.tasks) task.at = Math.max(task.at, t);
  }

  private step(from: number, to: number) {
    const local = localHour(from, this.spec.timeZone);
    if (local.date !== this.s.day) this.startDay(from, local.weekday, local.hour, local.date);
    const rng = this.rng;
    const span = to - from;
    const happenings: Happening[] = [];
    for (; this.s.nextHeartbeatAt < to; this.s.nextHeartbeatAt += this.heartbeatMs) happenings.push({ at: this.s.nextHeartbeatAt, kind: "heartbeat" });
    const profile = profiles[this.spec.kind];
    const rate = this.spec.dailyVends * profile.week[local.weekday]! * hourShare(this.spec.kind, local.hour) * this.s.dayFactor;
    const vends = rng.poisson((rate * span) / HOUR);
    for (let i = 0; i < vends; i++) happenings.push({ at: from + rng.next() * span, kind: "vend" });
    if (rng.chance((this.rates.faultsPerDay * span) / DAY)) happenings.push({ at: from + rng.next() * span, kind: "fault" });
    if (rng.chance((this.rates.offlinePerDay * span) / DAY)) happenings.push({ at: from + rng.next() * span, kind: "offline" });
    const byTime = (a: Happening, b: Happening) => a.at - b.at || order[a.kind] - order[b.kind];
    happenings.sort(byTime);
    // Tasks may schedule further tasks inside this hour, so take the earliest of both lists each time.
    for (;;) {
      this.s.tasks.sort(byTime);
      const task = this.s.tasks[0];
      const next = happenings[0];
      const takeTask = task && task.at < to && (!next || byTime(task, next) <= 0);
      if (takeTask) this.s.tasks.shift();
      else if (next) happenings.shift();
      else break;
      this.handle(takeTask ? task : next!);
    }
  }

  private startDay(now: number, weekday: number, hour: number, date: string) {
    const rng = this.rng;
    this.s.day = date;
    this.s.dayFactor = Math.exp(rng.normal(0, 0.18));
    if (this.s.tasks.some((t) => t.kind === "visit")) return;
    if (weekday >= 5 && !profiles[this.spec.kind].weekendVisits) return;
    const slots = this.spec.slots;
    const low = slots.filter((s) => this.s.stock[s.code]! <= s.parLevel).length / Math.max(1, slots.length);
    const due = (now - this.s.lastVisitAt) / DAY >= this.routeDays - 0.5 || low >= 0.3;
    const visitHour = rng.int(7, 14);
    if (due && visitHour > hour) this.s.tasks.push({ at: now + (visitHour - hour) * HOUR + rng.int(0, 59) * MINUTE, kind: "visit" });
  }

  private handle(h: Happening) {
    const s = this.s;
    const rng = this.rng;
    switch (h.kind) {
      case "vend":
        return this.vend(h.at);
      case "heartbeat":
        if (s.offlineUntil === null) this.heartbeat(h.at, s.servicing);
        return;
      case "visit": {
        if (s.servicing) return;
        s.servicing = true;
        s.visits++;
        this.heartbeat(h.at, true);
        const fix = h.at + rng.int(3, 12) * MINUTE;
        const restock = fix + rng.int(5, 15) * MINUTE;
        const collect = restock + rng.int(1, 3) * MINUTE;
        s.tasks.push({ at: fix, kind: "fixAll" }, { at: restock, kind: "restock", visit: s.visits }, { at: collect, kind: "collect" });
        s.tasks.push({ at: collect + rng.int(1, 4) * MINUTE, kind: "doorClosed" });
        return;
      }
      case "fixAll":
        for (const code of Object.keys(s.faults)) this.clearFault(h.at, code);
        return;
      case "restock":
        // The technician reads the audit first, with the door open.
        if (this.auditing) this.readAudit(h.at, `${this.idPrefix}visit-${h.visit}`);
        for (const slot of this.spec.slots) s.stock[slot.code] = slot.capacity;
        s.lastVisitAt = h.at;
        return this.emit(h.at, "inventory.restocked", {
          slots: this.spec.slots.map((slot) => ({ slot: slot.code, quantity: slot.capacity })),
          visitId: `${this.idPrefix}visit-${h.visit}`,
        });
      case "collect":
        if (s.cashMinor > 0) this.emit(h.at, "cash.collected", { amountMinor: s.cashMinor, currency: this.spec.currency });
        s.cashMinor = 0;
        // The coin tubes are topped up or emptied to their float for change.
        if (s.audit) s.audit.tubes = s.audit.tubes.map(() => TUBE_FLOAT);
        return;
      case "doorClosed":
        s.servicing = false;
        return this.heartbeat(h.at, false);
      case "clear":
        return this.clearFault(h.at, h.code);
      case "online":
        s.offlineUntil = null;
        return this.heartbeat(h.at, s.servicing);
      case "offline":
        if (s.offlineUntil !== null) return;
        s.offlineUntil = h.at + Math.min(14 * HOUR, Math.max(20 * MINUTE, rng.exponential(3 * HOUR)));
        s.tasks.push({ at: s.offlineUntil, kind: "online" });
        return;
      case "fault":
        return this.fault(h.at);
    }
  }

  private fault(at: number) {
    const rng = this.rng;
    const kind = chooseFault(rng, this.spec.coolingC !== null);
    const data = { code: kind.code, severity: kind.severity, message: kind.message };
    if (this.s.faults[kind.code] !== undefined) {
      // Machines repeat a fault that persists; the server counts the repeats on the open alert.
      if (rng.chance(0.5)) this.emit(at, "machine.fault", data);
      return;
    }
    this.s.faults[kind.code] = at;
    this.emit(at, "machine.fault", data);
    if (rng.chance(kind.selfClearing)) {
      this.s.tasks.push({ at: at + rng.between(kind.minutes[0], kind.minutes[1]) * MINUTE, kind: "clear", code: kind.code });
    } else if (kind.urgent && !this.s.tasks.some((t) => t.kind === "visit")) {
      this.s.tasks.push({ at: at + rng.int(90, 300) * MINUTE, kind: "visit" });
    }
  }

  private clearFault(at: number, code: string) {
    if (this.s.faults[code] === undefined) return;
    delete this.s.faults[code];
    this.s.tasks = this.s.tasks.filter((t) => !(t.kind === "clear" && t.code === code));
    this.emit(at, "machine.fault_cleared", { code });
  }

  private heartbeat(at: number, doorOpen: boolean) {
    const coolingSince = this.s.faults.COOLING;
    const temperatureC = temperatureAt(this.rng, {
      coolingC: this.spec.coolingC,
      localHour: localHour(at, this.spec.timeZone).hour,
      doorOpen,
      coolingFaultSinceMs: coolingSince === undefined ? null : at - coolingSince,
    });
    const signalDbm = Math.round((this.spec.signalDbm ?? -70) + this.rng.normal(0, 3));
    this.emit(at, "machine.heartbeat", { temperatureC, doorOpen, firmware: this.spec.firmware ?? "4.2.1", signalDbm });
  }

  /** The payment mix: the machine's own, else the usual one for its kind of place. */
  private get payments(): Partial<Record<PaymentMethod, number>> {
    return this.spec.payments ?? profiles[this.spec.kind].payments;
  }

  private paymentMethod(): PaymentMethod | null {
    const disabled = new Set(Object.keys(this.s.faults).flatMap((code) => faultByCode.get(code)?.disables ?? []));
    const mix = Object.entries(this.payments) as [PaymentMethod, number][];
    const method = mix[this.rng.weightedIndex(mix.map(([, w]) => w))]![0];
    if (!disabled.has(method)) return method;
    // The customer's way to pay is out of order: some pay another way, the rest walk away.
    const others = mix.filter(([m]) => !disabled.has(m));
    if (others.length === 0 || this.rng.chance(0.5)) return null;
    return others[this.rng.weightedIndex(others.map(([, w]) => w))]![0];
  }

  private vend(at: number) {
    const s = this.s;
    const rng = this.rng;
    if (s.servicing) return;
    const method = this.paymentMethod();
    if (!method) return;
    const slots = this.spec.slots;
    let slot = slots[rng.weightedIndex(slots.map((x) => x.weight))]!;
    const price = method === "free" ? 0 : slot.priceMinor;
    if (s.stock[slot.code]! <= 0) {
      // An empty slot cannot vend. A card already tapped is declined as sold out; most customers
      // choose something else, the rest leave.
      if (ELECTRONIC.has(method) && rng.chance(0.1)) return this.emit(at, "vend.failed", { ...this.vendData(slot.code, price, method), reason: "sold_out" });
      if (!rng.chance(0.6)) return;
      const i = rng.weightedIndex(slots.map((x) => (s.stock[x.code]! > 0 ? x.weight : 0)));
      if (i < 0) return;
      slot = slots[i]!;
    }
    const data = this.vendData(slot.code, method === "free" ? 0 : slot.priceMinor, method);
    if (rng.chance(this.rates.failedVendShare * (method === "cash" ? 0.4 : 1))) {
      return this.emit(at, "vend.failed", { ...data, reason: rng.pick(method === "cash" ? cashFailureReasons : failureReasons) });
    }
    s.stock[slot.code]!--;
    if (method === "cash") s.cashMinor += data.priceMinor;
    this.countVend(slot.code, data.priceMinor, method);
    this.emit(at, "vend.succeeded", data);
  }

  /** Counts a successful paid vend in the audit counters (when audits are on); free vends are not paid vends. */
  private countVend(slot: string, priceMinor: number, method: PaymentMethod) {
    const a = this.s.audit;
    if (!this.auditing || !a || method === "free") return;
    const add = (t: AuditTally | undefined) => {
      if (!t) return;
      t.count++;
      t.valueMinor += priceMinor;
      t.resetCount++;
      t.resetValueMinor += priceMinor;
    };
    add(a.slots[slot]);
    add(method === "cash" ? a.cash : a.cashless);
    if (method === "cash" && priceMinor > 0) this.payInCoins(a.tubes, priceMinor);
  }

  /**
   * A cash customer pays with the largest coin until the price is covered; the coins go to their
   * tube (the cash box once it is full) and the change comes out of the tubes, largest coin first.
   */
  private payInCoins(tubes: number[], priceMinor: number) {
    const coins = coinsOf(this.spec.currency);
    const top = coins.length - 1;
    const inserted = Math.ceil(priceMinor / coins[top]!);
    tubes[top] = Math.min(TUBE_CAPACITY, tubes[top]! + inserted);
    let change = inserted * coins[top]! - priceMinor;
    for (let i = top; i >= 0 && change > 0; i--) {
      const n = Math.min(tubes[i]!, Math.floor(change / coins[i]!));
      tubes[i]! -= n;
      change -= n * coins[i]!;
    }
  }

  /** Counters at the start: zero, or the sales of the machine's life so far (from an install date the serial gives). */
  private initialAudit(lifetime: boolean): AuditState {
    const slots = this.spec.slots;
    const audit: AuditState = { slots: {}, cash: tally(), cashless: tally(), tubes: coinsOf(this.spec.currency).map(() => TUBE_FLOAT), reads: 0, lastReadAt: null };
    const installedAt = Date.UTC(2020, 0, 1) + (hashOf(this.auditing!.serial) % 1460) * DAY;
    const days = lifetime ? Math.max(0, (this.s.clock - installedAt) / DAY) : 0;
    const payments = Object.entries(this.payments) as [PaymentMethod, number][];
    const paidWeight = payments.filter(([m]) => m !== "free").reduce((a, [, w]) => a + w, 0);
    const cashShare = paidWeight > 0 ? (this.payments.cash ?? 0) / paidWeight : 0;
    const totalWeight = slots.reduce((a, x) => a + x.weight, 0) || 1;
    for (const slot of slots) {
      // A year has about 250 ordinary days' worth of sales (weekends, holidays, empty slots).
      const count = Math.round((days * (250 / 365) * this.spec.dailyVends * slot.weight) / totalWeight);
      const cash = Math.round(count * cashShare);
      audit.slots[slot.code] = tally(count, count * slot.priceMinor);
      audit.cash.count += cash;
      audit.cash.valueMinor += cash * slot.priceMinor;
      audit.cashless.count += count - cash;
      audit.cashless.valueMinor += (count - cash) * slot.priceMinor;
    }
    if (days > 0) {
      audit.reads = Math.max(1, Math.round(days / this.routeDays));
      audit.lastReadAt = this.s.lastVisitAt;
    }
    return audit;
  }

  /** Reads the audit at a visit: writes the file as this machine's controller and telemetry box would. */
  private readAudit(at: number, visitId: string) {
    const a = (this.s.audit ??= this.initialAudit(this.auditing!.lifetime));
    const options = this.auditing!;
    const t = (x: AuditTally): DexTally => ({ count: x.count, valueMinor: x.valueMinor });
    const r = (x: AuditTally): DexTally => ({ count: x.resetCount, valueMinor: x.resetValueMinor });
    const sum = (f: (x: AuditTally) => DexTally) => {
      const [c, d] = [f(a.cash), f(a.cashless)];
      return { count: c.count + d.count, valueMinor: c.valueMinor + d.valueMinor };
    };
    const coins = coinsOf(this.spec.currency);
    const counters: DexCounters = {
      paid: sum(t),
      cash: t(a.cash),
      cashless: t(a.cashless),
      sinceReset: { paid: sum(r), cash: r(a.cash), cashless: r(a.cashless) },
      selections: this.spec.slots.map((slot) => {
        const x = a.slots[slot.code] ?? tally();
        return { selection: selectionOf(slot.code, options.selections), priceMinor: slot.priceMinor, paid: t(x), paidSinceReset: r(x) };
      }),
      coinTubes: a.tubes.map((count, i) => ({ coinMinor: coins[i]!, count })),
    };
    a.reads++;
    const body = writeDexAudit(counters, {
      serial: options.serial,
      model: options.model,
      readAt: at,
      timeZone: this.spec.timeZone,
      previousReadAt: a.lastReadAt,
      readCount: a.reads,
      currency: this.spec.currency,
      lineEnding: options.dialect === "lf" ? "lf" : "crlf",
      wrapper: options.dialect === "wrapped" ? vendorWrapper(options.model ?? "Telemetry", at, this.spec.timeZone) : undefined,
    });
    a.lastReadAt = at;
    if (options.resetOnRead) {
      for (const x of [a.cash, a.cashless, ...Object.values(a.slots)]) x.resetCount = x.resetValueMinor = 0;
    }
    const offlineUntil = this.s.offlineUntil;
    const deliverAt = offlineUntil !== null && at < offlineUntil ? offlineUntil + 5000 : at + 2000;
    this.audits.push({ readAt: at, deliverAt, visitId, body, counters });
  }

  private vendData(slot: string, priceMinor: number, method: PaymentMethod) {
    const reference = referencePrefix[method] ? `${referencePrefix[method]}${this.rng.token(20)}` : undefined;
    return { slot, priceMinor, currency: this.spec.currency, payment: reference ? { method, reference } : { method } };
  }

  private emit<T extends ProtocolEvent["type"]>(at: number, type: T, data: Extract<ProtocolEvent, { type: T }>["data"]) {
    const s = this.s;
    const id = `${this.idPrefix}${(s.seq++).toString(36)}`;
    const offline = s.offlineUntil !== null && at < s.offlineUntil;
    const deliverAt = offline ? s.offlineUntil! + this.rng.int(1, 30) * 1000 : at + this.rng.int(150, 2500);
    this.out.push({ event: { id, type, occurredAt: new Date(Math.floor(at)).toISOString(), data } as ProtocolEvent, deliverAt });
  }
}
