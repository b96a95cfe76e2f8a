import { createMemoryPort } from "../../src/workbook/memory";
import type { MemoryPort } from "../../src/workbook/memory";
import type { ReadOptions, WorkbookPort } from "../../src/workbook/port";
import { runValidation } from "../../src/flows/check";
import { runConsolidation } from "../../src/flows/consolidate";
import { describeError } from "../../src/flows/outcome";
import type { FlowProgress } from "../../src/flows/outcome";
import { stampText } from "../../src/core/state";
import { ConsolidationError } from "../../src/core/consolidate";
import { STATE_FINGERPRINT, STATE_TIME } from "../../src/core/state";
import { PortError } from "../../src/workbook/port";
import { CsvError } from "../../src/core/csv";
import type { SheetGrid } from "../../src/core/types";
import { sampleGrids } from "../helpers/sample";
import { createFakeExcel } from "../../src/host/fake-excel";
import { createOfficePort } from "../../src/workbook/office";
import { findSheet, rowOfCode, setCell } from "../helpers/grids";
import { encodeTcvn3 } from "../../src/core/legacy";
import { sheetRef } from "../../src/core/a1";

const grids = sampleGrids();
const FIXED = new Date(2020, 8, 6, 14, 5);

function port(sheets: SheetGrid[] = grids): MemoryPort {
  return createMemoryPort(sheets);
}

