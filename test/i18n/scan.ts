// Finds text a person would read that is written in the code instead of the message files:
// JSX text, human-facing attributes and props, and sentence-like strings. Run it on files or
// folders (`npx tsx test/i18n/scan.ts app/m`); test/i18n/messages.test.ts runs it on all of app/.
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

export interface Finding {
  file: string;
  line: number;
  text: string;
}

/** Attributes whose values are for machines and stylesheets, never for readers. */
const TECHNICAL_ATTRIBUTES = new Set([
  "className", "href", "src", "type", "name", "id", "htmlFor", "role", "rel", "target", "method", "action", "autoComplete",
  "inputMode", "variant", "tone", "size", "side", "align", "lang", "key", "d", "viewBox", "fill", "stroke", "strokeWidth",
  "xmlns", "dataKey", "nameKey", "layout", "orientation", "dir", "encType", "pattern", "accept", "as", "sizes", "mode",
  "scope", "wrap", "enterKeyHint", "spellCheck", "aria-hidden", "aria-live", "aria-current", "aria-haspopup", "aria-sort",
  "aria-controls", "aria-describedby", "aria-labelledby", "aria-invalid", "aria-expanded", "aria-autocomplete", "form",
  "icon", "color", "stackId", "strokeDasharray", "textAnchor", "dominantBaseline", "shape", "capture", "prefetch", "replace",
  "scroll", "headers", "axis", "preserveAspectRatio", "fillRule", "clipRule", "strokeLinecap", "strokeLinejoin", "field",
  "column", "sort", "param", "paramName", "queryKey", "testId", "data-testid", "style", "width", "height", "min", "max", "step",
  "defaultValue", "value", "kind", "status", "tab", "view", "period", "unit", "currency", "timeZone", "format", "days",
  "initialSort", "initialDirection", "decision", "interval", "loading", "decoding",
]);
/** Attributes named for class names, ids and keys ("headingClassName", "headingId", "rowKey"). */
const TECHNICAL_ATTRIBUTE_NAME = /(ClassName|Id|Key)$/;

/** Functions whose string arguments are class names, keys or identifiers. */
const TECHNICAL_CALLS = new Set(["headers.get", "headers.set", "headers.has", "headers.append", "clsx", "cn", "twMerge", "t", "t.rich", "t.markup", "t.has", "useTranslations", "getTranslations", "require", "import", "searchParams.get", "get", "set", "has", "delete", "append", "redirect", "notFound", "console.error", "console.warn", "console.log", "useQueryState", "parseAsString", "parseAsStringEnum", "Error", "TypeError", "RangeError"]);

