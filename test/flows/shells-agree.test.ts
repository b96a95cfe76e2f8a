/**
 * The add-in (ribbon/pane flows over the port) and the `pdv` command give the same text and order
 * for the same workbook (issue 16, point 2): the time G01 quotes, the order of the findings, and
 * the counts of errors and warnings. The input is the sample workbook edited by openpyxl, read by
 * the CLI from disk and by the flows through the memory port.
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { runPdv } from "../helpers/cli-run";
import { execFileSync } from "child_process";
import { PYTHON, setCells } from "../helpers/openpyxl";
import { createMemoryPort } from "../../src/workbook/memory";
import { readFileBytes, readXlsx } from "../../src/workbook/xlsx";
import { runValidation } from "../../src/flows/check";
import { runConsolidation } from "../../src/flows/consolidate";
import { GENERATED_SHEETS, SHEET_CHECK } from "../../src/core/template";
import { groupFindings } from "../../src/taskpane/findings";
import { unitFeedbackFiles } from "../../src/flows/feedback";
import type { SheetPlan } from "../../src/core/types";

jest.setTimeout(120_000);

const SAMPLE = path.join(__dirname, "..", "..", "samples", "phu-binh-2020.xlsx");
const AT = new Date(2020, 8, 6, 14, 5);
let tmp: string;
let book: string;

/** Errors and warnings in several units, so that the order by unit and rule matters. */
const EDITS: [string, string, string | number | null][] = [
  ["TCCS07", "D11", -2], // V03 error
  ["TCCS05", "D16", "ba"], // V02 error
  ["TCCS03", "D16", " 1 "], // V02 warning (read as 1)
  ["TCCS02", "D9", "04/09/2020"], // D03 warning (date typed as text)
  ["TCCS01", "D14", 0], // C02 warning (admitted 1 > dossiers 0)
];

async function grids(file: string) {
  return readXlsx(await readFileBytes(file), path.basename(file), { formulas: false, fonts: true, skip: GENERATED_SHEETS });
}

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "pdv-shells-"));
  book = path.join(tmp, "so.xlsx");
  await fs.copyFile(SAMPLE, book);
  setCells(book, EDITS);
  // TCCS07 moved before TCCS01: the workbook's order is no longer the order of the unit codes.
  execFileSync(PYTHON, ["-c", "import sys, openpyxl; wb = openpyxl.load_workbook(sys.argv[1]); wb.move_sheet('TCCS07', -6); wb.save(sys.argv[1])", book]);
});
afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

