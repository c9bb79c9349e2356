// Runs first in `npm test`: finds Chromium and poppler's pdftotext, or installs Debian's packages
// when this is root on a machine with apt-get (a fresh CI box), or else stops at once with the one
// command to run, rather than after the type check, lint and unit tests have taken their minutes.
// A font with Chinese glyphs is installed the same way, for the screenshots of Chinese pages.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { findChromium, installCommand } from "../e2e/chromium";

function versionOf(path: string): string | undefined {
  const result = spawnSync(path, ["--version"], { encoding: "utf8" });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

const canInstall = process.getuid?.() === 0 && existsSync("/usr/bin/apt-get");

function aptInstall(packages: string[]): boolean {
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const update = spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
  if (update.status !== 0) return false;
  return spawnSync("apt-get", ["install", "-y", "-qq", ...packages], { stdio: "inherit", env }).status === 0;
}

function install(): boolean {
  if (!canInstall) return false;
  console.log("No Chromium found: installing Debian's package (apt-get install chromium)...");
  return aptInstall(["chromium"]);
}

/** Whether the system has a font with Chinese glyphs (the Chinese pages' screenshots need one). */
function hasChineseFont(): boolean {
  const result = spawnSync("fc-list", [":lang=zh", "family"], { encoding: "utf8" });
  return result.status === 0 && result.stdout.trim() !== "";
}

let path = findChromium();
if (!path && install()) path = findChromium();
const version = path && versionOf(path);
if (!path || !version) {
  const what = process.env.CHROMIUM_PATH ? `CHROMIUM_PATH (${process.env.CHROMIUM_PATH}) does not run` : "No Chromium found";
  console.error(`\n${what}. The end-to-end tests need it; install it with:\n\n  ${installCommand}\n\nor set CHROMIUM_PATH to a Chromium or Chrome binary.\n`);
  process.exit(1);
}
console.log(`End-to-end tests use ${version} (${path})`);
if (spawnSync("pdftotext", ["-v"]).error) {
  // The tests read the text of PDFs with embedded Chinese fonts through poppler's pdftotext.
  if (!canInstall || !aptInstall(["poppler-utils"])) {
    console.error("\nNo pdftotext found. The tests read PDFs with it; install it with:\n\n  apt-get install poppler-utils\n");
    process.exit(1);
  }
}
if (!hasChineseFont()) {
  // Without one, Chinese pages render as empty boxes in the screenshots (the tests still pass).
  if (canInstall) {
    console.log("No font with Chinese glyphs: installing Debian's fonts-wqy-microhei for the screenshots...");
    aptInstall(["fonts-wqy-microhei"]);
  } else console.log("No font with Chinese glyphs: screenshots of Chinese pages show boxes (apt-get install fonts-wqy-microhei).");
}
