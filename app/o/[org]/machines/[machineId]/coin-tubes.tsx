import { useTranslations } from "next-intl";
import { useFormat } from "~/app/_components/i18n/format";
import { Card } from "~/app/_components/ui/card";
import { cellClasses, rowClasses, tableClasses, theadClasses } from "~/app/_components/ui/table-styles";
import { formatAuditAmount } from "../../audits/audit-format";

interface Tube {
  tube: string | null;
  coinValueMinor: number | null;
  count: number | null;
  full: boolean | null;
}

const th = "px-3 py-2 font-medium whitespace-nowrap";

/** The coin changer's tubes at the newest read: coin, how many, what they hold. */
export function CoinTubes({ tubes, decimals, currency }: { tubes: Tube[]; decimals: number; currency: string | null }) {
  const t = useTranslations("machines.coinTubes");
  const { locale } = useFormat();
  const total = tubes.reduce((n, tube) => n + (tube.coinValueMinor ?? 0) * (tube.count ?? 0), 0);
  return (
    <Card
      id="coin-tubes"
      title={t("title")}
      description={t("description", { amount: formatAuditAmount(total, decimals, currency, locale) })}
      bodyClassName="p-0"
    >
      <table className={tableClasses} aria-label={t("title")}>
        <thead className={theadClasses}>
          <tr>
            <th scope="col" className={th}>
              {t("tube")}
            </th>
            <th scope="col" className={`${th} text-right`}>
              {t("coin")}
            </th>
            <th scope="col" className={`${th} text-right`}>
              {t("coins")}
            </th>
            <th scope="col" className={`${th} text-right`}>
              {t("value")}
            </th>
          </tr>
        </thead>
        <tbody>
          {tubes.map((tube, i) => (
            <tr key={`${tube.tube ?? ""}-${i}`} className={rowClasses}>
              <td className={cellClasses}>
                {tube.tube ?? i + 1}
                {tube.full && <span className="ml-1.5 text-xs text-zinc-500">{t("full")}</span>}
              </td>
              <td className={`${cellClasses} tabular text-right whitespace-nowrap`}>{formatAuditAmount(tube.coinValueMinor, decimals, null, locale)}</td>
              <td className={`${cellClasses} tabular text-right`}>{tube.count ?? "—"}</td>
              <td className={`${cellClasses} tabular text-right whitespace-nowrap`}>
                {tube.coinValueMinor !== null && tube.count !== null ? formatAuditAmount(tube.coinValueMinor * tube.count, decimals, currency, locale) : "—"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
