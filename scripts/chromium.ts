// Runs before the end-to-end tests: finds Chromium, or installs Debian's package when this is root
// on a machine with apt-get (a fresh CI box), or else stops at once with the one command to run,
// rather than after the type check, lint and unit tests have taken their minutes.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { findChromium, installCommand } from "../e2e/chromium";

function versionOf(path: string): string | undefined {
  const result = spawnSync(path, ["--version"], { encoding: "utf8" });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

function install(): boolean {
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || !existsSync("/usr/bin/apt-get")) return false;
  console.log("No Chromium found: installing Debian's package (apt-get install chromium)...");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const update = spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
  if (update.status !== 0) return false;
  return spawnSync("apt-get", ["install", "-y", "-qq", "chromium"], { stdio: "inherit", env }).status === 0;
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
