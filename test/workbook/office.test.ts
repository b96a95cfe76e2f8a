/**
 * The Office.js adapter against the strict fake Excel host: few round trips, payloads under the
 * web limit, old sheets intact on failure, deterministic writes, text never turned into formulas.
 */
import { createFakeExcel, type SeedSheet, type FakeGlobals } from "../../src/host/fake-excel";
import { createOfficePort, tempSheetName, type ExcelLike } from "../../src/workbook/office";
import { PortError } from "../../src/workbook/port";
import type { CellValue, PlanCell, SheetPlan } from "../../src/core/types";
import { ITEMS, ROSTER_COLUMNS } from "../../src/core/template";
import { sheetRef } from "../../src/core/a1";

/* ------------------------------------------------------------------ compile-time checks */

// The real Excel namespace (office-js typings) and the fake both fit what the adapter asks for.
const realFits = (e: typeof Excel): ExcelLike => e;
const fakeFits = (e: FakeGlobals["Excel"]): ExcelLike => e;
void realFits;
void fakeFits;

/* ------------------------------------------------------------------ data */

const LIMIT = 5_000_000;

function unitName(i: number): string {
  return `Chi bộ Tân Đức ${String(i + 1).padStart(4, "0")}`;
}

/** A unit sheet like the PDV-01 form: title rows, then STT / label / code / value / note (23 × 5). */
function unitSheet(i: number): SeedSheet {
  const values: CellValue[][] = [
    ["BÁO CÁO CÔNG TÁC PHÁT TRIỂN ĐẢNG VIÊN", null, null, null, null],
    [null, null, null, null, null],
    ["Đơn vị:", unitName(i), null, null, null],
    [null, null, null, null, null],
    ["STT", "Chỉ tiêu", "Mã", "Giá trị", "Ghi chú"],
  ];
  ITEMS.forEach((item, k) => {
    let v: CellValue;
    if (item.code === "MAU") v = "PDV-01 v1";
    else if (item.code === "MA_DV") v = `DV${String(i + 1).padStart(4, "0")}`;
    else if (item.code === "TEN_DV") v = unitName(i);
    else if (item.code === "NGAY_LAP") v = 44012;
    else if (item.code === "NGUOI_LAP") v = "Nguyễn Văn Á";
    else if (item.code === "KN_TYLE") v = 0.75;
    else v = (i * 7 + k * 3) % 40;
    values.push([k + 1, item.label, item.code, v, k === 3 ? "dd/mm/yyyy" : null]);
  });
  if (i === 1) values[10][3] = { error: "#REF!" };
  const formulas = values.map((row, r) => row.map((_, c) => (i === 2 && r === 22 && c === 3 ? "=D11/D14" : null)));
  const fonts: string[][] = values.map((row) => row.map(() => (i === 3 ? ".VnTime" : "Times New Roman")));
  if (i === 4) fonts[6][1] = "VNI-Times"; // one sheet mixes fonts
  return { name: unitName(i), values, formulas, fonts };
}

function danhMuc(n: number): SeedSheet {
  const values: CellValue[][] = [ROSTER_COLUMNS.map((c) => c.code)];
  for (let i = 0; i < n; i++) {
    values.push([`DV${String(i + 1).padStart(4, "0")}`, unitName(i), "Chi bộ cơ sở", "Xã, thị trấn", 4, unitName(i), 3]);
  }
  return { name: "DanhMuc", values };
}

function workbook(n: number, extra: SeedSheet[] = []): FakeGlobals {
  return createFakeExcel({ sheets: [danhMuc(n), ...Array.from({ length: n }, (_, i) => unitSheet(i)), ...extra] });
}

