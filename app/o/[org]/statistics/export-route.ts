import { getMonthlyStatistics, monthInput, statisticsCsv, statisticsPdf } from "~/server/analytics";
import { documentsTranslator, paymentMethodWords } from "~/server/i18n/translator";
import { orgDownload } from "~/server/web";

const formats = {
  csv: { type: "text/csv; charset=utf-8", render: async (...a: Parameters<typeof statisticsCsv>) => statisticsCsv(...a) },
  pdf: { type: "application/pdf", render: async (...a: Parameters<typeof statisticsPdf>) => new Uint8Array(await statisticsPdf(...a)) },
};

/** `GET /o/{org}/statistics/export.{csv,pdf}?month=YYYY-MM`: a member's download of one month's statistics. */
export function statisticsExport(format: keyof typeof formats) {
  return orgDownload({
    least: "viewer",
    read: (url) => ({ month: url.searchParams.get("month") ?? "" }),
    input: monthInput,
    none: (locale) => documentsTranslator(locale)("statistics.none"),
    file: async (ctx, { org, input, locale }) => {
      const stats = await getMonthlyStatistics(ctx, input);
      if (!stats) return null;
      return {
        name: `${org.slug}-statistics-${input.month}.${format}`,
        type: formats[format].type,
        body: await formats[format].render(stats, { orgName: org.name, paymentMethodLabel: (method) => paymentMethodWords(method, locale), locale }),
      };
    },
  });
}
