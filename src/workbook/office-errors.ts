/**
 * Office.js failures as the adapter sees them: the error code, the codes it handles (payload too
 * large, unsupported sheet types), and PortError with a Vietnamese message ("Excel quá cũ" added
 * when Excel reports ApiNotFound).
 */
import { PortError } from "./port";
import type { PortErrorCode } from "./port";

export function errorCode(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : "Unknown";
}

export const PAYLOAD_CODES = ["RequestPayloadSizeLimitExceeded", "ResponsePayloadSizeLimitExceeded", "RangeExceedsLimit"];
/** Range calls on a macro sheet or a chart sheet (excel-api-facts §8). */
export const UNSUPPORTED_SHEET = "UnsupportedSheet";

/** Added to a failure Excel reports as ApiNotFound: an API of a requirement set this Excel lacks. */
export const EXCEL_TOO_OLD =
  "Excel quá cũ: phiên bản này thiếu chức năng PDV cần. Hãy cập nhật Excel (Microsoft 365, Excel 2021 trở lên hoặc Excel trên web).";

export function portError(message: string, code: PortErrorCode, cause: unknown): PortError {
  const err = new PortError(errorCode(cause) === "ApiNotFound" ? `${message} ${EXCEL_TOO_OLD}` : message, code);
  (err as { cause?: unknown }).cause = cause;
  return err;
}

