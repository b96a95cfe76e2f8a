/**
 * Section 6: the PDV maths. Evaluations per second of TYLE and TIENDO, both the core functions
 * (src/core/indicators.ts ratio, progress) and the worksheet-function wrappers
 * (src/functions/functions.ts TYLE, TIENDO: argument coercion of [[x]] matrices + the core), over
 * 1,000,000 inputs from a fixed seed: admitted 0…500, target 1…600, as-of date a day of 2020
 * (default period 01/01–31/12). All inputs are valid (no error path). Each is timed after a
 * warm-up pass over the same inputs; the checksum of the results keeps the work from being elided.
 */
import { progress, ratio } from "../src/core/indicators";
import { TIENDO, TYLE } from "../src/functions/functions";
import { ymdToSerial } from "../src/core/dates";
import { intIn, rng, SEED } from "./data";

export interface MathsRow {
  name: string;
  evaluations: number;
  ms: number;
  perSecond: number;
  checksum: number;
}

function installCustomFunctions(): void {
  const g = globalThis as unknown as { CustomFunctions?: unknown };
  if (g.CustomFunctions) return;
  class CfError extends Error {
    constructor(
      readonly code: string,
      message?: string,
    ) {
      super(message ?? "");
    }
  }
  g.CustomFunctions = { Error: CfError, ErrorCode: { invalidValue: "#VALUE!", divisionByZero: "#DIV/0!", invalidNumber: "#NUM!" } };
}

export function mathsBench(count = 1_000_000): MathsRow[] {
  installCustomFunctions();
  const r = rng(SEED + 6);
  const admitted = new Float64Array(count);
  const target = new Float64Array(count);
  const asOf = new Float64Array(count);
  const jan1 = ymdToSerial(2020, 1, 1)!;
  for (let i = 0; i < count; i++) {
    admitted[i] = intIn(r, 0, 500);
    target[i] = intIn(r, 1, 600);
    asOf[i] = jan1 + intIn(r, 0, 365);
  }
  // The wrappers receive what Excel hands them: 1×1 matrices for count parameters.
  const admittedM = Array.from(admitted, (x) => [[x]]);
  const targetM = Array.from(target, (x) => [[x]]);

  const cases: [string, () => number][] = [
    ["TYLE (core ratio)", () => { let s = 0; for (let i = 0; i < count; i++) s += ratio(admitted[i], target[i]); return s; }],
    ["TIENDO (core progress)", () => { let s = 0; for (let i = 0; i < count; i++) s += progress(admitted[i], target[i], asOf[i]); return s; }],
    ["PDV.TYLE (functions.ts)", () => { let s = 0; for (let i = 0; i < count; i++) s += TYLE(admittedM[i], targetM[i]); return s; }],
    ["PDV.TIENDO (functions.ts)", () => { let s = 0; for (let i = 0; i < count; i++) s += TIENDO(admittedM[i], targetM[i], asOf[i]); return s; }],
  ];
  const rows: MathsRow[] = [];
  for (const [name, fn] of cases) {
    fn(); // warm-up
    const runs: number[] = [];
    let checksum = 0;
    for (let k = 0; k < 3; k++) {
      const t0 = performance.now();
      checksum = fn();
      runs.push(performance.now() - t0);
    }
    const ms = runs.sort((a, b) => a - b)[1];
    rows.push({ name, evaluations: count, ms: Math.round(ms * 10) / 10, perSecond: Math.round(count / (ms / 1000)), checksum: Math.round(checksum * 1000) / 1000 });
  }
  return rows;
}
