import "server-only";
import { after } from "next/server";

/**
 * Runs `work` once the response has been sent, so after the procedure's transaction committed.
 * Outside a request (tests, scripts) nothing runs here: the scheduled sweep does the same work.
 */
export function afterResponse(label: string, work: () => Promise<unknown>): void {
  try {
    after(async () => {
      try {
        await work();
      } catch (error) {
        console.error(`[${label}] failed after the response; the sweep will retry:`, error);
      }
    });
  } catch {
    // No request scope: the sweep picks it up.
  }
}
