/**
 * Errors the fake Excel host's "server" raises while executing a command, with Excel's codes and
 * messages; the request context turns them into RichApi.Error (fake-errors.ts).
 */

/** An error the "server" raises while executing a command; the context turns it into RichApi.Error. */
export class ServerError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const MESSAGES: Record<string, string> = {
  ItemNotFound: "The requested resource doesn't exist.",
  InvalidArgument: "The argument is invalid or missing or has an incorrect format.",
  ItemAlreadyExists: "A resource with the same name or identifier already exists.",
  InvalidOperation: "The operation is invalid for the object or the current state of the object.",
  GeneralException: "There was an internal error while processing the request.",
  RangeExceedsLimit: "The cell count in the range has exceeded the maximum supported number.",
  DimensionMismatch: "The number of rows or columns in the input array doesn't match the size or dimensions of the range.",
  // Wording UNVERIFIED (the code is Excel.ErrorCodes.unsupportedSheet).
  UnsupportedSheet: "This sheet type does not support this operation, since it is a Macro or Chart sheet.",
};

export function serverError(code: string, message?: string): ServerError {
  return new ServerError(code, message ?? MESSAGES[code] ?? MESSAGES.GeneralException);
}