/** A TongHop-like plan: title, header, ~60 unit rows with formulas, totals, formats, chart, state. */
function summaryPlan(units: number, version = "v1"): SheetPlan {
  const header: PlanCell[] = ["STT", "Đơn vị", "Chỉ tiêu", "Đã kết nạp", "Tỷ lệ"].map((t) => ({ value: t, bold: true, fill: "#D9E1F2", align: "center" as const, wrap: true }));
  const rows: (PlanCell | undefined)[][] = [
    [{ value: `TỔNG HỢP KẾT NẠP ĐẢNG VIÊN NĂM 2020 (${version})`, bold: true }],
    [{ value: "Đảng bộ huyện Phú Bình", italic: true }],
    header,
  ];
  for (let i = 0; i < units; i++) {
    const name = unitName(i);
    rows.push([
      { value: i + 1 },
      { value: name },
      { formula: `=${sheetRef(name, "D14")}`, value: 4 },
      { formula: `=${sheetRef(name, "D15")}`, value: 3 },
      { formula: `=IF(C${i + 4}=0,"",D${i + 4}/C${i + 4})`, value: 0.75, numberFormat: "0.00%" },
    ]);
  }
  rows.push([
    undefined,
    { value: "Tổng cộng", bold: true },
    { formula: `=SUM(C4:C${units + 3})`, value: units * 4, bold: true, numberFormat: "#,##0" },
    { formula: `=SUM(D4:D${units + 3})`, value: units * 3, bold: true, numberFormat: "#,##0" },
    undefined,
  ]);
  return {
    name: "TongHop",
    rows,
    columnWidths: [6, 36, 12, 12, 10],
    frozenRows: 3,
    merges: ["A1:E1", "A2:E2"],
    chart: {
      type: "ColumnClustered",
      title: "Kết nạp theo đơn vị",
      categories: `B4:B${units + 3}`,
      series: [
        { name: "Chỉ tiêu", values: `C4:C${units + 3}` },
        { name: "Đã kết nạp", values: `D4:D${units + 3}` },
      ],
      anchor: "G3",
      width: 8,
      height: 15,
    },
    state: { fingerprint: `fp-${version}`, at: "2020-06-30" },
  };
}

async function consolidate(globals: FakeGlobals, plan: SheetPlan, options = {}) {
  const port = createOfficePort(globals.Excel);
  const snap = await port.readWorkbook({ skip: ["TongHop", "KiemTra"], ...options });
  await port.writeSheet(plan);
  return { port, snap };
}

function othersSnapshot(g: FakeGlobals): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of g.host.sheetNames()) if (n !== "TongHop") out[n] = g.host.snapshotSheet(n);
  return out;
}

/* ------------------------------------------------------------------ tests */

