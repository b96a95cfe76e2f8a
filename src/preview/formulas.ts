/**
 * A small formula evaluator for the browser preview: the fake Excel has no calculation engine, so
 * the preview computes the formulas PDV writes (en-US syntax, comma separators) the way Excel
 * would: references to cells of any sheet ('Tân Đức'!D9, D13, $A$1), ranges in SUM, the operators
 * + - * / & and comparisons, IF, IFERROR, SUM, DATE, MIN, MAX, ROUND, ABS, and the PDV.* custom
 * functions through whatever the page's functions bundle registered with CustomFunctions.associate
 * (the production functions.js, unchanged).
 *
 * Anything else evaluates to #NAME? (unknown function) or #VALUE! (unparsable), never throws.
 */
import type { Book, Cell, Sheet } from "../host/fake-model";
import { key } from "../host/fake-model";
import { parseAddress } from "../host/fake-address";
import { findSheet } from "../host/fake-book";
import { ymdToSerial } from "../core/dates";

export type Scalar = string | number | boolean | null | { error: string };
interface RangeRef {
  kind: "range";
  sheet: Sheet;
  r0: number;
  c0: number;
  nr: number;
  nc: number;
}
type Value = Scalar | RangeRef;

/** A custom function as registered: the arguments as Excel passes them; may throw an error value. */
export type CustomFunction = (...args: unknown[]) => unknown;

export interface EvalEnv {
  book: Book;
  /** Custom functions by id, upper case ("TYLE" for PDV.TYLE). */
  functions: Map<string, CustomFunction>;
  /** Turns something a custom function threw or returned into an error code ("#DIV/0!"), or null. */
  errorCode(e: unknown): string | null;
  /**
   * What a blank cell becomes in a custom function's arguments: 0 as Excel desktop sends it, null
   * (default) as Excel on the web does (shared/notes/excel-api-facts.md §8).
   */
  blankCells?: 0 | null;
}

const err = (code: string): { error: string } => ({ error: code });
const isError = (v: unknown): v is { error: string } => v !== null && typeof v === "object" && "error" in (v as object);
const isRange = (v: Value): v is RangeRef => v !== null && typeof v === "object" && "kind" in v;

/* ------------------------------------------------------------------ tokens */

type Tok =
  | { t: "num"; v: number }
  | { t: "str"; v: string }
  | { t: "ref"; sheet: string | null; a: string; b: string | null }
  | { t: "name"; v: string }
  | { t: "op"; v: string };

const CELL = "\\$?[A-Za-z]{1,3}\\$?\\d+";

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  const rest = () => src.slice(i);
  while (i < src.length) {
    const ch = src[i];
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    let m: RegExpExecArray | null;
    if (ch === '"') {
      let j = i + 1;
      let s = "";
      for (;;) {
        if (j >= src.length) throw new SyntaxError("unterminated string");
        if (src[j] === '"') {
          if (src[j + 1] === '"') {
            s += '"';
            j += 2;
            continue;
          }
          break;
        }
        s += src[j++];
      }
      out.push({ t: "str", v: s });
      i = j + 1;
      continue;
    }
    // 'Quoted sheet'!A1[:B2]
    if (ch === "'") {
      let j = i + 1;
      let name = "";
      for (;;) {
        if (j >= src.length) throw new SyntaxError("unterminated sheet name");
        if (src[j] === "'") {
          if (src[j + 1] === "'") {
            name += "'";
            j += 2;
            continue;
          }
          break;
        }
        name += src[j++];
      }
      i = j + 1;
      m = new RegExp(`^!(${CELL})(?::(${CELL}))?`).exec(rest());
      if (!m) throw new SyntaxError("sheet name without a reference");
      out.push({ t: "ref", sheet: name, a: m[1], b: m[2] ?? null });
      i += m[0].length;
      continue;
    }
    // Sheet!A1[:B2] with an unquoted sheet name
    m = new RegExp(`^([\\p{L}_][\\p{L}\\p{N}_.]*)!(${CELL})(?::(${CELL}))?`, "u").exec(rest());
    if (m) {
      out.push({ t: "ref", sheet: m[1], a: m[2], b: m[3] ?? null });
      i += m[0].length;
      continue;
    }
    m = new RegExp(`^(${CELL})(?::(${CELL}))?(?![\\p{L}\\p{N}_.(])`, "u").exec(rest());
    if (m) {
      out.push({ t: "ref", sheet: null, a: m[1], b: m[2] ?? null });
      i += m[0].length;
      continue;
    }
    m = /^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/.exec(rest());
    if (m) {
      out.push({ t: "num", v: Number(m[0]) });
      i += m[0].length;
      continue;
    }
    m = /^[\p{L}_][\p{L}\p{N}_.]*/u.exec(rest());
    if (m) {
      out.push({ t: "name", v: m[0].toUpperCase() });
      i += m[0].length;
      continue;
    }
    m = /^(<>|<=|>=|[-+*/&=<>(),%^])/.exec(rest());
    if (m) {
      out.push({ t: "op", v: m[0] });
      i += m[0].length;
      continue;
    }
    throw new SyntaxError(`unexpected ${ch}`);
  }
  return out;
}

