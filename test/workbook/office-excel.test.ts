/**
 * The Office.js adapter survives what real Excel does and the first fake did not model
 * (shared/notes/excel-api-facts.md §8): the user editing a cell, `values` null past the cell limit,
 * macro and chart sheets, links into a rewritten sheet, the order of the last batch, formulas
 * written under suspended calculation.
 */
import { createFakeExcel, type FakeGlobals, type SeedSheet } from "../../src/host/fake-excel";
import { EXCEL_TOO_OLD, createOfficePort } from "../../src/workbook/office";
import { PortError } from "../../src/workbook/port";
import type { CellValue, SheetPlan } from "../../src/core/types";

const UNIT: SeedSheet = { name: "TCCS01", values: [["MA_DV", "DV01"], ["KN_DAKETNAP", 31], ["KN_CHITIEU", 253]] };

/** A small TongHop plan: a link to the unit, a formula on its own cells, state, activation. */
function plan(version: string, activate = true): SheetPlan {
  return {
    name: "TongHop",
    rows: [
      [{ value: `TỔNG HỢP (${version})`, bold: true }],
      [{ value: "Đã kết nạp" }, { formula: "=TCCS01!B2", value: 31 }],
      [{ value: "Chỉ tiêu" }, { formula: "=TCCS01!B3", value: 253 }],
      [{ value: "Tỷ lệ" }, { formula: "=B2/B3", value: 31 / 253, numberFormat: "0.00%" }],
    ],
    columnWidths: [20, 12],
    frozenRows: 1,
    merges: ["A1:B1"],
    chart: { type: "ColumnClustered", title: "Kết nạp", categories: "A2:A3", series: [{ name: "Số", values: "B2:B3" }], anchor: "D2", width: 5, height: 8 },
    state: { fingerprint: `fp-${version}` },
    activate,
  };
}

/** Formulas of the plans above, calculated from the fake's cells (the fake has no engine of its own). */
function evaluator(getHost: () => FakeGlobals["host"]) {
  return (formula: string, where: { sheet: string }): CellValue => {
    const book = getHost().book;
    const cell = (sheet: string, a1: string) => {
      const s = book.sheets.find((x) => x.name === sheet);
      const m = /^([A-Z])(\d+)$/.exec(a1)!;
      const c = s?.cells.get((Number(m[2]) - 1) * 16384 + (m[1].charCodeAt(0) - 65));
      return s ? ((c?.v as number | undefined) ?? 0) : null;
    };
    const ref = /^=(?:([^!]+)!)?([A-Z]\d+)$/.exec(formula);
    if (ref) {
      const v = cell(ref[1] ?? where.sheet, ref[2]);
      return v === null ? { error: "#REF!" } : v;
    }
    const div = /^=([A-Z]\d+)\/([A-Z]\d+)$/.exec(formula);
    if (div) return (cell(where.sheet, div[1]) as number) / (cell(where.sheet, div[2]) as number);
    return { error: "#NAME?" };
  };
}

function book(extra: SeedSheet[] = [], options: Parameters<typeof createFakeExcel>[0] = {}): FakeGlobals {
  const g: FakeGlobals = createFakeExcel({ sheets: [UNIT, ...extra], evaluate: (f, w) => evaluator(() => g.host)(f, w), ...options });
  return g;
}

