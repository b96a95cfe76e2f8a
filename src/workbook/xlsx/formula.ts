/**
 * Results of formulas a file holds without a stored result (scripts such as openpyxl write them
 * so; XlsxWriter writes 0 and asks for a recalculation on load). Only what can be known for sure
 * is computed: formulas over the same sheet's cells with numbers, text, the operators
 * + - * / ^ & = <> < > <= >=, and the functions SUM, COUNT, COUNTA, MIN, MAX, AVERAGE, IF, AND,
 * OR, NOT, ABS, ROUND, IFERROR, with Excel's rules (a blank is 0 in arithmetic and "" in text;
 * division by zero gives #DIV/0!). Anything else (another sheet, a name, another function, a
 * cycle) is unknown: `undefined`, and the reader says so (NO_RESULT). HyperFormula, the full
 * engine, is GPL-licensed and stays a test dependency.
 */
import type { CellValue } from "../../core/types";

type Value = number | string | boolean | null | { error: string };
/** Thrown to stop when a formula uses something this does not compute. */
class Unknown {}
const UNKNOWN = new Unknown();

type Lookup = (row: number, col: number) => Value;

interface Ref {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

const isError = (v: unknown): v is { error: string } => typeof v === "object" && v !== null && "error" in v;

function colNumber(letters: string): number {
  let c = 0;
  for (const ch of letters.toUpperCase()) c = c * 26 + ch.charCodeAt(0) - 64;
  return c;
}

const TOKEN = /\s*(?:("(?:[^"]|"")*")|(\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?)(?![\w(!.])|(\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+)|([A-Za-z_][\w.]*)(?=\s*\()|(<>|<=|>=|[-+*/^&=<>(),%]))/y;

type Tok = { kind: "str" | "ref" | "num" | "fn" | "op"; text: string };

function tokenize(f: string): Tok[] {
  const out: Tok[] = [];
  TOKEN.lastIndex = 0;
  let at = 0;
  while (at < f.length) {
    if (/^\s*$/.test(f.slice(at))) break;
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(f);
    if (!m) throw UNKNOWN;
    at = TOKEN.lastIndex;
    if (m[1] !== undefined) out.push({ kind: "str", text: m[1].slice(1, -1).replace(/""/g, '"') });
    else if (m[2] !== undefined) out.push({ kind: "ref", text: m[2] });
    else if (m[3] !== undefined) out.push({ kind: "num", text: m[3] });
    else if (m[4] !== undefined) out.push({ kind: "fn", text: m[4].toUpperCase() });
    else out.push({ kind: "op", text: m[5] });
  }
  return out;
}

function parseRefText(text: string): Ref {
  const [a, b] = text.replace(/\$/g, "").split(":");
  const p = (s: string) => {
    const m = /^([A-Za-z]+)(\d+)$/.exec(s)!;
    return { r: Number(m[2]), c: colNumber(m[1]) };
  };
  const x = p(a);
  const y = b ? p(b) : x;
  return { r1: Math.min(x.r, y.r), c1: Math.min(x.c, y.c), r2: Math.max(x.r, y.r), c2: Math.max(x.c, y.c) };
}

function toNumber(v: Value): number {
  if (isError(v)) throw v;
  if (v === null) return 0;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "number") return v;
  const n = v.trim() === "" ? NaN : Number(v);
  if (!Number.isFinite(n)) throw { error: "#VALUE!" };
  return n;
}

function toText(v: Value): string {
  if (isError(v)) throw v;
  if (v === null) return "";
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return String(v);
}

function toBool(v: Value): boolean {
  if (isError(v)) throw v;
  if (typeof v === "string") {
    if (/^(true|false)$/i.test(v)) return v.toLowerCase() === "true";
    throw { error: "#VALUE!" };
  }
  return toNumber(v) !== 0;
}