describe("the add-in and pdv agree", () => {
  it("list the findings in the same order (compareFindings), with the same counts", async () => {
    const port = createMemoryPort(await grids(book));
    const result = await runValidation(port);
    const rows = port.planOf(SHEET_CHECK)!.rows.slice(4);
    const sheetOrder = rows.map((r) => ({ level: String(r[1]?.value), rule: String(r[2]?.value), unit: String(r[4]?.value ?? "") }));
    expect(sheetOrder.length).toBe(result.analysis.findings.length);
    // The case discriminates: ordering by severity alone (pdv before issue 16) gives another order.
    const rank = { error: 0, warning: 1, info: 2 };
    const bySeverity = [...result.analysis.findings].sort((a, b) => rank[a.severity] - rank[b.severity]);
    expect(bySeverity.map((f) => `${f.rule} ${f.unit}`)).not.toEqual(sheetOrder.map((f) => `${f.rule} ${f.unit || "null"}`));

    const cli = await runPdv(["validate", book]);
    expect(cli.code).toBe(1);
    const lines = cli.stdout.split("\n").filter((l) => /^- \[(LỖI|Cảnh báo|Thông tin)\] /.test(l));
    expect(lines.length).toBe(sheetOrder.length);
    lines.forEach((line, i) => {
      const f = sheetOrder[i];
      expect(line).toMatch(new RegExp(`^- \\[[^\\]]+\\] ${f.rule}${f.unit ? ` ${f.unit}` : ""}[ :]`));
      expect(line.toLowerCase().startsWith(`- [${f.level.toLowerCase()}]`)).toBe(true);
    });
    // The pane groups the findings by unit; within a unit, the order is the CLI's.
    for (const g of groupFindings(result.analysis)) {
      const cliOfUnit = sheetOrder.filter((f) => (f.unit || null) === g.unit).map((f) => f.rule);
      expect(g.findings.map((f) => f.rule)).toEqual(cliOfUnit);
    }
    const severities = result.analysis.findings.map((f) => f.severity);
    const errors = severities.filter((s) => s === "error").length;
    const warnings = severities.filter((s) => s === "warning").length;
    expect(errors).toBeGreaterThan(0);
    expect(warnings).toBeGreaterThan(0);
    expect(cli.stdout).toContain(`Lỗi: ${errors}; cảnh báo: ${warnings}`);
    expect(result.message).toContain(`${errors} lỗi, ${warnings} cảnh báo`);
    expect(String(port.planOf(SHEET_CHECK)!.rows[1][0]?.value)).toContain(`${errors} lỗi, ${warnings} cảnh báo`);
  });

  it("quote the same time in G01 after a consolidation at 14:05 on 06/09/2020", async () => {
    // Add-in: Tổng hợp, then a unit's figure changes, then Kiểm tra.
    const port = createMemoryPort(await grids(book));
    await runConsolidation(port, undefined, { now: () => AT });
    const out = path.join(tmp, "tong-hop.xlsx");
    jest.useFakeTimers({
      now: AT,
      doNotFake: ["nextTick", "setImmediate", "clearImmediate", "setTimeout", "clearTimeout", "setInterval", "clearInterval", "queueMicrotask", "hrtime", "performance"],
    });
    let made;
    try {
      made = await runPdv(["consolidate", book, "--out", out]);
    } finally {
      jest.useRealTimers();
    }
    expect(made.code).toBe(1); // units with errors are left out; the file is written
    setCells(out, [["TCCS04", "D12", 99]]);
    const later = createMemoryPort(await grids(out), port.state());
    const addin = (await runValidation(later)).analysis.findings.find((f) => f.rule === "G01");
    expect(addin?.message).toContain("lập lúc 14:05 ngày 06/09/2020");

    const cli = await runPdv(["validate", out, "--json"]);
    const g01 = (JSON.parse(cli.stdout).findings as { rule: string; message: string }[]).find((f) => f.rule === "G01");
    expect(g01?.message).toBe(addin?.message);
  });

  it("date the feedback files the same way (kiểm tra lúc 14:05 ngày 06/09/2020)", async () => {
    const fake = { doNotFake: ["nextTick", "setImmediate", "clearImmediate", "setTimeout", "clearTimeout", "setInterval", "clearInterval", "queueMicrotask", "hrtime", "performance"] as const };
    const folder = path.join(tmp, "phan-hoi");
    jest.useFakeTimers({ now: AT, doNotFake: [...fake.doNotFake] });
    try {
      expect((await runPdv(["feedback", book, "--out", folder])).code).toBe(1); // units with errors: exit 1, files written
    } finally {
      jest.useRealTimers();
    }
    const plans: SheetPlan[][] = [];
    await unitFeedbackFiles(createMemoryPort(await grids(book)), { plansToXlsx: async (p) => (plans.push(p), new Uint8Array()), filesZip: () => new Uint8Array() }, AT);
    const paneLine = plans[0][0].rows.flat().map((c) => String(c?.value ?? "")).find((t) => t.includes("kiểm tra lúc"));
    expect(paneLine).toContain("kiểm tra lúc 14:05 ngày 06/09/2020");
    const first = (await fs.readdir(folder)).sort()[0];
    const phanHoi = (await grids(path.join(folder, first)))[0];
    const cliLine = phanHoi.values.flat().map((v) => String(v ?? "")).find((t) => t.includes("kiểm tra lúc"));
    expect(cliLine).toBe(paneLine);
  });
});