/** Text of every cell of a written sheet, joined (to look for a sentence). */
function sheetText(p: MemoryPort, name: string): string {
  const sheet = p.sheets().find((s) => s.name === name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return sheet.values.flat().filter((v) => typeof v === "string").join("\n");
}

/** Add one to the first number right of the cell holding `code` on a unit sheet. */
function bumpCount(sheet: SheetGrid, code: string): void {
  for (const row of sheet.values) {
    const at = row.findIndex((v) => v === code);
    if (at < 0) continue;
    for (let c = at + 1; c < row.length; c++) {
      const v = row[c];
      if (typeof v === "number") {
        row[c] = v + 1;
        return;
      }
    }
  }
  throw new Error(`no ${code} count on ${sheet.name}`);
}

describe("runValidation", () => {
  test("writes KiemTra for the sample, brings it to the front and reports 48/48 without errors", async () => {
    const p = port();
    const result = await runValidation(p);
    expect(result.level).not.toBe("error");
    expect(result.message).toContain("Đã nhận 48/48 báo cáo");
    expect(result.message).toContain("KiemTra");
    expect(p.planOf("KiemTra")).toBeDefined();
    expect(sheetText(p, "KiemTra")).toContain("Đã nhận 48/48 báo cáo");
    expect(p.selection()).toEqual({ sheet: "KiemTra", cell: "A1" });
  });

  test("does not read the add-in's own sheets", async () => {
    const inner = port();
    const seen: ReadOptions[] = [];
    const spy: WorkbookPort = {
      ...inner,
      readWorkbook: (o) => {
        seen.push(o ?? {});
        return inner.readWorkbook(o);
      },
    };
    await runValidation(spy);
    expect(seen).toHaveLength(1);
    expect(seen[0].skip?.map((s) => s.toLowerCase()).sort()).toEqual(expect.arrayContaining(["kiemtra", "tonghop"]));
  });

  test("a missing unit is an error, named in KiemTra", async () => {
    const [roster, first, ...rest] = grids;
    const p = port([roster, ...rest]);
    const result = await runValidation(p);
    expect(result.level).toBe("error");
    expect(result.message).toContain("Đã nhận 47/48 báo cáo");
    expect(result.message).toMatch(/1 lỗi/);
    expect(result.analysis.missing).toHaveLength(1);
    expect(sheetText(p, "KiemTra")).toContain(result.analysis.missing[0]);
    expect(first.name).toBeTruthy();
  });

  test("replaces an old KiemTra instead of adding a second one", async () => {
    const p = port([...grids, { name: "KiemTra", values: [["cũ"]] }]);
    await runValidation(p);
    expect(p.sheets().filter((s) => s.name.toLowerCase() === "kiemtra")).toHaveLength(1);
    expect(sheetText(p, "KiemTra")).not.toContain("cũ");
  });

  test("without DanhMuc it still writes KiemTra and says the roster could not be read", async () => {
    const p = port(grids.slice(1));
    const result = await runValidation(p);
    expect(result.level).toBe("error");
    expect(result.message).toContain("Chưa đọc được danh mục đơn vị");
    expect(result.analysis.findings.some((f) => f.rule === "S01")).toBe(true);
  });
});

describe("runConsolidation", () => {
  test("writes TongHop with links, the fingerprint and the time, reporting progress to the end", async () => {
    const p = port();
    const steps: FlowProgress[] = [];
    const result = await runConsolidation(p, (s) => steps.push(s), { now: () => FIXED });
    expect(result.level).toBe("success");
    expect(result.message).toBe("Đã tổng hợp 48/48 đơn vị vào sheet TongHop.");
    expect(result.summary.totals.KN_DAKETNAP).toBe(31);

    const plan = p.planOf("TongHop");
    expect(plan).toBeDefined();
    const formulas = plan!.rows.flat().map((c) => c?.formula ?? "");
    expect(formulas.some((f) => f.includes("!"))).toBe(true); // linked to the unit sheets
    expect(p.state()[STATE_FINGERPRINT]).toBe(result.summary.fingerprint);
    expect(p.state()[STATE_TIME]).toBe("14:05 ngày 06/09/2020");
    expect(p.selection()).toEqual({ sheet: "TongHop", cell: "A1" });

    expect(steps.length).toBeGreaterThanOrEqual(3);
    expect(steps.map((s) => s.value)).toEqual([...steps.map((s) => s.value)].sort((a, b) => a - b));
    expect(steps[steps.length - 1].value).toBe(1);
  });

  test("names the units left out", async () => {
    const [roster, , ...rest] = grids;
    const p = port([roster, ...rest]);
    const result = await runConsolidation(p, undefined, { now: () => FIXED });
    expect(result.level).toBe("warning");
    expect(result.message).toContain("Đã tổng hợp 47/48 đơn vị");
    expect(result.message).toContain(`Chưa tính 1 đơn vị`);
    expect(result.message).toContain(result.summary.excluded[0].unit);
  });

  test("after a consolidation, Kiểm tra is quiet about G01 until a source figure changes", async () => {
    const p = port();
    await runConsolidation(p, undefined, { now: () => FIXED });
    const fresh = await runValidation(p);
    expect(fresh.analysis.findings.some((f) => f.rule === "G01")).toBe(false);

    const unitSheet = p.sheets().find((s) => s.name !== "DanhMuc" && s.name !== "TongHop" && s.name !== "KiemTra")!;
    bumpCount(unitSheet, "DV_TONG");
    const stale = await runValidation(p);
    const g01 = stale.analysis.findings.find((f) => f.rule === "G01");
    expect(g01?.message).toContain("lập lúc 14:05 ngày 06/09/2020");
  });

  test("without DanhMuc it refuses with the core's Vietnamese message and writes nothing", async () => {
    const p = port(grids.slice(1));
    const failure = runConsolidation(p);
    await expect(failure).rejects.toBeInstanceOf(ConsolidationError);
    const err = await failure.catch((e: unknown) => e);
    expect(describeError(err, "tổng hợp")).toMatch(/^Không thể tổng hợp: sheet DanhMuc/);
    expect(p.planOf("TongHop")).toBeUndefined();
  });
});

describe("describeError", () => {
  test("passes PDV's own messages through and labels anything else as unexpected", () => {
    expect(describeError(new PortError("Không ghi được sheet 'X'.", "sheet-name"), "kiểm tra")).toBe("Không ghi được sheet 'X'.");
    expect(describeError(new CsvError("Dòng 3: thiếu MA_DV."), "tạo sổ mẫu")).toBe("Dòng 3: thiếu MA_DV.");
    const office = Object.assign(new Error("The requested resource doesn't exist."), { code: "ItemNotFound" });
    expect(describeError(office, "kiểm tra")).toBe(
      "Không kiểm tra được do lỗi ngoài dự kiến (ItemNotFound): The requested resource doesn't exist.",
    );
    expect(describeError("boom", "tổng hợp")).toBe("Không tổng hợp được do lỗi ngoài dự kiến: boom");
  });

  test("stampText pads hours, minutes, day and month", () => {
    expect(stampText(new Date(2021, 0, 2, 3, 4))).toBe("03:04 ngày 02/01/2021");
  });
});

describe("the flows over the Office.js adapter on the strict fake Excel", () => {
  test("one-click consolidation: at most 3 syncs on a new TongHop, TongHop in front, the district row 31/253; validation likewise", async () => {
    const fake = createFakeExcel({ sheets: sampleGrids() });
    const port = createOfficePort(fake.Excel as never);
    fake.host.resetStats();
    const r = await runConsolidation(port);
    expect(r.summary.included).toHaveLength(48);
    expect(r.summary.ratio).toBe(31 / 253);
    expect(fake.host.stats.syncs).toBeLessThanOrEqual(3);
    expect(fake.host.activeSheet).toBe("TongHop");
    expect(fake.host.sheetNames()).toContain("TongHop");

    fake.host.resetStats();
    const v = await runValidation(port);
    expect(v.analysis.findings).toEqual([]);
    expect(fake.host.stats.syncs).toBeLessThanOrEqual(3);
    expect(fake.host.activeSheet).toBe("KiemTra");
  });
});

describe("the ribbon's sheets speak without the task pane (excel-api-facts §8)", () => {
  test("Kiểm tra in Excel reads the fonts: TCVN3 text gives E01 as `pdv` does", async () => {
    const sheets = sampleGrids();
    const unit = findSheet(sheets, "TCCS01");
    const dm = findSheet(sheets, "DanhMuc");
    const rosterName = dm.values[rowOfCode(dm, "TCCS01", 1) - 1][1] as string;
    const ref = `D${rowOfCode(unit, "TEN_DV")}`;
    setCell(unit, ref, encodeTcvn3(rosterName)!);
    const row = rowOfCode(unit, "TEN_DV") - 1;
    unit.fonts = unit.values.map((r, i) => r.map((_, c) => (i === row && c === 3 ? ".VnTime" : "Times New Roman")));
    const fake = createFakeExcel({ sheets });
    const v = await runValidation(createOfficePort(fake.Excel));
    const e01 = v.analysis.findings.filter((f) => f.rule === "E01");
    expect(e01.map((f) => `${f.sheet}!${f.cell}`)).toEqual([`TCCS01!${ref}`]);
    expect(v.analysis.findings.some((f) => f.rule === "S08")).toBe(false);
  });

  test("KiemTra: each finding's cell is a HYPERLINK to that cell of its sheet; the outcome is in row 2", async () => {
    const sheets = sampleGrids();
    const unit = findSheet(sheets, "TCCS01");
    const ref = `D${rowOfCode(unit, "KN_DAKETNAP")}`;
    setCell(unit, ref, "ba");
    const fake = createFakeExcel({ sheets });
    const v = await runValidation(createOfficePort(fake.Excel));
    const finding = v.analysis.findings.find((f) => f.sheet === "TCCS01" && f.cell === ref)!;
    expect(finding).toBeDefined();
    const k = fake.host.dump("KiemTra");
    expect(String(k.values[1][0])).toMatch(/^Đã nhận 48\/48 báo cáo; [1-9]\d* lỗi/);
    const cellCol = k.values[3].indexOf("Ô");
    const linkRow = k.formulas.findIndex((r) => r[cellCol] === `=HYPERLINK("#${sheetRef("TCCS01", ref)}","${ref}")`);
    expect(linkRow).toBeGreaterThan(3);
    expect(k.values[linkRow][k.values[3].indexOf("Sheet")]).toBe("TCCS01");
    expect(fake.host.activeSheet).toBe("KiemTra");
  });

  test("TongHop: the outcome in its first rows", async () => {
    const [roster, , ...rest] = grids;
    const p = port([roster, ...rest]);
    const r = await runConsolidation(p, undefined, { now: () => FIXED });
    const firstRows = p.planOf("TongHop")!.rows.slice(0, 4).flat().map((c) => c?.value);
    expect(firstRows).toContain(r.message);
    expect(r.message).toContain("Chưa tính 1 đơn vị");
  });

  test("a consolidation the core refuses: KiemTra in front says why, TongHop is not written", async () => {
    const p = port(grids.slice(1));
    await expect(runConsolidation(p)).rejects.toBeInstanceOf(ConsolidationError);
    expect(p.planOf("TongHop")).toBeUndefined();
    const rows = p.planOf("KiemTra")!.rows.slice(0, 4).flat().map((c) => String(c?.value ?? ""));
    expect(rows.some((t) => /^Không thể tổng hợp: sheet DanhMuc.*Sheet TongHop được giữ nguyên\.$/.test(t))).toBe(true);
    expect(p.selection()).toEqual({ sheet: "KiemTra", cell: "A1" });
  });
});
