/**
 * OfficeExtension.Error look-alike for the fake Excel host: same fields, `name` "RichApi.Error",
 * `toString()` "<code>: <message>", and the client-side messages of the real runtime.
 */

export interface FakeDebugInfo {
  code: string;
  message: string;
  errorLocation?: string;
  statement?: string;
  surroundingStatements?: string[];
  fullStatements?: string[];
}

export class FakeOfficeError extends Error {
  code: string;
  httpStatusCode: number;
  debugInfo: FakeDebugInfo;
  traceMessages: string[] = [];
  innerError: unknown = null;

  constructor(code: string, message: string, debugInfo?: Partial<FakeDebugInfo>, httpStatusCode = 400) {
    super(message);
    Object.setPrototypeOf(this, new.target.prototype);
    this.name = "RichApi.Error";
    this.code = code;
    this.httpStatusCode = httpStatusCode;
    this.debugInfo = { code, message, ...debugInfo };
  }

  override toString(): string {
    return `${this.code}: ${this.message}`;
  }
}

export const ErrorCodes = {
  accessDenied: "AccessDenied",
  apiNotFound: "ApiNotFound",
  generalException: "GeneralException",
  insertDeleteConflict: "InsertDeleteConflict",
  invalidArgument: "InvalidArgument",
  invalidObjectPath: "InvalidObjectPath",
  invalidOperation: "InvalidOperation",
  invalidOperationInCellEditMode: "InvalidOperationInCellEditMode",
  invalidRequestContext: "InvalidRequestContext",
  itemAlreadyExists: "ItemAlreadyExists",
  itemNotFound: "ItemNotFound",
  operationCellsExceedLimit: "OperationCellsExceedLimit",
  propertyNotLoaded: "PropertyNotLoaded",
  rangeExceedsLimit: "RangeExceedsLimit",
  requestPayloadSizeLimitExceeded: "RequestPayloadSizeLimitExceeded",
  responsePayloadSizeLimitExceeded: "ResponsePayloadSizeLimitExceeded",
  runMustReturnPromise: "RunMustReturnPromise",
  unsupportedSheet: "UnsupportedSheet",
  valueNotLoaded: "ValueNotLoaded",
} as const;

export function propertyNotLoaded(prop: string, errorLocation?: string): FakeOfficeError {
  const message = `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`;
  return new FakeOfficeError("PropertyNotLoaded", message, errorLocation ? { errorLocation } : {});
}

export function valueNotLoaded(): FakeOfficeError {
  return new FakeOfficeError(
    "ValueNotLoaded",
    'The value of the result object has not been loaded yet. Before reading the value property, call "context.sync()" on the associated request context.',
    { errorLocation: "clientResult.value" },
  );
}

export function invalidObjectPath(path: string): FakeOfficeError {
  return new FakeOfficeError(
    "InvalidObjectPath",
    `The object path '${path}' isn't working for what you're trying to do. If you're using the object across multiple "context.sync" calls and outside the sequential execution of a ".run" batch, please use the "context.trackedObjects.add()" and "context.trackedObjects.remove()" methods to manage the object's lifetime.`,
  );
}

export function invalidRequestContext(): FakeOfficeError {
  return new FakeOfficeError("InvalidRequestContext", "Cannot use the object across different request contexts.");
}

export function runMustReturnPromise(): FakeOfficeError {
  return new FakeOfficeError(
    "RunMustReturnPromise",
    'The batch function passed to the ".run" method didn\'t return a promise. The function must return a promise, so that any automatically-tracked objects can be released at the completion of the batch operation. Typically, you return a promise by returning the response from "context.sync()".',
  );
}

export function invalidLoadArgument(what: string): FakeOfficeError {
  return new FakeOfficeError(
    "InvalidArgument",
    `The argument '${what}' doesn't work for this situation, is missing, or isn't in the right format.`,
  );
}

export function apiNotFound(api: string, version: string): FakeOfficeError {
  return new FakeOfficeError(
    "ApiNotFound",
    `The method or property ${api} is part of the ExcelApi ${version} requirement set, which is not available in your version of Excel.`,
    { errorLocation: api },
    404,
  );
}

export function payloadTooLarge(code: "RequestPayloadSizeLimitExceeded" | "ResponsePayloadSizeLimitExceeded"): FakeOfficeError {
  const which = code === "RequestPayloadSizeLimitExceeded" ? "request" : "response";
  const err = new FakeOfficeError(
    code,
    `The ${which} payload size has exceeded the limit. Please refer to the documentation: "https://docs.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins".`,
  );
  err.debugInfo = { code, message: err.message };
  return err;
}

/**
 * A batch sent while the user edits a cell, not run with `delayForCellEdit` (code from
 * Excel.ErrorCodes; the message's wording is UNVERIFIED).
 */
export function cellEditMode(): FakeOfficeError {
  return new FakeOfficeError(
    "InvalidOperationInCellEditMode",
    "The operation isn't available while Excel is in cell-edit mode. Exit edit mode by pressing Enter or Tab, or by selecting another cell, then try again.",
  );
}
