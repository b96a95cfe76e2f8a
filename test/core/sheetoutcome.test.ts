/** The outcome line and the finding links a ribbon command adds to the sheet it writes. */
import { cellLinkFormula, linkFindingCells, withOutcome } from "../../src/core/sheetoutcome";
import type { SheetPlan } from "../../src/core/types";

const header = ["STT", "Mức độ", "Tệp", "Sheet", "Ô"].map((value) => ({ value }));
const plan: SheetPlan = {
  name: "KiemTra",
  rows: [
    [{ value: "KẾT QUẢ" }],
    [{ value: "tóm tắt" }],
    [],
    header,
    [{ value: 1 }, { value: "Lỗi" }, { value: "" }, { value: "Tân Đức's" }, { value: "D16" }],
    [{ value: 2 }, { value: "Lỗi" }, { value: "tcc.xlsx" }, { value: "TCCS02" }, { value: "D9" }],
    [{ value: 3 }, { value: "Lỗi" }, { value: "" }, { value: "Không có" }, { value: "D9" }],
    [{ value: 4 }, { value: "Lỗi" }, { value: "" }, { value: "TCCS03" }, { value: "C5:D9" }],
  ],
};

test("a cell link quotes the sheet name as Excel needs and doubles quotes inside the string", () => {
  expect(cellLinkFormula("Tân Đức's", "D16")).toBe(`=HYPERLINK("#'Tân Đức''s'!D16","D16")`);
  expect(cellLinkFormula('Tổ "A"', "B2")).toBe(`=HYPERLINK("#'Tổ ""A""'!B2","B2")`);
});

test("only findings on a sheet of this workbook, at a single cell, become links", () => {
  const out = linkFindingCells(plan, ["tân đức's", "TCCS02", "TCCS03"].map((s) => (s === "tân đức's" ? "Tân Đức's" : s)));
  const cells = out.rows.slice(4).map((r) => r[4]);
  expect(cells[0]).toEqual({ value: "D16", formula: cellLinkFormula("Tân Đức's", "D16") });
  expect(cells.slice(1).map((c) => c?.formula)).toEqual([undefined, undefined, undefined]);
  expect(plan.rows[4][4]).toEqual({ value: "D16" }); // the input plan is not changed
});

test("the outcome goes into the first empty row among rows 2–4, never over content", () => {
  expect(withOutcome(plan, "Đã xong", "#FFF2CC").rows[2]).toEqual([{ value: "Đã xong", italic: true, fill: "#FFF2CC" }]);
  expect(withOutcome({ name: "X", rows: [[{ value: "a" }], [{ value: "b" }], [{ value: "c" }], [{ value: "d" }]] }, "Đã xong").rows.flat().map((c) => c?.value)).toEqual(["a", "b", "c", "d"]);
});