describe("round trips", () => {
  test.each([48, 480])("read %i unit sheets + DanhMuc, write a ~60-row summary: at most 3 syncs", async (n) => {
    const g = workbook(n);
    const { snap } = await consolidate(g, summaryPlan(60));
    expect(g.host.stats.syncs).toBeLessThanOrEqual(3);
    expect(g.host.stats.log.every((r) => r.requestBytes < LIMIT && r.responseBytes < LIMIT)).toBe(true);
    expect(snap.sheets).toHaveLength(n + 1);
    expect(snap.sheets[0].name).toBe("DanhMuc");
    expect(snap.state).toEqual({});

    const u0 = snap.sheets[1];
    expect(u0.name).toBe(unitName(0));
    expect(u0.values).toHaveLength(23);
    expect(u0.values[0]).toHaveLength(5);
    expect(u0.values[1]).toEqual([null, null, null, null, null]);
    expect(u0.values[6]).toEqual([2, "Mã đơn vị", "MA_DV", "DV0001", null]);
    expect(u0.formulas).toBeUndefined();
    expect(u0.fonts).toBeUndefined();
    expect(snap.sheets[2].values[10][3]).toEqual({ error: "#REF!" });

    const t = g.host.dump("TongHop");
    expect(t.values[3].slice(0, 2)).toEqual([1, unitName(0)]);
    expect(t.formulas[3][2]).toBe(`='${unitName(0)}'!D14`);
    expect(t.bold[2]).toEqual([true, true, true, true, true]);
    expect(t.fills[2][0]).toBe("#D9E1F2");
    expect(t.numberFormats[3][4]).toBe("0.00%");
    expect(t.merges).toEqual(["A1:E1", "A2:E2"]);
    expect(t.frozenRows).toBe(3);
    expect(t.columnWidths.B).toBeGreaterThan(t.columnWidths.A);
    expect(t.charts[0]).toMatchObject({ type: "ColumnClustered", title: "Kết nạp theo đơn vị", position: { start: "G3", end: "N17" } });
    expect(t.charts[0].series.map((s) => [s.name, s.values, s.xValues])).toEqual([
      ["Chỉ tiêu", "TongHop!C4:C63", "TongHop!B4:B63"],
      ["Đã kết nạp", "TongHop!D4:D63", "TongHop!B4:B63"],
    ]);
    expect(g.host.settings()).toEqual({ "pdv.state.fingerprint": "fp-v1", "pdv.state.at": "2020-06-30" });
    expect(g.host.sheetNames()[n + 1]).toBe("TongHop");
  });

  test("formulas and fonts are read only when asked, and come back right", async () => {
    const g = workbook(5);
    const port = createOfficePort(g.Excel);
    const snap = await port.readWorkbook({ formulas: true, fonts: true });
    // Names, data (with one font name per used range), per-cell fonts of the one mixed sheet.
    expect(g.host.stats.syncs).toBe(3);
    const u2 = snap.sheets.find((s) => s.name === unitName(2))!;
    expect(u2.formulas?.[22][3]).toBe("=D11/D14");
    expect(u2.formulas?.[5][3]).toBeNull();
    expect(snap.sheets.find((s) => s.name === unitName(3))!.fonts?.[6][1]).toBe(".VnTime");
    expect(u2.fonts?.[6][1]).toBe("Times New Roman");
    const u4 = snap.sheets.find((s) => s.name === unitName(4))!;
    expect(u4.fonts?.[6]).toEqual(["Times New Roman", "VNI-Times", "Times New Roman", "Times New Roman", "Times New Roman"]);
    expect(u4.fonts).toHaveLength(23);
    const plain = await createOfficePort(g.Excel).readWorkbook({ skip: [unitName(4)] });
    expect(plain.sheets.every((s) => s.fonts === undefined && s.formulas === undefined)).toBe(true);
  });

  test("4,800 unit sheets: every payload under 5 MB, syncs grow only with payload chunks", async () => {
    const g = workbook(4800);
    await consolidate(g, summaryPlan(60));
    const log = g.host.stats.log;
    expect(log.every((r) => r.requestBytes < LIMIT && r.responseBytes < LIMIT)).toBe(true);
    expect(log.every((r) => !r.error)).toBe(true);
    const reads = log.slice(1, -1);
    const total = reads.reduce((s, r) => s + r.responseBytes + r.requestBytes, 0);
    expect(total).toBeGreaterThan(LIMIT); // one sync could not hold it
    // Chunks are well filled: no more of them than the bytes need at half the 3.5 MB budget.
    expect(reads.length).toBeLessThanOrEqual(Math.ceil(total / 1_750_000));
    expect(log.length).toBe(reads.length + 2);
  });

  test("4,800 sheets with formulas and fonts: still under 5 MB per payload", async () => {
    const g = workbook(4800);
    const port = createOfficePort(g.Excel);
    const snap = await port.readWorkbook({ formulas: true, fonts: true });
    expect(snap.sheets).toHaveLength(4801);
    expect(g.host.stats.log.every((r) => r.requestBytes < LIMIT && r.responseBytes < LIMIT && !r.error)).toBe(true);
  });

  test("a sheet too large for one response is read in row bands", async () => {
    const big: SeedSheet = {
      name: "Lớn",
      values: Array.from({ length: 3000 }, (_, r) => Array.from({ length: 8 }, (_, c) => `ô ${r}-${c} `.padEnd(30, "x"))),
    };
    const g = createFakeExcel({ sheets: [danhMuc(2), unitSheet(0), big, unitSheet(1)], payloadLimit: 300_000 });
    const port = createOfficePort(g.Excel, { payloadBudget: 250_000 });
    const snap = await port.readWorkbook();
    const lon = snap.sheets.find((s) => s.name === "Lớn")!;
    expect(lon.values).toEqual(big.values);
    expect(snap.sheets.map((s) => s.name)).toEqual(["DanhMuc", unitName(0), "Lớn", unitName(1)]);
    expect(g.host.stats.log.filter((r) => !r.error).every((r) => r.responseBytes < 300_000)).toBe(true);
  });

  test("a plan too large for one request is written in bands, still swapped safely", async () => {
    const g = workbook(3, [{ name: "TongHop", values: [["cũ"]] }]);
    const plan: SheetPlan = {
      name: "TongHop",
      rows: Array.from({ length: 2000 }, (_, r) => Array.from({ length: 6 }, (_, c) => ({ value: `dòng ${r} cột ${c} `.padEnd(40, "y"), bold: r === 0 }))),
    };
    g.host.payloadLimit = 400_000;
    const port = createOfficePort(g.Excel, { payloadBudget: 300_000 });
    await port.readWorkbook();
    g.host.resetStats();
    await port.writeSheet(plan);
    expect(g.host.stats.syncs).toBeGreaterThan(1);
    expect(g.host.stats.log.every((r) => r.requestBytes < 400_000 && !r.error)).toBe(true);
    const t = g.host.dump("TongHop");
    expect(t.values[1999][5]).toBe("dòng 1999 cột 5 ".padEnd(40, "y"));
    expect(g.host.sheetNames()).toEqual(["DanhMuc", unitName(0), unitName(1), unitName(2), "TongHop"]);
  });
});