describe("the user is editing a cell", () => {
  test("reading and writing wait until the edit ends instead of failing", async () => {
    const g = book();
    const port = createOfficePort(g.Excel);
    g.host.beginCellEdit();
    let read = false;
    const reading = port.readWorkbook().then((s) => {
      read = true;
      return s;
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(read).toBe(false);
    g.host.endCellEdit();
    expect((await reading).sheets.map((s) => s.name)).toEqual(["TCCS01"]);

    g.host.beginCellEdit();
    const writing = port.writeSheet(plan("v1"));
    await new Promise((r) => setTimeout(r, 20));
    expect(g.host.sheetNames()).toEqual(["TCCS01"]);
    g.host.endCellEdit();
    await writing;
    expect(g.host.sheetNames()).toEqual(["TCCS01", "TongHop"]);
  });
});

describe("reads Excel declines", () => {
  test("values null past the cell limit: the sheet is read in bands, as for RangeExceedsLimit", async () => {
    const big: SeedSheet = { name: "Lớn", values: Array.from({ length: 40 }, (_, r) => [r, `dòng ${r}`, r * 2]) };
    const g = book([big], { readCellLimit: 50, overLimitRead: "null" });
    const snap = await createOfficePort(g.Excel).readWorkbook();
    expect(snap.sheets.find((s) => s.name === "Lớn")!.values).toEqual(big.values);
    expect(snap.sheets.find((s) => s.name === "TCCS01")!.values).toEqual(UNIT.values);
  });

  test("a macro sheet and a chart sheet are skipped, the other sheets are read", async () => {
    const g = book([
      { name: "Macro1", kind: "MacroSheet" },
      { name: "TCCS02", values: [["MA_DV", "DV02"]] },
      { name: "Biểu đồ", kind: "ChartSheet" },
    ]);
    const snap = await createOfficePort(g.Excel).readWorkbook();
    expect(snap.sheets.map((s) => s.name)).toEqual(["TCCS01", "TCCS02"]);
  });
});

describe("rewriting TongHop", () => {
  const NOTES: SeedSheet = { name: "Ghi chú", values: [[31, 0.1225]], formulas: [["=TongHop!B2", "='TongHop'!B4"]] };

  test("the user's formulas pointing into TongHop keep working (no #REF!) and the sheet keeps its place", async () => {
    const g = book();
    const port = createOfficePort(g.Excel);
    await port.writeSheet(plan("v1"));
    g.host.addSheet(NOTES);
    await createOfficePort(g.Excel).writeSheet(plan("v2"));
    await createOfficePort(g.Excel).writeSheet(plan("v3"));
    const notes = g.host.dump("Ghi chú");
    expect(notes.formulas[0]).toEqual(["=TongHop!B2", "='TongHop'!B4"]);
    expect(notes.values[0]).toEqual([31, 0.1225]); // not "#REF!" (the fake recalculates no dependents)
    const t = g.host.dump("TongHop");
    expect(t.values[0][0]).toBe("TỔNG HỢP (v3)");
    expect(t.merges).toEqual(["A1:B1"]);
    expect(t.charts).toHaveLength(1);
    expect(t.frozenRows).toBe(1);
    expect(g.host.sheetNames()).toEqual(["TCCS01", "TongHop", "Ghi chú"]);
    expect(g.host.settings()["pdv.state.fingerprint"]).toBe("fp-v3");
  });

  test("formulas written show current values when the write ends (calculated in the last batch)", async () => {
    const g = book();
    await createOfficePort(g.Excel).writeSheet(plan("v1"));
    expect(g.host.dump("TongHop").values.slice(1).map((r) => r[1])).toEqual([31, 253, 31 / 253]);
    await createOfficePort(g.Excel).writeSheet(plan("v2"));
    expect(g.host.dump("TongHop").values.slice(1).map((r) => r[1])).toEqual([31, 253, 31 / 253]);
  });
});

describe("the last batch's order", () => {
  /** Round trips of a write, and the number of commands of its last batch. */
  async function lastBatch(prepare: (g: FakeGlobals) => Promise<void>): Promise<{ syncs: number; actions: number }> {
    const g = book();
    await prepare(g);
    g.host.resetStats();
    await createOfficePort(g.Excel).writeSheet(plan("v2"));
    const log = g.host.stats.log;
    return { syncs: log.length, actions: log[log.length - 1].actions };
  }

  test.each([
    ["a new TongHop", async () => {}],
    ["an existing TongHop", async (g: FakeGlobals) => createOfficePort(g.Excel).writeSheet(plan("v1"))],
  ] as [string, (g: FakeGlobals) => Promise<void>][])(
    "%s: a failed activate/select is not a failed write; the content and the state are stored",
    async (_what, prepare) => {
      const { syncs, actions } = await lastBatch(prepare);
      // The batch ends with activate, the A1 range, select: make activate fail.
      const g = book();
      await prepare(g);
      g.host.resetStats();
      g.host.failSync(syncs, "InvalidOperation", { afterActions: actions - 3 });
      await expect(createOfficePort(g.Excel).writeSheet(plan("v2"))).resolves.toBeUndefined();
      expect(g.host.stats.log[syncs - 1].error).toBe("InvalidOperation");
      expect(g.host.dump("TongHop").values[0][0]).toBe("TỔNG HỢP (v2)");
      expect(g.host.settings()["pdv.state.fingerprint"]).toBe("fp-v2");
      expect(g.host.sheetNames()).toEqual(["TCCS01", "TongHop"]);
    },
  );
});

describe("an Excel too old for an API", () => {
  test("the failure says so in Vietnamese (ApiNotFound), for the pane and the ribbon alike", async () => {
    const g = book([], { apiVersion: "1.8" });
    const err = await createOfficePort(g.Excel).writeSheet(plan("v1")).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PortError);
    expect((err as PortError).message).toContain("mã lỗi ApiNotFound");
    expect((err as PortError).message).toContain(EXCEL_TOO_OLD);
    expect(EXCEL_TOO_OLD).toMatch(/^Excel quá cũ/);
    expect(g.host.sheetNames()).toEqual(["TCCS01"]);
  });
});
