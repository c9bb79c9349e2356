// How busy a vending machine is, by the kind of place it stands in: the shape of a day (local hours),
// the shape of a week, and the payment mix. Figures are plausible for a German operator, not data.

export type PlaceKind =
  | "office"
  | "school"
  | "university"
  | "hospital"
  | "station"
  | "airport"
  | "factory"
  | "retail"
  | "gym"
  | "hotel"
  | "other";

export type PaymentMethod = "cash" | "card" | "alipay" | "wechat_pay" | "online" | "free";

export interface TrafficProfile {
  /** Relative demand for each local hour 0..23 (normalised when used). */
  hours: number[];
  /** Relative demand Monday..Sunday; 1 is an ordinary weekday. */
  week: [number, number, number, number, number, number, number];
  /** Payment mix (weights). */
  payments: Partial<Record<PaymentMethod, number>>;
  /** Whether technicians visit on weekends (a place that is closed gets no visit). */
  weekendVisits: boolean;
}

//                  0    1    2    3    4    5    6    7    8    9   10   11   12   13   14   15   16   17   18   19   20   21   22   23
const officeHours = [0, 0, 0, 0, 0, 0, 0.1, 0.6, 2.2, 2.0, 1.4, 1.3, 2.4, 2.3, 1.4, 2.0, 1.5, 0.8, 0.3, 0.15, 0.05, 0, 0, 0];
const schoolHours = [0, 0, 0, 0, 0, 0, 0, 0.6, 1.4, 2.4, 1.6, 2.4, 2.6, 2.0, 1.0, 0.7, 0.3, 0.1, 0, 0, 0, 0, 0, 0];
const uniHours = [0, 0, 0, 0, 0, 0, 0, 0.3, 1.0, 1.6, 1.8, 1.9, 2.4, 2.2, 1.7, 1.6, 1.5, 1.2, 0.9, 0.6, 0.4, 0.2, 0.05, 0];
const hospitalHours = [0.25, 0.2, 0.15, 0.15, 0.2, 0.4, 1.2, 1.8, 1.4, 1.2, 1.3, 1.6, 2.0, 1.8, 1.8, 2.0, 1.7, 1.4, 1.4, 1.5, 1.1, 0.8, 0.6, 0.4];
const stationHours = [0.3, 0.15, 0.05, 0.05, 0.2, 0.8, 1.8, 2.6, 2.4, 1.5, 1.2, 1.3, 1.6, 1.5, 1.3, 1.5, 2.0, 2.5, 2.3, 1.7, 1.2, 0.9, 0.7, 0.5];
const airportHours = [0.2, 0.1, 0.05, 0.1, 0.6, 1.6, 2.2, 2.0, 1.8, 1.6, 1.5, 1.5, 1.7, 1.6, 1.5, 1.6, 1.7, 1.8, 1.7, 1.5, 1.2, 0.9, 0.6, 0.35];
const factoryHours = [0.3, 0.3, 1.0, 0.3, 0.3, 1.0, 2.2, 0.8, 0.8, 1.8, 1.0, 0.9, 2.0, 1.0, 2.0, 0.8, 0.8, 1.8, 0.9, 0.7, 1.4, 0.5, 1.6, 0.4];
const retailHours = [0, 0, 0, 0, 0, 0, 0, 0.1, 0.3, 0.6, 1.0, 1.3, 1.6, 1.5, 1.4, 1.5, 1.6, 1.7, 1.6, 1.3, 0.8, 0.1, 0, 0];
const gymHours = [0, 0, 0, 0, 0, 0, 0.6, 1.4, 1.2, 0.8, 0.6, 0.6, 0.9, 0.8, 0.6, 0.7, 1.2, 2.0, 2.4, 2.4, 1.8, 1.0, 0.3, 0];
const hotelHours = [0.9, 0.5, 0.2, 0.1, 0.05, 0.1, 0.4, 0.8, 0.7, 0.4, 0.3, 0.4, 0.5, 0.5, 0.5, 0.6, 0.8, 1.0, 1.2, 1.5, 1.8, 2.0, 1.9, 1.4];