describe("failures leave the workbook whole", () => {
  /** A workbook whose TongHop was written once before (v1), and the reference result of writing v2. */
  async function prepared(): Promise<{ g: FakeGlobals; before: string; others: Record<string, string>; order: string[] }> {
    const g = workbook(48, [{ name: "Ghi chú", values: [["sheet đứng sau"]] }]);
    await consolidate(g, summaryPlan(60, "v1"));
    // Put TongHop in the middle so its position matters.
    await g.Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("TongHop").position = 3;
      await ctx.sync();
    });
    g.host.resetStats();
    return { g, before: g.host.snapshotSheet("TongHop"), others: othersSnapshot(g), order: g.host.sheetNames() };
  }

  let reference: string;
  let buildActions: number;
  let swapActions: number;
  beforeAll(async () => {
    const { g } = await prepared();
    await consolidate(g, summaryPlan(60, "v2"));
    // Read 2, then build the temporary sheet (1) and copy it into the existing TongHop (1).
    expect(g.host.stats.syncs).toBe(4);
    reference = g.host.snapshotSheet("TongHop");
    buildActions = g.host.stats.log[2].actions;
    swapActions = g.host.stats.log[3].actions;
  });

  test.each([1, 2, 3])("a failure at sync %i: other sheets and the previous TongHop unchanged", async (n) => {
    const { g, before, others, order } = await prepared();
    g.host.failSync(n, "GeneralException");
    const err = await consolidate(g, summaryPlan(60, "v2")).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(PortError);
    expect((err as PortError).message).toMatch(/^Không (đọc|ghi) được/);
    expect(othersSnapshot(g)).toEqual(others);
    expect(g.host.snapshotSheet("TongHop")).toBe(before);
    expect(g.host.sheetNames()).toEqual(order);
    expect(g.host.settings()["pdv.state.fingerprint"]).toBe("fp-v1");
  });

  test("a failure after each command of the build batch leaves the old TongHop; of the swap batch, the swap is completed from the temporary sheet", async () => {
    expect(buildActions).toBeGreaterThan(10);
    expect(swapActions).toBeGreaterThan(5);
    for (const [sync, actions] of [[3, buildActions], [4, swapActions]]) {
      for (let k = 0; k <= actions; k++) {
        const { g, before, others, order } = await prepared();
        g.host.failSync(sync, "GeneralException", { afterActions: k });
        const ok = await consolidate(g, summaryPlan(60, "v2")).then(
          () => true,
          (e: unknown) => {
            expect(e).toBeInstanceOf(PortError);
            return false;
          },
        );
        expect(othersSnapshot(g)).toEqual(others);
        expect(g.host.sheetNames()).toEqual(order);
        const now = g.host.snapshotSheet("TongHop");
        if (sync === 3) {
          expect([k, ok, now === before]).toEqual([k, false, true]);
          expect(g.host.settings()["pdv.state.fingerprint"]).toBe("fp-v1");
        } else {
          expect([k, ok, now === reference]).toEqual([k, true, true]);
          expect(g.host.settings()["pdv.state.fingerprint"]).toBe("fp-v2");
        }
      }
    }
  });

  test("a leftover temporary sheet (a crash after the delete) is repaired or removed by the next write", async () => {
    const { g } = await prepared();
    g.host.addSheet({ name: tempSheetName("TongHop"), values: [["nửa chừng"]] });
    const order = g.host.sheetNames().filter((n) => n !== tempSheetName("TongHop"));
    const port = createOfficePort(g.Excel);
    const snap = await port.readWorkbook();
    expect(snap.sheets.some((s) => s.name.startsWith("~"))).toBe(false);
    await port.writeSheet(summaryPlan(60, "v2"));
    expect(g.host.sheetNames()).toEqual(order);
    expect(g.host.stats.syncs).toBe(4);
  });

  test("a sheet list changed behind the port's back: the write still lands", async () => {
    const { g, order } = await prepared();
    const port = createOfficePort(g.Excel);
    await port.readWorkbook();
    g.host.addSheet({ name: "Mới thêm", values: [[1]] });
    await g.Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("TongHop").delete();
      await ctx.sync();
    });
    await port.writeSheet(summaryPlan(60, "v2"));
    expect(g.host.sheetNames()).toEqual([...order.filter((n) => n !== "TongHop"), "Mới thêm", "TongHop"]);
    expect(g.host.dump("TongHop").values[0][0]).toBe("TỔNG HỢP KẾT NẠP ĐẢNG VIÊN NĂM 2020 (v2)");
  });
});

