/**
 * Copying a sheet of a file into the workbook through Office.js (office.ts insertSheetFromFile,
 * ExcelApi 1.13 Workbook.insertWorksheetsFromBase64): the file's sheet inserted at the end, then
 * renamed by its id; nothing half-done stays when the rename fails.
 */
import { PortError, type SourceSheet } from "./port";
import { bytesToBase64 } from "./base64";
import { type XResult, RUN_OPTIONS } from "./office-api";
import { errorCode, portError } from "./office-errors";
import { type OfficeSession, checkName, same } from "./office-session";

/**
 * Codes with which Excel declines to insert a file although the API exists: the web refuses files
 * with charts, PivotTables, comments or slicers (UnsupportedFeature), a file too large for one
 * request, and platforms without the method. The caller then writes the sheet from the file's grid.
 */
const CANNOT_INSERT_CODES = ["UnsupportedFeature", "ApiNotFound", "NotImplemented", "RequestPayloadSizeLimitExceeded"];

/**
 * WorkbookPort.insertSheetFromFile through `session`: false (nothing sent) when `requirements.isSetSupported`
 * says no to ExcelApi 1.13 or Excel declines the file (CANNOT_INSERT_CODES); PortError
 * "sheet-exists" when `newName` is taken.
 */
export async function insertSheetFromFile(
  session: OfficeSession,
  requirements: { isSetSupported(name: string, minVersion: string): boolean },
  file: SourceSheet,
  newName: string,
): Promise<boolean> {
  checkName(newName);
  session.lastSyncs = 0;
  // Called as a method: the name survives minification, and the build test finds this guard
  // beside the 1.13 call it guards (test/build/build.test.ts).
  if (!requirements.isSetSupported("ExcelApi", "1.13")) return false;
  const exists = () => new PortError(`Sheet '${newName}' đã có trong sổ tính: không ghi đè.`, "sheet-exists");
  try {
    return await session.excel.run(RUN_OPTIONS, async (ctx) => {
      const list = session.known ?? (await session.loadSheetList(ctx));
      if (list.some((s) => same(s.name, newName))) throw exists();
      let ids: XResult<string[]>;
      try {
        ids = ctx.workbook.insertWorksheetsFromBase64(bytesToBase64(file.bytes), { sheetNamesToInsert: [file.sheet], positionType: "End" });
        await session.sync(ctx);
      } catch (e) {
        if (CANNOT_INSERT_CODES.includes(errorCode(e))) return false;
        throw e;
      }
      const inserted = ids.value;
      try {
        if (inserted.length !== 1) throw portError(`Tệp không có đúng một sheet '${file.sheet}' để chép vào sổ.`, "insert", null);
        const ws = ctx.workbook.worksheets.getItem(inserted[0]);
        ws.name = newName;
        ws.visibility = "Visible";
        await session.sync(ctx);
      } catch (e) {
        // Nothing half-done stays: the copied sheet goes again.
        try {
          for (const id of inserted) ctx.workbook.worksheets.getItem(id).delete();
          await session.sync(ctx);
        } catch {
          /* the user sees the first error; the sheet list is reloaded next time */
        }
        if (errorCode(e) === "ItemAlreadyExists") throw portError(exists().message, "sheet-exists", e);
        throw e;
      }
      session.known = [...list, { name: newName, visibility: "Visible" }];
      return true;
    });
  } catch (e) {
    session.known = null;
    if (e instanceof PortError) throw e;
    throw portError(`Không chép được sheet '${file.sheet}' của tệp vào sổ thành sheet '${newName}' (mã lỗi ${errorCode(e)}).`, "write", e);
  }
}