const card = { card: 58, cash: 38, free: 0.3 };
const touristy = { card: 56, cash: 30, alipay: 5, wechat_pay: 4 };

export const profiles: Record<PlaceKind, TrafficProfile> = {
  office: { hours: officeHours, week: [1, 1.02, 1, 0.98, 0.85, 0.06, 0.03], payments: { card: 72, cash: 26, free: 1 }, weekendVisits: false },
  school: { hours: schoolHours, week: [1, 1, 1, 1, 0.9, 0, 0], payments: { cash: 62, card: 38 }, weekendVisits: false },
  university: { hours: uniHours, week: [1, 1.05, 1.05, 1, 0.8, 0.15, 0.08], payments: { card: 60, cash: 38, alipay: 1, wechat_pay: 1 }, weekendVisits: false },
  hospital: { hours: hospitalHours, week: [1, 1, 1, 1, 1, 0.85, 0.85], payments: card, weekendVisits: true },
  station: { hours: stationHours, week: [1, 1, 1, 1.05, 1.15, 1.1, 0.95], payments: touristy, weekendVisits: true },
  airport: { hours: airportHours, week: [1.05, 0.95, 0.95, 1, 1.1, 1.05, 1.1], payments: touristy, weekendVisits: true },
  factory: { hours: factoryHours, week: [1, 1, 1, 1, 0.95, 0.45, 0.15], payments: { cash: 55, card: 45 }, weekendVisits: false },
  retail: { hours: retailHours, week: [0.9, 0.9, 0.95, 1, 1.15, 1.35, 0.05], payments: card, weekendVisits: false },
  gym: { hours: gymHours, week: [1.15, 1.1, 1.05, 1, 0.85, 0.9, 0.8], payments: { card: 70, cash: 29, free: 1 }, weekendVisits: false },
  hotel: { hours: hotelHours, week: [0.85, 0.85, 0.9, 0.95, 1.15, 1.3, 1.05], payments: touristy, weekendVisits: true },
  other: { hours: uniHours, week: [1, 1, 1, 1, 1, 0.7, 0.5], payments: card, weekendVisits: false },
};

/** The share of a day's demand that falls in local hour `hour` (the shape sums to 1). */
export function hourShare(kind: PlaceKind, hour: number): number {
  const hours = profiles[kind].hours;
  return (hours[hour] ?? 0) / sum(hours);
}

const sums = new WeakMap<number[], number>();
function sum(values: number[]): number {
  let s = sums.get(values);
  if (s === undefined) sums.set(values, (s = values.reduce((a, b) => a + b, 0)));
  return s;
}

export interface LocalHour {
  /** 0..23 in the zone. */
  hour: number;
  /** 0 = Monday .. 6 = Sunday. */
  weekday: number;
  /** The local date, YYYY-MM-DD. */
  date: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const localCache = new Map<string, LocalHour>();
const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/** The local hour, weekday and date of an instant in a time zone (cached per UTC hour). */
export function localHour(ms: number, timeZone: string): LocalHour {
  const hourStart = Math.floor(ms / 3_600_000);
  const key = `${timeZone}|${hourStart}`;
  const cached = localCache.get(key);
  if (cached) return cached;
  let fmt = formatters.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", weekday: "short", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit" });
    formatters.set(timeZone, fmt);
  }
  const parts = Object.fromEntries(fmt.formatToParts(new Date(hourStart * 3_600_000)).map((p) => [p.type, p.value]));
  const local = { hour: Number(parts.hour) % 24, weekday: WEEKDAYS.indexOf(parts.weekday!), date: `${parts.year}-${parts.month}-${parts.day}` };
  if (localCache.size > 50_000) localCache.clear();
  localCache.set(key, local);
  return local;
}
