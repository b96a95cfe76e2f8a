/**
 * The upward export in the statistical form's layout: values only, the same numbers as TongHop's
 * total row, written as a real .xlsx through the file adapter and read back with openpyxl.
 */
import { execFileSync } from "child_process";
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { analyzeWorkbook } from "../../src/core/analyze";
import { consolidate } from "../../src/core/consolidate";
import { summaryPlan, totalRowNumber, summaryColumns } from "../../src/core/layout";
import { UPWARD_FIRST_LINE_ROW, UPWARD_HEADER_ROW, UPWARD_LINES, upwardPlan } from "../../src/core/upward";
import { createXlsxPort } from "../../src/workbook/xlsx";
import { PYTHON } from "../helpers/openpyxl";
import { sampleGrids } from "../helpers/sample";

const summary = consolidate(analyzeWorkbook({ sheets: sampleGrids() }));
const board = { committee: "Đảng bộ huyện Phú Bình", body: "Ban Tổ chức Huyện ủy Phú Bình" };

function lineValue(plan: ReturnType<typeof upwardPlan>, label: string, column = 2): unknown {
  const i = UPWARD_LINES.findIndex((l) => l.label === label);
  return plan.rows[UPWARD_FIRST_LINE_ROW - 1 + i][column]?.value;
}

describe("upwardPlan", () => {
  it("has the form's layout: issuing body, Biểu số, Đvt, two-row header, column numbers, signatures", () => {
    const plan = upwardPlan(summary, board, { formNumber: "Biểu số 02" });
    const cells = plan.rows.flat().map((c) => c?.value);
    expect(plan.rows[0][0]?.value).toBe("ĐẢNG BỘ HUYỆN PHÚ BÌNH");
    expect(plan.rows[1][0]?.value).toBe("BAN TỔ CHỨC HUYỆN ỦY PHÚ BÌNH");
    expect(plan.rows[0][3]?.value).toBe("Biểu số 02");
    expect(cells).toContain("Đvt: Người");
    expect(plan.rows[UPWARD_HEADER_ROW - 1].map((c) => c?.value)).toEqual(["STT", "Tiêu chí", "Số lượng", "", "% so với cùng kỳ"]);
    expect(plan.rows[UPWARD_HEADER_ROW].map((c) => c?.value)).toEqual(["", "", "Kỳ này", "Cùng kỳ năm trước", ""]);
    expect(plan.rows[UPWARD_HEADER_ROW + 1].map((c) => c?.value)).toEqual(["A", "1", "2", "3", "4=(2/3)×100"]);
    expect(cells).toContain("NGƯỜI LẬP BIỂU");
    expect(cells).toContain("TRƯỞNG BAN");
    // Row labels without codes; no formulas, links or notes.
    expect(UPWARD_LINES.every((l) => !/[A-Z]{2,}_[A-Z]/.test(l.label))).toBe(true);
    expect(plan.rows.flat().some((c) => c?.formula || c?.note)).toBe(false);
    expect(plan.print).toMatchObject({ paper: "A4", orientation: "portrait", fitWidth: 1 });
  });

  it("shows the same numbers as TongHop's total row", () => {
    const plan = upwardPlan(summary, board);
    const tong = summaryPlan(summary);
    const totalRow = tong.rows[totalRowNumber(summary) - 1];
    const cols = summaryColumns(summary.hasPrev);
    const inTongHop = (key: string) => totalRow[cols.findIndex((c) => c.key === key)]?.value;
    expect(lineValue(plan, "Tổng số đảng viên")).toBe(inTongHop("DV_TONG"));
    expect(lineValue(plan, "Quần chúng đã học lớp bồi dưỡng nhận thức về Đảng")).toBe(inTongHop("QC_BOIDUONG"));
    expect(lineValue(plan, "Số đảng viên đã kết nạp")).toBe(inTongHop("KN_DAKETNAP"));
    expect(lineValue(plan, "Chỉ tiêu kết nạp năm được giao")).toBe(inTongHop("KN_CHITIEU"));
    expect(lineValue(plan, "Tỷ lệ đạt so với chỉ tiêu được giao (%)")).toBe(inTongHop("TYLE"));
    expect([lineValue(plan, "Tổng số đảng viên"), lineValue(plan, "Số đảng viên đã kết nạp")]).toEqual([7335, 31]);
    expect(lineValue(plan, "Số đơn vị đã báo cáo, được tổng hợp")).toBe(48);
  });

  it("fills Cùng kỳ năm trước and % when the roster has KN_CUNGKY", () => {
    const withPrev = { ...summary, hasPrev: true, total: { ...summary.total, prevAdmitted: 25 } };
    const plan = upwardPlan(withPrev, board);
    expect(lineValue(plan, "Số đảng viên đã kết nạp", 3)).toBe(25);
    expect(lineValue(plan, "Số đảng viên đã kết nạp", 4)).toBeCloseTo(31 / 25, 12);
    expect(lineValue(upwardPlan(summary, board), "Số đảng viên đã kết nạp", 3)).toBeNull();
  });

  it("writes as a real .xlsx that openpyxl reads back as values", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "pdv-upward-"));
    try {
      const file = path.join(dir, "gui-len.xlsx");
      const port = createXlsxPort();
      await port.addSheets([upwardPlan(summary, board)]);
      await port.save(file);
      const script = "import sys, json, openpyxl\nws = openpyxl.load_workbook(sys.argv[1])['TongHop_GuiTinh']\nprint(json.dumps([[c for c in r] for r in ws.iter_rows(values_only=True)], ensure_ascii=False, default=str))";
      const rows = JSON.parse(execFileSync(PYTHON, ["-c", script, file]).toString("utf8")) as unknown[][];
      const flat = rows.flat();
      expect(flat.some((v) => typeof v === "string" && v.startsWith("="))).toBe(false);
      const members = rows.find((r) => r[1] === "Tổng số đảng viên")!;
      expect(members[2]).toBe(7335);
      expect(rows.find((r) => r[1] === "Số đảng viên đã kết nạp")![2]).toBe(31);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
