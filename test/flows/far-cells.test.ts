/**
 * Kiểm tra and Tổng hợp in Excel (the flows over the Office.js adapter on the strict fake) on the
 * sample district where a unit's sheet holds a stray value far away: one S10 warning naming the
 * cell, the unit's figures still counted, the district's figures unchanged, a few syncs.
 */
import { runValidation } from "../../src/flows/check";
import { runConsolidation } from "../../src/flows/consolidate";
import { createFakeExcel } from "../../src/host/fake-excel";
import { createOfficePort } from "../../src/workbook/office";
import { sampleGrids } from "../helpers/sample";

jest.setTimeout(60_000);

function district() {
  const fake = createFakeExcel({ sheets: sampleGrids() });
  fake.host.setCell("TCCS05", "XFD1048576", "x");
  fake.host.setCell("TCCS05", "AB1048000", 12);
  return fake;
}

describe("a unit's sheet with values far away, in Excel", () => {
  test("Kiểm tra: one S10 warning for TCCS05 naming the far cells, nothing else; 48/48 received", async () => {
    const fake = district();
    fake.host.resetStats();
    const v = await runValidation(createOfficePort(fake.Excel));
    const s10 = v.analysis.findings.filter((f) => f.rule === "S10");
    expect(s10).toHaveLength(1);
    expect(s10[0]).toMatchObject({ severity: "warning", sheet: "TCCS05", cell: "AB1048000" });
    expect(s10[0].message).toContain('có 2 ô AB1048000 (12), XFD1048576 ("x") nằm quá xa vùng số liệu');
    expect(v.analysis.findings.filter((f) => f.rule !== "S10")).toEqual([]);
    expect(v.message).toContain("Đã nhận 48/48 báo cáo");
    // Read (list, refused chunk, sizes, far sheet: size, areas, values; the rest) and write.
    expect(fake.host.stats.syncs).toBeLessThanOrEqual(10);
  });

  test("Tổng hợp: the unit counts, the district's figures are the sample's (31 admitted of 253)", async () => {
    const fake = district();
    const r = await runConsolidation(createOfficePort(fake.Excel));
    expect(r.summary.included).toHaveLength(48);
    expect(r.summary.ratio).toBe(31 / 253);
    const t = r.summary.total.values;
    expect([t.DV_TONG, t.QC_BOIDUONG, t.HS_DENGHI, t.KN_DAKETNAP]).toEqual([7335, 282, 36, 31]);
    expect(r.summary.rows.find((x) => x.code === "TCCS05")).toMatchObject({ included: true });
    expect(fake.host.sheetNames()).toContain("TongHop");
  });
});