describe("writing", () => {
  test("two identical writes give identical sheets; a write without a read costs one more sync", async () => {
    const g = workbook(4);
    const port = createOfficePort(g.Excel);
    await port.writeSheet(summaryPlan(4));
    expect(g.host.stats.syncs).toBe(2);
    const first = g.host.snapshot();
    // Rewriting an existing sheet: build the temporary sheet, then copy it in (excel-api-facts §8).
    await port.writeSheet(summaryPlan(4));
    expect(g.host.stats.syncs).toBe(4);
    expect(g.host.snapshot()).toBe(first);
  });

  test("formula-looking and number-looking text is written as text, never as a formula", async () => {
    const g = workbook(1);
    const texts = ["=cmd|' /C calc'!A0", "+1", "-x", "@x", "'quoted", "0123", "TRUE", "#N/A", "2020-01-01", "Tân Đức", "-5"];
    const plan: SheetPlan = { name: "TongHop", rows: [texts.map((t) => ({ value: t })), [{ value: -5 }, { value: true }, { formula: "=1+1", value: 2 }]] };
    await createOfficePort(g.Excel).writeSheet(plan);
    const t = g.host.dump("TongHop");
    expect(t.formulas[0]).toEqual(texts.map(() => null));
    expect(t.values[0]).toEqual(texts);
    expect(t.values[1].slice(0, 2)).toEqual([-5, true]);
    expect(t.formulas[1][2]).toBe("=1+1");
    // The port reads them back as the same strings.
    const back = await createOfficePort(g.Excel).readWorkbook();
    expect(back.sheets.find((s) => s.name === "TongHop")!.values[0]).toEqual(texts);
  });

  test("invalid names are refused in Vietnamese before any round trip", async () => {
    const g = workbook(1);
    const port = createOfficePort(g.Excel);
    await expect(port.writeSheet({ name: "a/b", rows: [] })).rejects.toThrow(/ký tự không được phép/);
    await expect(port.writeSheet({ name: "~TongHop_tmp", rows: [] })).rejects.toThrow(/dành riêng cho PDV/);
    expect(g.host.stats.syncs).toBe(0);
  });

  test("addSheets adds all or nothing and refuses a taken name", async () => {
    const g = workbook(2);
    const port = createOfficePort(g.Excel);
    await port.addSheets!([
      { name: "Mẫu trắng", rows: [[{ value: "Mẫu biểu" }, { value: "PDV-01 v1" }]] },
      { name: "Nhập 1", rows: [[{ value: 1 }]] },
    ]);
    expect(g.host.sheetNames().slice(-2)).toEqual(["Mẫu trắng", "Nhập 1"]);
    expect(g.host.dump("Mẫu trắng").values[0]).toEqual(["Mẫu biểu", "PDV-01 v1"]);
    await expect(port.addSheets!([{ name: "Khác", rows: [] }, { name: "danhmuc", rows: [] }])).rejects.toMatchObject({ code: "sheet-exists" });
    g.host.failSync(g.host.stats.syncs + 2, "GeneralException", { afterActions: 8 });
    await expect(port.addSheets!([{ name: "A1x", rows: [[{ value: 1 }]] }, { name: "B1x", rows: [[{ value: 2 }]] }])).rejects.toBeInstanceOf(PortError);
    expect(g.host.sheetNames()).not.toContain("A1x");
    expect(g.host.sheetNames()).not.toContain("B1x");
  });
});

describe("listSheets and selectCell", () => {
  test("listSheets hides PDV's own temporary and state sheets", async () => {
    const g = workbook(1, [{ name: "_pdv_state", values: [["fingerprint", "x"]], visibility: "VeryHidden" }, { name: "Ẩn", visibility: "Hidden" }]);
    const port = createOfficePort(g.Excel);
    expect(await port.listSheets()).toEqual([
      { name: "DanhMuc", visibility: "Visible" },
      { name: unitName(0), visibility: "Visible" },
      { name: "Ẩn", visibility: "Hidden" },
    ]);
    const snap = await port.readWorkbook();
    expect(snap.state).toEqual({ fingerprint: "x" });
    expect(snap.sheets.map((s) => s.name)).toEqual(["DanhMuc", unitName(0), "Ẩn"]);
  });

  test("selectCell activates the sheet and selects the cell in one sync", async () => {
    const g = workbook(2);
    const port = createOfficePort(g.Excel);
    await port.selectCell(unitName(1), "D9");
    expect(g.host.activeSheet).toBe(unitName(1));
    expect(g.host.selection).toEqual({ sheet: unitName(1), address: "D9" });
    expect(g.host.stats.syncs).toBe(1);
    await expect(port.selectCell("Không có", "A1")).rejects.toMatchObject({ code: "no-sheet", message: "Không có sheet 'Không có'." });
    await expect(port.selectCell(unitName(1), "ZZZZ")).rejects.toMatchObject({ code: "bad-cell" });
  });
});