/* ------------------------------------------------------------------ syntax tree */

type Node =
  | { k: "lit"; v: Scalar }
  | { k: "ref"; sheet: string | null; a: string; b: string | null }
  | { k: "un"; op: string; x: Node }
  | { k: "bin"; op: string; a: Node; b: Node }
  | { k: "call"; name: string; args: Node[] };

function parse(tokens: Tok[]): Node {
  let p = 0;
  const peek = () => tokens[p];
  const isOp = (v: string) => peek()?.t === "op" && (peek() as { v: string }).v === v;
  const expect = (v: string) => {
    if (!isOp(v)) throw new SyntaxError(`expected ${v}`);
    p++;
  };
  const binary = (ops: string[], next: () => Node) => (): Node => {
    let a = next();
    while (peek()?.t === "op" && ops.includes((peek() as { v: string }).v)) {
      const op = (tokens[p++] as { v: string }).v;
      a = { k: "bin", op, a, b: next() };
    }
    return a;
  };
  const primary = (): Node => {
    const tok = tokens[p++];
    if (!tok) throw new SyntaxError("unexpected end");
    switch (tok.t) {
      case "num":
        return { k: "lit", v: tok.v };
      case "str":
        return { k: "lit", v: tok.v };
      case "ref":
        return { k: "ref", sheet: tok.sheet, a: tok.a, b: tok.b };
      case "name": {
        if (isOp("(")) {
          p++;
          const args: Node[] = [];
          if (!isOp(")")) {
            for (;;) {
              args.push(isOp(",") || isOp(")") ? { k: "lit", v: null } : comparison());
              if (isOp(",")) {
                p++;
                continue;
              }
              break;
            }
          }
          expect(")");
          return { k: "call", name: tok.v, args };
        }
        if (tok.v === "TRUE" || tok.v === "FALSE") return { k: "lit", v: tok.v === "TRUE" };
        return { k: "lit", v: err("#NAME?") };
      }
      case "op":
        if (tok.v === "(") {
          const e = comparison();
          expect(")");
          return e;
        }
        if (tok.v === "-" || tok.v === "+") return { k: "un", op: tok.v, x: unary() };
        throw new SyntaxError(`unexpected ${tok.v}`);
    }
  };
  const unary = (): Node => {
    if (isOp("-") || isOp("+")) {
      const op = (tokens[p++] as { v: string }).v;
      return { k: "un", op, x: unary() };
    }
    let x = primary();
    while (isOp("%")) {
      p++;
      x = { k: "bin", op: "/", a: x, b: { k: "lit", v: 100 } };
    }
    return x;
  };
  const power = binary(["^"], unary);
  const term = binary(["*", "/"], power);
  const additive = binary(["+", "-"], term);
  const concat = binary(["&"], additive);
  const comparison: () => Node = binary(["=", "<>", "<", ">", "<=", ">="], concat);
  const tree = comparison();
  if (p !== tokens.length) throw new SyntaxError("trailing input");
  return tree;
}

const parsed = new Map<string, Node | null>();

function parseFormula(formula: string): Node | null {
  if (!parsed.has(formula)) {
    let tree: Node | null = null;
    try {
      tree = parse(tokenize(formula.replace(/^=/, "")));
    } catch {
      tree = null;
    }
    parsed.set(formula, tree);
  }
  return parsed.get(formula)!;
}

