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
  const total = tubes.reduce((n, t) => n + (t.coinValueMinor ?? 0) * (t.count ?? 0), 0);
  return (
    <Card
      id="coin-tubes"
      title="Coin tubes"
      description={<>At the newest read: {formatAuditAmount(total, decimals, currency)} in change.</>}
      bodyClassName="p-0"
    >
      <table className={tableClasses} aria-label="Coin tubes">
        <thead className={theadClasses}>
          <tr>
            <th scope="col" className={th}>
              Tube
            </th>
            <th scope="col" className={`${th} text-right`}>
              Coin
            </th>
            <th scope="col" className={`${th} text-right`}>
              Coins
            </th>
            <th scope="col" className={`${th} text-right`}>
              Value
            </th>
          </tr>
        </thead>
        <tbody>
          {tubes.map((t, i) => (
            <tr key={`${t.tube ?? ""}-${i}`} className={rowClasses}>
              <td className={cellClasses}>
                {t.tube ?? i + 1}
                {t.full && <span className="ml-1.5 text-xs text-zinc-500">full</span>}
              </td>
              <td className={`${cellClasses} tabular text-right whitespace-nowrap`}>{formatAuditAmount(t.coinValueMinor, decimals, null)}</td>
              <td className={`${cellClasses} tabular text-right`}>{t.count ?? "—"}</td>
              <td className={`${cellClasses} tabular text-right whitespace-nowrap`}>
                {t.coinValueMinor !== null && t.count !== null ? formatAuditAmount(t.coinValueMinor * t.count, decimals, currency) : "—"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
