/**
 * Test-only: the PDV.* functions registered in HyperFormula (GPLv3, a dev dependency), calling the
 * very exports of src/functions/functions.ts that Excel calls. HyperFormula's argument values are
 * turned into what Excel hands a custom function (a count as a matrix, an omitted optional as null,
 * a blank cell as 0 like Excel desktop or as null like Excel on the web: see setBlankCells), and the
 * CustomFunctions.Error thrown back becomes a HyperFormula CellError.
 */
import { CellError, EmptyValue, ErrorType, FunctionArgumentType, FunctionPlugin, HyperFormula, SimpleRangeValue } from "hyperformula";
import type { ConfigParams, FunctionArgument, ImplementedFunctions } from "hyperformula";
import * as PDV from "../../src/functions/functions";
import { FakeCustomFunctionError, installCustomFunctionsGlobal } from "./customFunctionsGlobal";

installCustomFunctionsGlobal();

/* eslint-disable @typescript-eslint/no-explicit-any */
type ProcedureAstLike = { args: any[] };

const COUNT: FunctionArgument = { argumentType: FunctionArgumentType.RANGE };
const DATE: FunctionArgument = { argumentType: FunctionArgumentType.ANY };
const OPTIONAL_DATE: FunctionArgument = { argumentType: FunctionArgumentType.ANY, optionalArg: true };
const OPTIONAL_TEXT: FunctionArgument = { argumentType: FunctionArgumentType.ANY, optionalArg: true };

const ERROR_TYPES: Record<string, ErrorType> = {
  "#DIV/0!": ErrorType.DIV_BY_ZERO,
  "#NUM!": ErrorType.NUM,
  "#VALUE!": ErrorType.VALUE,
};

/** Thrown to stop conversion when an argument holds an error value (Excel does not call the function then). */
class ArgumentError {
  constructor(readonly error: CellError) {}
}

/** What a blank cell becomes: 0 on Excel desktop, null on Excel on the web (excel-api-facts §8). */
export type BlankCells = 0 | null;
let blankCells: BlankCells = null;

/** Makes blank cells reach the functions as Excel desktop (0) or Excel on the web (null) sends them. */
export function setBlankCells(mode: BlankCells): void {
  blankCells = mode;
}

/** One cell as Excel hands it: blank → 0 or null, rich numbers (dates, percents) → their number. */
function cellValue(v: unknown): unknown {
  if (v === undefined) return null; // an omitted optional argument
  if (v === EmptyValue) return blankCells;
  if (v instanceof CellError) throw new ArgumentError(v);
  if (typeof v === "object" && v !== null && typeof (v as { val?: unknown }).val === "number") return (v as { val: number }).val;
  return v;
}

/** An argument as Excel hands it: a range as rows of cells, a scalar as itself, omitted as null. */
function excelArg(v: unknown): unknown {
  if (v instanceof SimpleRangeValue) return v.data.map((row) => row.map(cellValue));
  return cellValue(v);
}

/** Calls one PDV.* export with Excel-like arguments; its Excel error becomes a CellError. */
function call(fn: (...args: any[]) => unknown, args: unknown[]): any {
  let excelArgs: unknown[];
  try {
    excelArgs = args.map(excelArg);
  } catch (e) {
    if (e instanceof ArgumentError) return e.error;
    throw e;
  }
  try {
    return fn(...excelArgs);
  } catch (e) {
    if (e instanceof FakeCustomFunctionError) {
      const type = ERROR_TYPES[e.code];
      if (type === undefined) throw new Error(`unexpected Excel error code ${e.code}`);
      return new CellError(type, e.message);
    }
    // Anything else escaping a PDV function is a bug the tests must see.
    throw e;
  }
}

export class PdvPlugin extends FunctionPlugin {
  static override implementedFunctions: ImplementedFunctions = {
    "PDV.TYLE": { method: "tyle", parameters: [COUNT, COUNT] },
    "PDV.CONLAI": { method: "conlai", parameters: [COUNT, COUNT] },
    "PDV.TIENDO": { method: "tiendo", parameters: [COUNT, COUNT, DATE, OPTIONAL_DATE, OPTIONAL_DATE] },
    "PDV.DUBAO": { method: "dubao", parameters: [COUNT, DATE, OPTIONAL_DATE, OPTIONAL_DATE] },
    "PDV.CANTHANG": { method: "canthang", parameters: [COUNT, COUNT, DATE, OPTIONAL_DATE] },
    "PDV.XEPLOAI": { method: "xeploai", parameters: [COUNT, COUNT, DATE, OPTIONAL_DATE, OPTIONAL_DATE] },
    "PDV.NHANXET": { method: "nhanxet", parameters: [COUNT, COUNT, DATE, OPTIONAL_TEXT] },
  };

  private run(name: string, fn: (...args: any[]) => unknown, ast: ProcedureAstLike, state: any): any {
    return this.runFunction(ast.args, state, this.metadata(name), (...args: unknown[]) => call(fn, args));
  }

  tyle(ast: ProcedureAstLike, state: any) {
    return this.run("PDV.TYLE", PDV.TYLE, ast, state);
  }
  conlai(ast: ProcedureAstLike, state: any) {
    return this.run("PDV.CONLAI", PDV.CONLAI, ast, state);
  }
  tiendo(ast: ProcedureAstLike, state: any) {
    return this.run("PDV.TIENDO", PDV.TIENDO, ast, state);
  }
  dubao(ast: ProcedureAstLike, state: any) {
    return this.run("PDV.DUBAO", PDV.DUBAO, ast, state);
  }
  canthang(ast: ProcedureAstLike, state: any) {
    return this.run("PDV.CANTHANG", PDV.CANTHANG, ast, state);
  }
  xeploai(ast: ProcedureAstLike, state: any) {
    return this.run("PDV.XEPLOAI", PDV.XEPLOAI, ast, state);
  }
  nhanxet(ast: ProcedureAstLike, state: any) {
    return this.run("PDV.NHANXET", PDV.NHANXET, ast, state);
  }
}

const NAMES = Object.keys(PdvPlugin.implementedFunctions);

let registered = false;

/** Registers the PDV functions once (HyperFormula's registry is global). */
export function registerPdv(): void {
  if (registered) return;
  const names = Object.fromEntries(NAMES.map((n) => [n, n]));
  HyperFormula.registerFunctionPlugin(PdvPlugin, { enGB: names });
  registered = true;
}

/**
 * A HyperFormula instance as a Vietnamese Excel reads formulas: `;` between arguments. Smart
 * rounding is off so that results are the doubles the functions return.
 */
export function buildPdvSheet(sheet: (string | number | null)[][], extra: Partial<ConfigParams> = {}): HyperFormula {
  registerPdv();
  return HyperFormula.buildFromArray(sheet, {
    licenseKey: "gpl-v3",
    functionArgSeparator: ";",
    smartRounding: false,
    ...extra,
  });
}
