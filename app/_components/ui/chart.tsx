"use client";

import clsx from "clsx";
import { Bar, BarChart, CartesianGrid, ComposedChart, Line, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";
import { useTranslations } from "next-intl";
import { useFormat } from "../i18n/format";

/** How a series looks: the product's colour, a quiet grey for what it is compared with, or amber. */
export type ChartTone = "brand" | "muted" | "amber";

const toneText: Record<ChartTone, string> = {
  brand: "text-brand-500 dark:text-brand-500",
  muted: "text-zinc-300 dark:text-zinc-600",
  amber: "text-amber-500 dark:text-amber-400",
};

const toneSwatch: Record<ChartTone, string> = {
  brand: "bg-brand-500",
  muted: "bg-zinc-400 dark:bg-zinc-500",
  amber: "bg-amber-500 dark:bg-amber-400",
};

/** One series of a chart: the values under `key` in each row, drawn as bars or a dashed line. */
export interface ChartSeries {
  key: string;
  name: string;
  tone: ChartTone;
  kind?: "bar" | "line";
  /** The value as the tooltip and the table say it ("€12.50", "3 visits"). */
  format: (value: number) => string;
}

/** One point of the category axis (a day, a week): its tick, its tooltip title and its values. */
export interface ChartRow {
  key: string;
  tick: string;
  title: string;
  values: Record<string, number>;
  /** More lines under the values in the tooltip ("12 vends"). */
  notes?: string[];
  /** The row's title in the table for screen readers, when it differs from the tooltip's. */
  rowHeader?: string;
}

/** Ticks along the time axis: always the first and the last, as many between as fit. */
const FIRST_AND_LAST = "preserveStartEnd";
const axisTick = { fill: "currentColor", fontSize: 11 };
const axisClasses = "text-zinc-500 dark:text-zinc-400";
const frameClasses = clsx(
  "w-full select-none",
  // The focus ring of the chart surface, which the accessibility layer makes focusable.
  "[&_.recharts-surface:focus-visible]:rounded [&_.recharts-surface:focus-visible]:outline-2 [&_.recharts-surface:focus-visible]:outline-offset-2 [&_.recharts-surface:focus-visible]:outline-brand-500",
  "[&_.recharts-surface]:outline-none",
);

function Swatch({ tone, kind }: { tone: ChartTone; kind?: "bar" | "line" }) {
  return <span aria-hidden className={clsx("inline-block shrink-0", kind === "line" ? "h-0.5 w-3" : "size-2.5 rounded-sm", toneSwatch[tone])} />;
}

/** The series' names and colours, above a chart with more than one. */
export function ChartLegend({ series }: { series: Pick<ChartSeries, "key" | "name" | "tone" | "kind">[] }) {
  return (
    <div aria-hidden className="flex flex-wrap items-center gap-3 text-xs text-zinc-500 dark:text-zinc-400">
      {series.map((s) => (
        <span key={s.key} className="inline-flex items-center gap-1.5">
          <Swatch tone={s.tone} kind={s.kind} /> {s.name}
        </span>
      ))}
    </div>
  );
}

/** The tooltip of a row: its title, each series' value, then its notes. Announced as it changes. */
function RowTooltip({
  active,
  payload,
  rows,
  series,
}: Pick<TooltipContentProps, "active" | "payload"> & { rows: Map<string, ChartRow>; series: ChartSeries[] }) {
  const key = (payload?.[0]?.payload as { key?: string } | undefined)?.key;
  const row = key ? rows.get(key) : undefined;
  if (!active || !row) return null;
  return (
    <div
      role="status"
      data-testid="chart-tooltip"
      className="min-w-40 rounded-md border border-zinc-200 bg-white px-3 py-2 text-xs shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
    >
      <p className="mb-1 font-medium text-zinc-900 dark:text-zinc-100">{row.title}</p>
      <ul className="space-y-0.5">
        {series.map((s) => (
          <li key={s.key} className="flex items-center gap-2 text-zinc-600 dark:text-zinc-300">
            <Swatch tone={s.tone} kind={s.kind} />
            <span className="mr-auto">{s.name}</span>
            <span className="font-medium text-zinc-900 tabular dark:text-zinc-100">{s.format(row.values[s.key] ?? 0)}</span>
          </li>
        ))}
      </ul>
      {row.notes?.map((note) => (
        <p key={note} className="mt-1 text-zinc-500 dark:text-zinc-400">
          {note}
        </p>
      ))}
    </div>
  );
}

/** The chart's figures as a table, for screen readers (the chart itself is a picture). */
export function ChartTable({ caption, rowLabel, rows, series }: { caption: string; rowLabel: string; rows: ChartRow[]; series: ChartSeries[] }) {
  // The wrapper is what is visually hidden: a table grows to fit its text whatever its own width,
  // and would widen the page (a phone would scroll sideways).
  return (
    <div className="sr-only">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{rowLabel}</th>
            {series.map((s) => (
              <th key={s.key} scope="col">
                {s.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.rowHeader ?? r.title}</th>
              {series.map((s) => (
                <td key={s.key}>{s.format(r.values[s.key] ?? 0)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * Values along a time axis as columns (and dashed lines for a comparison), with a value axis,
 * tooltips on hover, tap and keyboard (focus the chart, then arrow keys), and the same figures in
 * a table for screen readers. `label` names the chart; `caption` heads the table (default: `label`).
 */
export function ColumnChart({
  label,
  caption = label,
  rowLabel,
  rows,
  series,
  formatAxis,
  height = 200,
  integer = false,
  empty,
}: {
  label: string;
  caption?: string;
  rowLabel: string;
  rows: ChartRow[];
  series: ChartSeries[];
  /** The value axis' labels ("€1.2k"). */
  formatAxis: (value: number) => string;
  height?: number;
  /** Counts: no fractional ticks. */
  integer?: boolean;
  /** What to say instead when every value is zero. */
  empty?: string;
}) {
  const t = useTranslations("common.ui.chart");
  const data = rows.map((r) => ({ key: r.key, tick: r.tick, ...r.values }));
  const byKey = new Map(rows.map((r) => [r.key, r]));
  // A flat line at zero says nothing an axis of "0, 0, 0" would not say better in words.
  if (rows.every((r) => series.every((s) => !r.values[s.key]))) {
    return <p className="py-8 text-center text-[13px] text-zinc-500 dark:text-zinc-400">{empty ?? t("empty")}</p>;
  }
  return (
    <div className={frameClasses}>
      <ComposedChart data={data} responsive style={{ width: "100%", height }} margin={{ top: 8, right: 4, bottom: 0, left: 0 }} aria-label={label} barGap={1} barCategoryGap="18%">
        <CartesianGrid vertical={false} stroke="currentColor" className="text-zinc-200 dark:text-zinc-800" />
        <XAxis dataKey="tick" tick={axisTick} tickLine={false} axisLine={{ stroke: "currentColor" }} className={axisClasses} minTickGap={12} interval={FIRST_AND_LAST} />
        <YAxis tick={axisTick} tickLine={false} axisLine={false} className={axisClasses} tickFormatter={formatAxis} width="auto" allowDecimals={!integer} />
        <Tooltip
          content={(props) => <RowTooltip active={props.active} payload={props.payload} rows={byKey} series={series} />}
          cursor={{ fill: "currentColor", className: "text-zinc-900/5 dark:text-white/10" }}
          isAnimationActive={false}
        />
        {series.map((s) =>
          s.kind === "line" ? (
            <Line
              key={s.key}
              dataKey={s.key}
              name={s.name}
              type="linear"
              stroke="currentColor"
              strokeWidth={1.5}
              strokeDasharray="4 3"
              dot={{ r: 1.5, fill: "currentColor", stroke: "none" }}
              activeDot={{ r: 3, fill: "currentColor", stroke: "none" }}
              className={toneText[s.tone]}
              isAnimationActive={false}
            />
          ) : (
            <Bar key={s.key} dataKey={s.key} name={s.name} fill="currentColor" radius={[2, 2, 0, 0]} className={toneText[s.tone]} isAnimationActive={false} />
          ),
        )}
      </ComposedChart>
      <ChartTable caption={caption} rowLabel={rowLabel} rows={rows} series={series} />
    </div>
  );
}

/** One bar of a breakdown (a location, a product): its label and amount. */
export interface ShareRow {
  key: string;
  label: string;
  minor: number;
}

const shortLabel = (label: string) => (label.length > 17 ? `${label.slice(0, 16).trimEnd()}…` : label);

/** A category's label on one line (the axis would wrap it into its neighbours); the tooltip has it whole. */
function CategoryTick({ x, y, payload }: { x?: number | string; y?: number | string; payload?: { value?: string } }) {
  return (
    <text x={x} y={y} dy={4} textAnchor="end" fill="currentColor" fontSize={11}>
      {payload?.value}
    </text>
  );
}

/**
 * Amounts of a breakdown as horizontal bars, largest first, with the labels on the left, money on
 * the axis, tooltips on hover and keyboard, and the figures in a table for screen readers.
 */
export function MoneyShareChart({ label, rows, currency }: { label: string; rows: ShareRow[]; currency: string }) {
  const t = useTranslations("common.ui.chart");
  const f = useFormat();
  if (rows.length === 0) return <p className="py-6 text-center text-[13px] text-zinc-500 dark:text-zinc-400">{t("noRevenue")}</p>;
  const series: ChartSeries[] = [{ key: "value", name: t("revenue"), tone: "brand", format: (minor) => f.money(minor, currency) }];
  const chartRows: ChartRow[] = rows.map((r) => ({ key: r.key, tick: shortLabel(r.label), title: r.label, values: { value: r.minor } }));
  const byKey = new Map(chartRows.map((r) => [r.key, r]));
  return (
    <div className={frameClasses}>
      <BarChart
        data={chartRows.map((r) => ({ key: r.key, tick: r.tick, value: r.values.value }))}
        layout="vertical"
        responsive
        style={{ width: "100%", height: 28 * rows.length + 28 }}
        margin={{ top: 0, right: 12, bottom: 0, left: 0 }}
        aria-label={label}
        barCategoryGap="22%"
      >
        <CartesianGrid horizontal={false} stroke="currentColor" className="text-zinc-200 dark:text-zinc-800" />
        <XAxis type="number" tick={axisTick} tickLine={false} axisLine={false} className={axisClasses} tickFormatter={(v: number) => f.money(v, currency, { compact: true })} />
        <YAxis type="category" dataKey="tick" tick={(props: object) => <CategoryTick {...props} />} tickLine={false} axisLine={false} className={axisClasses} width={120} interval={0} />
        <Tooltip
          content={(props) => <RowTooltip active={props.active} payload={props.payload} rows={byKey} series={series} />}
          cursor={{ fill: "currentColor", className: "text-zinc-900/5 dark:text-white/10" }}
          isAnimationActive={false}
        />
        <Bar dataKey="value" name={t("revenue")} fill="currentColor" radius={[0, 2, 2, 0]} className={toneText.brand} isAnimationActive={false} />
      </BarChart>
      <ChartTable caption={label} rowLabel={t("name")} rows={chartRows} series={series} />
    </div>
  );
}