/** A string a person would read: a capitalized word and more, or a phrase of plain words. */
const SENTENCE = /^[A-Z][a-z'’]+(?:[\s,.:;!?…()'’-]+[\p{L}\d'’%-]+)+[\s.!?…:)]*$|^[A-Z][a-z'’]{2,}[.!?…]?$|^[a-z'’]+(?: [a-z'’,]+){2,}[.!?…]?$/u;
const NOT_TEXT = /[/_{}<>=#@\\|[\]*]|^[A-Z][a-z]+[A-Z]|https?:|\.(tsx?|jsx?|csv|pdf|json|svg|png)$|^[A-Z][a-z]+(-[A-Z][a-z]+)+$/;

function looksLikeText(value: string): boolean {
  const text = value.trim();
  if (text.length < 2 || NOT_TEXT.test(text)) return false;
  return SENTENCE.test(text);
}

function calleeName(expression: ts.Expression): string {
  if (ts.isIdentifier(expression)) return expression.text;
  if (ts.isPropertyAccessExpression(expression)) return `${calleeName(expression.expression)}.${expression.name.text}`.replace(/^.*\.(\w+\.\w+)$/, "$1");
  return "";
}

/** Whether a string sits where only code reads it: imports, keys, technical attributes and calls, comparisons, types. */
function technicalPlace(node: ts.Node): boolean {
  const parent = node.parent;
  if (!parent) return false;
  if (ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent) || ts.isExternalModuleReference(parent)) return true;
  if (ts.isLiteralTypeNode(parent)) return true;
  if (ts.isPropertyAssignment(parent) && parent.name === node) return true;
  if (ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) return ts.isElementAccessExpression(parent) && parent.argumentExpression === node;
  if (ts.isBinaryExpression(parent) && /^(===|!==|==|!=|in)$/.test(parent.operatorToken.getText())) return true;
  if (ts.isCaseClause(parent)) return true;
  if (ts.isJsxAttribute(parent)) {
    const name = parent.name.getText();
    return TECHNICAL_ATTRIBUTES.has(name) || TECHNICAL_ATTRIBUTE_NAME.test(name) || name.startsWith("data-");
  }
  if (ts.isJsxExpression(parent) && parent.parent && ts.isJsxAttribute(parent.parent)) return technicalPlace(parent);
  if (ts.isCallExpression(parent) || ts.isNewExpression(parent)) return TECHNICAL_CALLS.has(calleeName(parent.expression));
  if (ts.isConditionalExpression(parent) || ts.isParenthesizedExpression(parent) || ts.isBinaryExpression(parent) || ts.isAsExpression(parent) || ts.isSatisfiesExpression(parent)) return technicalPlace(parent);
  if (ts.isTemplateSpan(parent) || ts.isTemplateExpression(parent)) return technicalPlace(ts.isTemplateSpan(parent) ? parent.parent : parent);
  return false;
}

/** A file that writes code for people to copy (a request example) says so on its first line. */
const CODE_SAMPLE = /^\/\/ i18n: code sample\b/;

export function scanSource(file: string, source: string): Finding[] {
  if (CODE_SAMPLE.test(source)) return [];
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const findings: Finding[] = [];
  const report = (node: ts.Node, text: string) => findings.push({ file, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, text: text.trim().slice(0, 80) });
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) {
      if (/\p{L}/u.test(node.text)) report(node, node.text);
    } else if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      const inHumanAttribute = node.parent && ts.isJsxAttribute(node.parent) && !technicalPlace(node) && /\p{L}{2}/u.test(node.text) && !/^[a-z]+:\/\/$/.test(node.text);
      if (inHumanAttribute || (looksLikeText(node.text) && !technicalPlace(node))) report(node, node.text);
    } else if (ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      const template = node.parent && ts.isTemplateSpan(node.parent) ? node.parent.parent : node.parent;
      if (/(^|\s)[a-z]{2,} [a-z]{2,}(\s|$)|^\s*[A-Z][a-z]+ [a-z]+|\s[a-z]{3,}[.:?!]\s*$|^\s+[a-z]{3,}\b/.test(node.text) && !/[-:]\w/.test(node.text) && !technicalPlace(template)) report(node, node.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return findings;
}

/**
 * Files a reader's text can hide in: app's components and modules, not tests, and not app/api/,
 * whose answers are the machine protocol's and the REST API's, public contracts in English.
 */
export function sourceFiles(roots: string[]): string[] {
  const out: string[] = [];
  const walk = (p: string) => {
    const stat = fs.statSync(p);
    if (stat.isDirectory()) for (const entry of fs.readdirSync(p)) walk(path.join(p, entry));
    else if (/\.tsx?$/.test(p) && !/\.(test|spec)\.tsx?$|\.d\.ts$/.test(p) && !p.split(path.sep).join("/").startsWith("app/api/")) out.push(p);
  };
  for (const root of roots) walk(root);
  return out.sort();
}

export function scan(roots: string[]): Finding[] {
  return sourceFiles(roots).flatMap((file) => scanSource(file, fs.readFileSync(file, "utf8")));
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const roots = process.argv.slice(2);
  const findings = scan(roots.length > 0 ? roots : ["app"]);
  for (const f of findings) console.log(`${f.file}:${f.line}  ${JSON.stringify(f.text)}`);
  console.log(`${findings.length} hard-coded text${findings.length === 1 ? "" : "s"}`);
}
