import { z } from "zod";
import { statementFile } from "~/server/hosts";
import { orgDownload } from "~/server/web";

/** `GET /o/{org}/hosts/statements/{statementId}/{pdf,csv}`: a member's download of one host statement. */
export function statementDownload(format: "pdf" | "csv") {
  return orgDownload<{ org: string; statementId: string }, { statementId: string }>({
    least: "viewer",
    read: (_url, params) => ({ statementId: params.statementId }),
    input: z.object({ statementId: z.string().min(1).max(64) }),
    file: (ctx, { input, locale }) => statementFile(ctx, { statementId: input.statementId, format, locale }),
  });
}