/* ------------------------------------------------------------------ evaluation */

export class Evaluator {
  private readonly memo = new Map<string, Scalar>();
  private readonly active = new Set<string>();

  constructor(private readonly env: EvalEnv) {}

  /** The value of a formula written at `sheet` (the sheet that holds it). */
  formula(formula: string, sheet: Sheet): Scalar {
    const tree = parseFormula(formula);
    if (!tree) return err("#NAME?");
    return this.scalar(this.node(tree, sheet));
  }

  /** The value of one cell: its formula evaluated (memoised per Evaluator), else what is stored. */
  cell(sheet: Sheet, r: number, c: number): Scalar {
    const stored: Cell | undefined = sheet.cells.get(key(r, c));
    if (!stored) return null;
    if (stored.f === undefined) return stored.err ? err(String(stored.v)) : stored.v;
    const id = `${sheet.id}|${r}|${c}`;
    const known = this.memo.get(id);
    if (known !== undefined) return known;
    if (this.active.has(id)) return 0; // a circular reference: Excel shows 0 and warns
    this.active.add(id);
    const v = this.formula(stored.f, sheet);
    this.active.delete(id);
    this.memo.set(id, v);
    return v;
  }

  private node(n: Node, sheet: Sheet): Value {
    switch (n.k) {
      case "lit":
        return n.v;
      case "ref": {
        const target = n.sheet === null ? sheet : findSheet(this.env.book, n.sheet);
        if (!target) return err("#REF!");
        const rect = parseAddress(n.b ? `${n.a.replace(/\$/g, "")}:${n.b.replace(/\$/g, "")}` : n.a.replace(/\$/g, ""));
        if (!rect) return err("#REF!");
        return { kind: "range", sheet: target, ...rect };
      }
      case "un": {
        const x = toNumber(this.scalar(this.node(n.x, sheet)));
        if (isError(x)) return x;
        return n.op === "-" ? -x : x;
      }
      case "bin":
        return this.binary(n.op, this.scalar(this.node(n.a, sheet)), this.scalar(this.node(n.b, sheet)));
      case "call":
        return this.call(n.name, n.args, sheet);
    }
  }

  /** A single value: a one-cell range is dereferenced; a larger one is #VALUE! where one value is expected. */
  private scalar(v: Value): Scalar {
    if (!isRange(v)) return v;
    if (v.nr !== 1 || v.nc !== 1) return err("#VALUE!");
    return this.cell(v.sheet, v.r0, v.c0);
  }

  private matrix(v: RangeRef): Scalar[][] {
    return Array.from({ length: v.nr }, (_, i) => Array.from({ length: v.nc }, (_, j) => this.cell(v.sheet, v.r0 + i, v.c0 + j)));
  }

  private binary(op: string, a: Scalar, b: Scalar): Scalar {
    if (isError(a)) return a;
    if (isError(b)) return b;
    if (op === "&") return `${text(a)}${text(b)}`;
    if (["=", "<>", "<", ">", "<=", ">="].includes(op)) {
      const c = compare(a, b);
      return op === "=" ? c === 0 : op === "<>" ? c !== 0 : op === "<" ? c < 0 : op === ">" ? c > 0 : op === "<=" ? c <= 0 : c >= 0;
    }
    const x = toNumber(a);
    const y = toNumber(b);
    if (isError(x)) return x;
    if (isError(y)) return y;
    switch (op) {
      case "+":
        return x + y;
      case "-":
        return x - y;
      case "*":
        return x * y;
      case "/":
        return y === 0 ? err("#DIV/0!") : x / y;
      case "^":
        return Math.pow(x, y);
    }
    return err("#VALUE!");
  }

  private numbersOf(args: Value[]): number[] | { error: string } {
    const out: number[] = [];
    for (const a of args) {
      if (isRange(a)) {
        for (const row of this.matrix(a))
          for (const v of row) {
            if (isError(v)) return v;
            if (typeof v === "number") out.push(v);
          }
      } else {
        const n = toNumber(a);
        if (isError(n)) return n;
        out.push(n);
      }
    }
    return out;
  }

