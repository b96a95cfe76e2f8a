/**
 * Test-only stand-in for the CustomFunctions global that Excel's runtime provides: the Error class
 * and the ErrorCode enum, with the values of @types/custom-functions-runtime.
 */
export const ErrorCode = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
} as const;

export class FakeCustomFunctionError extends Error {
  readonly code: string;

  constructor(code: string, message?: string) {
    super(message ?? "");
    this.code = code;
    Object.setPrototypeOf(this, FakeCustomFunctionError.prototype);
  }
}

/** Installs the stand-in as globalThis.CustomFunctions (once). */
export function installCustomFunctionsGlobal(): void {
  (globalThis as unknown as { CustomFunctions: unknown }).CustomFunctions = {
    Error: FakeCustomFunctionError,
    ErrorCode,
  };
}
