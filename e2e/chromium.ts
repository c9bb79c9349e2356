// Where the end-to-end tests find a Chromium: Debian's package, not Playwright's download, which
// cannot be fetched on machines without general internet access.
import { execFileSync } from "node:child_process";
import { accessSync, constants } from "node:fs";

/** The command that installs the browser on Debian or Ubuntu. */
export const installCommand = "sudo apt-get install -y chromium";

const candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];
const commands = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

const executable = (file: string) => {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** CHROMIUM_PATH when set, else the first Chromium or Chrome on this machine; undefined if none. */
export function findChromium(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  const found = candidates.find(executable);
  if (found) return found;
  for (const command of commands) {
    try {
      return execFileSync("sh", ["-c", `command -v ${command}`], { encoding: "utf8" }).trim() || undefined;
    } catch {
      /* not on PATH */
    }
  }
  return undefined;
}
