/** A consolidation refused for DanhMuc names the cell and what to type there (not only "xem các lỗi S01/S02"). */
import { analyzeWorkbook } from "../../src/core/analyze";
import { consolidate, ConsolidationError } from "../../src/core/consolidate";
import { sampleGrids } from "../helpers/sample";
import { findSheet } from "../helpers/grids";

function refusal(code: string, value: string | number | null): { message: string; cell: string } {
  const sheets = sampleGrids();
  const dm = findSheet(sheets, "DanhMuc");
  const row = dm.values.findIndex((r) => r[0] === code);
  expect(row).toBeGreaterThanOrEqual(0);
  dm.values[row][2] = value;
  const a = analyzeWorkbook({ sheets });
  try {
    consolidate(a);
  } catch (e) {
    expect(e).toBeInstanceOf(ConsolidationError);
    return { message: (e as Error).message, cell: `C${row + 1}` };
  }
  throw new Error("consolidate did not refuse");
}

describe("the refusal for DanhMuc names sheet, cell and what to type", () => {
  test("blank CHITIEU_DB", () => {
    const { message, cell } = refusal("CHITIEU_DB", null);
    expect(message).toContain(`DanhMuc!${cell}`);
    expect(message).toContain("CHITIEU_DB");
    expect(message).toContain("đang để trống");
    expect(message).toContain("gõ 0 nếu cấp trên không giao");
    expect(message).not.toContain("xem các lỗi S01/S02");
  });

  test("a date parameter that is no date says the form to type", () => {
    const { message, cell } = refusal("HAN_NOP", "sắp tới");
    expect(message).toContain(`DanhMuc!${cell}`);
    expect(message).toContain("dd/mm/yyyy");
  });
});
