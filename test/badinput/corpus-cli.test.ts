/**
 * The bad-input corpus through the `pdv` command: every case of test/fixtures/corpus.ts is written
 * as a real .xlsx workbook (ExcelJS: values, formulas with cached results, error values, fonts,
 * hidden sheets), then `pdv validate <file> --json` runs in-process and must report the case's
 * expected findings at the same places as the core does on the in-memory grids, and exit 1 when
 * there is an error (0 or 1 otherwise, never 2: each of these files is a readable workbook).
 */
import { mkdtempSync, rmSync } from "fs";
import * as os from "os";
import * as path from "path";
import * as ExcelJS from "exceljs";
import { run } from "../../src/cli/main";
import type { Io } from "../../src/cli/main";
import { analyzeWorkbook } from "../../src/core/analyze";
import type { WorkbookInput } from "../../src/core/types";
import { CORPUS } from "../fixtures/corpus";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "pdv-corpus-cli-"));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** The grids as a workbook file, each cell as a person would have typed it in Excel. */
async function writeWorkbook(input: WorkbookInput, file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  for (const g of input.sheets) {
    const state = g.visibility === "Hidden" ? "hidden" : g.visibility === "VeryHidden" ? "veryHidden" : "visible";
    const ws = wb.addWorksheet(g.name, { state });
    g.values.forEach((row, r) =>
      row.forEach((v, c) => {
        const formula = g.formulas?.[r]?.[c] ?? null;
        const font = g.fonts?.[r]?.[c] ?? null;
        if (v === null && formula === null && font === null) return;
        const cell = ws.getCell(r + 1, c + 1);
        const value: ExcelJS.CellValue = v === null ? null : typeof v === "object" ? ({ error: v.error } as ExcelJS.CellErrorValue) : v;
        // A formula showing nothing has the empty text as its result (as Excel stores it); a formula
        // saved without any result is a case of its own (the reader's NO_RESULT).
        cell.value = formula ? ({ formula: formula.slice(1), result: value ?? "" } as ExcelJS.CellFormulaValue) : value;
        if (font) cell.font = { name: font };
      }),
    );
  }
  await wb.xlsx.writeFile(file);
}

async function validate(file: string): Promise<{ code: number; json: { errors: number; findings: { rule: string; sheet: string; cell: string; message: string }[] }; err: string }> {
  let out = "";
  let err = "";
  const io: Io = { stdout: (t) => void (out += t), stderr: (t) => void (err += t), stderrIsTTY: false };
  const code = await run(["validate", file, "--json"], io);
  return { code, json: JSON.parse(out || "{}"), err };
}

// A workbook without any sheet cannot be saved as .xlsx (Excel needs one): that case is for the
// core (and the add-in, whose workbook always has a sheet) only.
const FILE_FORM = CORPUS.filter((c) => c.build().sheets.length > 0);

test("nearly every corpus case has a file form", () => {
  expect(FILE_FORM.length).toBeGreaterThanOrEqual(CORPUS.length - 1);
});

test.each(FILE_FORM.map((c) => [c.id, c] as const))(
  "%s, as a .xlsx file through pdv validate",
  async (id, c) => {
    const input = c.build();
    const file = path.join(dir, `${id}.xlsx`);
    await writeWorkbook(input, file);
    const r = await validate(file);
    expect(r.err).toBe("");
    const got = r.json.findings.map((f) => `${f.rule} ${f.sheet}!${f.cell}`);
    for (const e of c.expect) {
      if (!got.includes(`${e.rule} ${e.sheet}!${e.cell}`)) {
        throw new Error(`${id}: expected ${e.rule} at ${e.sheet}!${e.cell}; pdv reported ${JSON.stringify(got)}`);
      }
    }
    // The file gives what the grids give (the core on the same input).
    const core = analyzeWorkbook(input).findings.map((f) => `${f.rule} ${f.sheet}!${f.cell}`);
    expect([...got].sort()).toEqual([...core].sort());
    expect(r.code).toBe(r.json.errors > 0 ? 1 : r.code);
    expect([0, 1]).toContain(r.code);
  },
  20_000,
);