function compare(a: Value, b: Value, op: string): boolean {
  if (isError(a)) throw a;
  if (isError(b)) throw b;
  // A blank compares as 0 with numbers and as "" with text (Excel).
  const rank = (v: Value) => (typeof v === "number" ? 0 : typeof v === "string" ? 1 : typeof v === "boolean" ? 2 : -1);
  let x: number | string | boolean | null = a;
  let y: number | string | boolean | null = b;
  if (x === null) x = typeof y === "string" ? "" : typeof y === "boolean" ? false : 0;
  if (y === null) y = typeof x === "string" ? "" : typeof x === "boolean" ? false : 0;
  let d: number;
  if (rank(x) !== rank(y)) d = rank(x) - rank(y);
  else if (typeof x === "string") d = x.toLowerCase().localeCompare((y as string).toLowerCase());
  else d = Number(x) - Number(y);
  switch (op) {
    case "=": return d === 0;
    case "<>": return d !== 0;
    case "<": return d < 0;
    case ">": return d > 0;
    case "<=": return d <= 0;
    default: return d >= 0;
  }
}

/** Evaluate one formula (without "=") against the sheet's cells; undefined when not computable. */
export function evaluateFormula(formula: string, lookup: Lookup): CellValue | undefined {
  const v = evaluateRaw(formula, lookup);
  return v === "" ? null : v;
}

/**
 * The formula's value as other formulas see it: a result of "" stays "" (COUNTA counts it, as
 * Excel does), while the cell itself reads as blank (`evaluateFormula`).
 */
function evaluateRaw(formula: string, lookup: Lookup): Value | undefined {
  let toks: Tok[];
  try {
    toks = tokenize(formula);
  } catch {
    return undefined;
  }
  let i = 0;
  const peek = () => toks[i];
  const eat = (text: string) => {
    if (toks[i]?.kind !== "op" || toks[i].text !== text) throw UNKNOWN;
    i++;
  };
  type Item = Value | Ref;
  const isRef = (x: Item): x is Ref => typeof x === "object" && x !== null && "r1" in x;
  const single = (x: Item): Value => {
    if (!isRef(x)) return x;
    if (x.r1 !== x.r2 || x.c1 !== x.c2) throw UNKNOWN; // implicit intersection: not computed
    return lookup(x.r1, x.c1);
  };
  const cellsOf = (x: Item): Value[] => {
    if (!isRef(x)) return [x];
    const out: Value[] = [];
    if ((x.r2 - x.r1 + 1) * (x.c2 - x.c1 + 1) > 100_000) throw UNKNOWN;
    for (let r = x.r1; r <= x.r2; r++) for (let c = x.c1; c <= x.c2; c++) out.push(lookup(r, c));
    return out;
  };
  const LEVELS: string[][] = [["=", "<>", "<", ">", "<=", ">="], ["&"], ["+", "-"], ["*", "/"], ["^"]];
  const binary = (level: number): Item => {
    if (level === LEVELS.length) return unary();
    let left = binary(level + 1);
    while (peek()?.kind === "op" && LEVELS[level].includes(peek().text)) {
      const op = toks[i++].text;
      const right = binary(level + 1);
      left = apply(op, single(left), single(right));
    }
    return left;
  };
  const apply = (op: string, a: Value, b: Value): Value => {
    try {
      if (LEVELS[0].includes(op)) return compare(a, b, op);
      if (op === "&") return toText(a) + toText(b);
      const x = toNumber(a);
      const y = toNumber(b);
      if (op === "+") return x + y;
      if (op === "-") return x - y;
      if (op === "*") return x * y;
      if (op === "/") return y === 0 ? { error: "#DIV/0!" } : x / y;
      const p = Math.pow(x, y);
      return Number.isFinite(p) ? p : { error: "#NUM!" };
    } catch (e) {
      if (isError(e)) return e;
      throw e;
    }
  };
  const unary = (): Item => {
    const t = peek();
    if (t?.kind === "op" && (t.text === "-" || t.text === "+")) {
      i++;
      const v = single(unary());
      if (t.text === "+") return v;
      try {
        return -toNumber(v);
      } catch (e) {
        if (isError(e)) return e;
        throw e;
      }
    }
    let v = primary();
    while (peek()?.kind === "op" && peek().text === "%") {
      i++;
      const n = single(v);
      v = isError(n) ? n : toNumber(n) / 100;
    }
    return v;
  };
  const args = (): Item[] => {
    eat("(");
    const out: Item[] = [];
    if (peek()?.kind === "op" && peek().text === ")") {
      i++;
      return out;
    }
    for (;;) {
      out.push(binary(0));
      if (peek()?.kind === "op" && peek().text === ",") i++;
      else break;
    }
    eat(")");
    return out;
  };
  const primary = (): Item => {
    const t = toks[i++];
    if (!t) throw UNKNOWN;
    if (t.kind === "num") return Number(t.text);
    if (t.kind === "str") return t.text;
    if (t.kind === "ref") return parseRefText(t.text);
    if (t.kind === "op" && t.text === "(") {
      const v = binary(0);
      eat(")");
      return v;
    }
    if (t.kind === "fn") return call(t.text, args());
    throw UNKNOWN;
  };
  const call = (name: string, a: Item[]): Value => {
    const all = () => a.flatMap(cellsOf);
    const nums = () => {
      const out: number[] = [];
      for (const x of a) {
        if (isRef(x)) {
          for (const v of cellsOf(x)) {
            if (isError(v)) throw v;
            if (typeof v === "number") out.push(v);
          }
        } else out.push(toNumber(x));
      }
      return out;
    };
    try {
      switch (name) {
        case "SUM": return nums().reduce((s, n) => s + n, 0);
        case "COUNT": return a.flatMap(cellsOf).filter((v) => typeof v === "number").length;
        case "COUNTA": return all().filter((v) => v !== null).length;
        case "MIN": { const n = nums(); return n.length ? Math.min(...n) : 0; }
        case "MAX": { const n = nums(); return n.length ? Math.max(...n) : 0; }
        case "AVERAGE": { const n = nums(); return n.length ? n.reduce((s, x) => s + x, 0) / n.length : { error: "#DIV/0!" }; }
        case "IF": {
          if (a.length < 2 || a.length > 3) throw UNKNOWN;
          const c = toBool(single(a[0]));
          return c ? single(a[1]) : a.length === 3 ? single(a[2]) : false;
        }
        case "AND": return all().filter((v) => v !== null).every(toBool);
        case "OR": return all().filter((v) => v !== null).some(toBool);
        case "NOT": return !toBool(single(a[0]));
        case "ABS": return Math.abs(toNumber(single(a[0])));
        case "ROUND": {
          const d = toNumber(single(a[1]));
          const f = Math.pow(10, Math.trunc(d));
          const n = toNumber(single(a[0]));
          return (Math.sign(n) * Math.round(Math.abs(n) * f + 1e-9)) / f;
        }
        case "IFERROR": {
          const v = single(a[0]);
          return isError(v) ? single(a[1]) : v;
        }
        default: throw UNKNOWN;
      }
    } catch (e) {
      if (isError(e)) return e;
      throw e;
    }
  };
  try {
    const v = single(binary(0));
    if (i !== toks.length) return undefined;
    if (typeof v === "number" && !Number.isFinite(v)) return { error: "#NUM!" };
    return v;
  } catch {
    return undefined;
  }
}

