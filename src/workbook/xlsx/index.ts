/**
 * The .xlsx adapter: the zip guard (`zip`), the reader (`reader`: bytes → grids, browser-safe),
 * the ExcelJS port for workbooks PDV makes (`port`), and the writer that adds PDV's sheets into a
 * user's own package keeping every other part (`splice`).
 */
export { MAX_UNCOMPRESSED_BYTES, MAX_ZIP_ENTRIES, openPackage, stampZipEntries } from "./zip";
export { STATE_SHEET, listBookSheets, readBook, readXlsx } from "./reader";
export { NO_RESULT } from "./sheet";
export { readFileBytes } from "./files";
export { XlsxPort, createXlsxPort, loadXlsx, openXlsxPort } from "./port";
export type { XlsxPortOptions } from "./port";
export { xmlEncode } from "./notes";

/** Refuse, with a one-line Vietnamese reason naming the file (PortError), what is not a plain .xlsx. */
export { openPackage as checkXlsxBytes } from "./zip";
export { PackagePort, openPackagePort } from "./package-port";
export { spliceSheets } from "./splice";
