/**
 * The port's contract, the same cases against the three adapters: memory, the .xlsx file
 * (ExcelJS) and Office.js over the fake Excel. Same results, and the same PortError codes
 * (issue 16: the memory adapter used to raise "ItemAlreadyExists" where the others raised
 * "sheet-exists").
 */
import type { SheetPlan } from "../../src/core/types";
import { planToGrid } from "../../src/core/plan";
import { UserError } from "../../src/core/user-error";
import { PortError } from "../../src/workbook/port";
import type { PortErrorCode, WorkbookPort } from "../../src/workbook/port";
import { createMemoryPort } from "../../src/workbook/memory";
import { createXlsxPort } from "../../src/workbook/xlsx";
import { createFakeExcel } from "../../src/host/fake-excel";
import { createOfficePort } from "../../src/workbook/office";

const BOOK: SheetPlan[] = [
  { name: "DanhMuc", rows: [[{ value: "MA_DV" }, { value: "TEN_DV" }], [{ value: "TCCS01" }, { value: "Xã Tân Đức" }]] },
  { name: "TCCS01", rows: [[{ value: "DV_TONG" }, { value: 338 }]] },
];

const ADAPTERS: [string, () => Promise<WorkbookPort>][] = [
  ["memory", async () => createMemoryPort(BOOK.map(planToGrid))],
  [
    "xlsx",
    async () => {
      const port = createXlsxPort();
      await port.addSheets(BOOK);
      return port;
    },
  ],
  ["office (fake Excel)", async () => createOfficePort(createFakeExcel({ sheets: BOOK.map(planToGrid) }).Excel as never)],
];

async function codeOf(p: Promise<unknown>): Promise<PortErrorCode | string> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(PortError);
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toMatch(/[àáảãạăâđêôơưếềểễệốồổỗộớờởỡợứừửữựíìỉĩị]/i);
    return (err as PortError).code;
  }
  return "no error";
}

const names = async (port: WorkbookPort) => (await port.listSheets()).map((s) => s.name);

describe.each(ADAPTERS)("port contract: %s", (_name, make) => {
  test("reads back what it holds", async () => {
    const port = await make();
    expect(await names(port)).toEqual(["DanhMuc", "TCCS01"]);
    const snap = await port.readWorkbook({});
    expect(snap.sheets.find((s) => s.name === "TCCS01")!.values[0].slice(0, 2)).toEqual(["DV_TONG", 338]);
  });

  test("addSheets never overwrites: an existing name is 'sheet-exists' and nothing is added", async () => {
    const port = await make();
    expect(await codeOf(port.addSheets!([{ name: "Mới", rows: [] }, { name: "tccs01", rows: [[{ value: 1 }]] }]))).toBe("sheet-exists");
    expect(await names(port)).toEqual(["DanhMuc", "TCCS01"]);
  });

  test("two new sheets of one name are 'sheet-exists'", async () => {
    const port = await make();
    expect(await codeOf(port.addSheets!([{ name: "Mới", rows: [] }, { name: "MỚI", rows: [] }]))).toBe("sheet-exists");
    expect(await names(port)).toEqual(["DanhMuc", "TCCS01"]);
  });

  test("an invalid sheet name is 'sheet-name'", async () => {
    const port = await make();
    expect(await codeOf(port.writeSheet({ name: "Kiểm/Tra", rows: [] }))).toBe("sheet-name");
    expect(await codeOf(port.addSheets!([{ name: "x".repeat(32), rows: [] }]))).toBe("sheet-name");
  });

  test("selecting a cell of a missing sheet is 'no-sheet'", async () => {
    const port = await make();
    expect(await codeOf(port.selectCell("Không có", "A1"))).toBe("no-sheet");
    await port.selectCell("TCCS01", "B1");
  });

  test("writeSheet replaces a sheet of the same name in place, and adds a new one last", async () => {
    const port = await make();
    await port.writeSheet({ name: "DanhMuc", rows: [[{ value: "mới" }]] });
    await port.writeSheet({ name: "TongHop", rows: [[{ value: 31 }]] });
    expect(await names(port)).toEqual(["DanhMuc", "TCCS01", "TongHop"]);
    const snap = await port.readWorkbook({});
    expect(snap.sheets.find((s) => s.name === "DanhMuc")!.values[0][0]).toBe("mới");
    expect(snap.sheets.find((s) => s.name === "DanhMuc")!.values.flat().filter((v) => v !== null && v !== "")).toEqual(["mới"]);
    expect(snap.sheets.find((s) => s.name === "TongHop")!.values[0][0]).toBe(31);
  });

  test("state written with a plan is read back", async () => {
    const port = await make();
    await port.writeSheet({ name: "TongHop", rows: [[{ value: 1 }]], state: { "pdv.tongHop.time": "14:05 ngày 06/09/2020" } });
    expect((await port.readWorkbook({})).state?.["pdv.tongHop.time"]).toBe("14:05 ngày 06/09/2020");
  });
});
