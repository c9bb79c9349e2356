import { tmpdir } from "node:os";
import path from "node:path";

/**
 * Where e2e/serve.ts records the data directory of the server it started on `port`. Outside
 * test-results/, which Playwright empties at the start of a run while the server may keep running.
 */
export function e2eStateFile(port: string | number): string {
  return path.join(tmpdir(), `vendops-e2e-${port}.json`);
}