/**
 * Compute every pending formula cell of a sheet: `formulaAt` gives a cell's formula (without
 * "=") when it is pending, `valueAt` a settled cell's value. A pending cell another formula uses
 * is computed first; cycles are unknown. Returns row → col → value for the cells computed.
 */
export function computePending(
  pending: { r: number; c: number; f: string }[],
  valueAt: (r: number, c: number) => Value,
): Map<string, CellValue | undefined> {
  const byKey = new Map(pending.map((p) => [`${p.r},${p.c}`, p.f]));
  const done = new Map<string, Value | undefined>();
  const active = new Set<string>();
  const lookup = (r: number, c: number): Value => {
    const key = `${r},${c}`;
    if (!byKey.has(key)) return valueAt(r, c);
    if (!done.has(key)) {
      if (active.has(key)) throw UNKNOWN;
      active.add(key);
      done.set(key, evaluateRaw(byKey.get(key)!, lookup));
      active.delete(key);
    }
    const v = done.get(key);
    if (v === undefined) throw UNKNOWN;
    return v;
  };
  for (const p of pending) {
    try {
      lookup(p.r, p.c);
    } catch {
      if (!done.has(`${p.r},${p.c}`)) done.set(`${p.r},${p.c}`, undefined);
    }
  }
  const shown = new Map<string, CellValue | undefined>();
  for (const [key, v] of done) shown.set(key, v === "" ? null : v);
  return shown;
}
