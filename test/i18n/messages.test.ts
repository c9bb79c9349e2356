// Nothing is left untranslated: every message key exists in both languages with the same
// placeholders, every service message has its Chinese text, and no text a person reads is
// written in app/ instead of the message files.
import fs from "node:fs";
import path from "node:path";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import { declaredMessages } from "~/server/errors";
import { LOCALES } from "~/server/i18n/locales";
import { messagesFor, NAMESPACES } from "~/server/i18n/messages";
import zhServerTexts from "~/server/i18n/server-texts.zh-CN.json";
import { scan } from "./scan";

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(name, value);
    else for (const [k, v] of leaves(value, name)) out.set(k, v);
  }
  return out;
}

/** The arguments a message takes, with their kinds (plural, select, number, date, tag or plain). */
function argumentsOf(message: string): string[] {
  const found = new Set<string>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const e of elements) {
      if (e.type === TYPE.argument || e.type === TYPE.number || e.type === TYPE.date || e.type === TYPE.time) found.add(e.value);
      if (e.type === TYPE.plural || e.type === TYPE.select) {
        found.add(e.value);
        for (const option of Object.values(e.options)) walk(option.value);
      }
      if (e.type === TYPE.tag) {
        found.add(`<${e.value}>`);
        walk(e.children);
      }
    }
  };
  walk(parse(message));
  return [...found].sort();
}

const english = new Map(NAMESPACES.map((ns) => [ns, leaves(messagesFor("en")[ns] as Tree)]));

describe("message files", () => {
  for (const locale of LOCALES) {
    it(`${locale}: every key of every namespace, with the English placeholders, in valid ICU syntax`, () => {
      const problems: string[] = [];
      for (const ns of NAMESPACES) {
        const ours = leaves(messagesFor(locale)[ns] as Tree);
        const source = english.get(ns)!;
        for (const key of source.keys()) if (!ours.has(key)) problems.push(`${ns}.${key}: missing`);
        for (const [key, text] of ours) {
          if (!source.has(key)) problems.push(`${ns}.${key}: not in English`);
          else if (text.trim() === "") problems.push(`${ns}.${key}: empty`);
          else {
            try {
              const theirs = argumentsOf(source.get(key)!).join(", ");
              const mine = argumentsOf(text).join(", ");
              if (theirs !== mine) problems.push(`${ns}.${key}: arguments {${mine}}, English has {${theirs}}`);
            } catch (error) {
              problems.push(`${ns}.${key}: ${(error as Error).message}`);
            }
          }
        }
      }
      expect(problems).toEqual([]);
    });
  }

  it("zh-CN: messages are written in Chinese, not left in English", () => {
    const left: string[] = [];
    for (const ns of NAMESPACES) {
      const zh = leaves(messagesFor("zh-CN")[ns] as Tree);
      for (const [key, text] of english.get(ns)!) {
        // A phrase of words must have Chinese in it; a name ("Webhook", "CSV"), an address or "{count}" need none.
        const words = text.replace(/\{[^}]*\}/g, "").match(/[A-Za-z]{2,}/g) ?? [];
        if (words.length >= 2 && !/@|:\/\//.test(text) && !/\p{Script=Han}/u.test(zh.get(key) ?? "")) left.push(`${ns}.${key}: ${zh.get(key)}`);
      }
    }
    expect(left).toEqual([]);
  });
});

describe("service messages (error codes and alert texts)", () => {
  it("every declared message has its Chinese text with the same placeholders, and no text is left without a message", async () => {
    // Importing every module that declares messages registers them.
    const files = fs
      .readdirSync("server", { recursive: true, encoding: "utf8" })
      .filter((f) => /\.ts$/.test(f) && !/\.test\.ts$/.test(f))
      .filter((f) => fs.readFileSync(path.join("server", f), "utf8").includes("defineMessages("));
    for (const file of files) await import(`~/server/${file.replace(/\.ts$/, "")}`);
    const declared = declaredMessages();
    expect(declared.length).toBeGreaterThan(100);
    const zh = zhServerTexts as Record<string, string>;
    const slots = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(",");
    const problems: string[] = [];
    for (const message of declared) {
      const text = zh[message.code];
      if (!text) problems.push(`${message.code}: no Chinese text`);
      else if (slots(text) !== slots(message.en)) problems.push(`${message.code}: placeholders {${slots(text)}}, English has {${slots(message.en)}}`);
    }
    const codes = new Set(declared.map((m) => m.code));
    for (const code of Object.keys(zh)) if (!codes.has(code)) problems.push(`${code}: translated but no longer declared`);
    expect(problems).toEqual([]);
  });
});

describe("no hard-coded text", () => {
  it("app/ holds no text a person reads outside the message files", () => {
    const findings = scan(["app"]).map((f) => `${f.file}:${f.line} ${JSON.stringify(f.text)}`);
    expect(findings).toEqual([]);
  });
});