  private call(name: string, argNodes: Node[], sheet: Sheet): Value {
    const arg = (i: number) => (argNodes[i] ? this.node(argNodes[i], sheet) : null);
    const scalarArg = (i: number) => this.scalar(arg(i));
    switch (name) {
      case "IF": {
        const c = scalarArg(0);
        if (isError(c)) return c;
        const truth = typeof c === "string" ? c.length > 0 : Boolean(c);
        return truth ? scalarArg(1) ?? 0 : argNodes.length > 2 ? scalarArg(2) : false;
      }
      case "IFERROR": {
        const v = scalarArg(0);
        return isError(v) ? scalarArg(1) : v;
      }
      case "SUM":
      case "MIN":
      case "MAX": {
        const ns = this.numbersOf(argNodes.map((_, i) => arg(i)));
        if (isError(ns)) return ns;
        if (name === "SUM") return ns.reduce((s, x) => s + x, 0);
        if (ns.length === 0) return 0;
        return name === "MIN" ? Math.min(...ns) : Math.max(...ns);
      }
      case "ABS": {
        const x = toNumber(scalarArg(0));
        return isError(x) ? x : Math.abs(x);
      }
      case "ROUND": {
        const x = toNumber(scalarArg(0));
        const d = toNumber(scalarArg(1));
        if (isError(x)) return x;
        if (isError(d)) return d;
        const f = Math.pow(10, d);
        return Math.round(x * f) / f;
      }
      case "DATE": {
        const [y, m, d] = [0, 1, 2].map((i) => toNumber(scalarArg(i)));
        for (const v of [y, m, d]) if (isError(v)) return v;
        const serial = ymdToSerial(y as number, m as number, d as number);
        return serial === null ? err("#NUM!") : serial;
      }
    }
    const dot = name.indexOf(".");
    const fn = dot > 0 ? this.env.functions.get(name.slice(dot + 1)) : undefined;
    if (!fn) return err("#NAME?");
    // As Excel passes them: a reference arrives as a matrix of values, anything else as a scalar.
    const blank = this.env.blankCells ?? null;
    const args = argNodes.map((_, i) => {
      const v = arg(i);
      return isRange(v) ? this.matrix(v).map((row) => row.map((c) => (c === null ? blank : c))) : v;
    });
    try {
      const result = fn(...args);
      const code = this.env.errorCode(result);
      if (code) return err(code);
      if (result === undefined || result === null) return 0;
      if (typeof result === "number" || typeof result === "string" || typeof result === "boolean") return result;
      return err("#VALUE!");
    } catch (e) {
      return err(this.env.errorCode(e) ?? "#VALUE!");
    }
  }
}

function toNumber(v: Scalar): number | { error: string } {
  if (isError(v)) return v;
  if (v === null || v === "") return 0;
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  const n = Number(v);
  return Number.isFinite(n) && v.trim() !== "" ? n : err("#VALUE!");
}

function text(v: Scalar): string {
  if (v === null) return "";
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return String(v);
}

/** Excel's ordering for comparisons: numbers < text < booleans; blank equals 0 or "". */
function compare(a: Scalar, b: Scalar): number {
  const rank = (v: Scalar) => (typeof v === "number" ? 0 : typeof v === "string" ? 1 : 2);
  if (a === null) a = typeof b === "string" ? "" : typeof b === "boolean" ? false : 0;
  if (b === null) b = typeof a === "string" ? "" : typeof a === "boolean" ? false : 0;
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (typeof a === "string" && typeof b === "string") return a.toLowerCase().localeCompare(b.toLowerCase());
  return Number(a) - Number(b);
}

/** Recomputes every formula cell of the workbook (Excel's automatic calculation after a change). */
export function recalculate(env: EvalEnv): void {
  const ev = new Evaluator(env);
  for (const sheet of env.book.sheets) {
    for (const [k, cell] of sheet.cells) {
      if (cell.f === undefined) continue;
      const r = Math.floor(k / MAX_COLS_LOCAL);
      const c = k % MAX_COLS_LOCAL;
      const v = ev.cell(sheet, r, c);
      if (isError(v)) {
        cell.v = v.error;
        cell.err = true;
      } else {
        cell.v = v;
        delete cell.err;
      }
    }
  }
}

/** key(r, c) = r * MAX_COLS + c (fake-model); recovered from key() itself to stay in step with it. */
const MAX_COLS_LOCAL = key(1, 0);
