/** compareValidations: fixed, remaining, new findings and changed figures between two sendings. */
import { analyzeWorkbook } from "../../src/core/analyze";
import { compareValidations } from "../../src/core/resubmission";
import { sampleGrids } from "../helpers/sample";
import { findSheet, setItem } from "../helpers/grids";

describe("compareValidations", () => {
  it("sorts findings into fixed, remaining and new, and lists changed figures", () => {
    const first = sampleGrids();
    setItem(findSheet(first, "TCCS05"), "KN_DAKETNAP", "ba");
    setItem(findSheet(first, "TCCS07"), "DV_TONG", "nhiều");
    const second = sampleGrids();
    setItem(findSheet(second, "TCCS05"), "KN_DAKETNAP", 1); // fixed
    setItem(findSheet(second, "TCCS07"), "DV_TONG", "rất nhiều"); // still text: remains, though the message differs
    setItem(findSheet(second, "TCCS12"), "QC_BOIDUONG", -1); // new
    const before = analyzeWorkbook({ sheets: first });
    const after = analyzeWorkbook({ sheets: second });
    const d = compareValidations(before, after);
    expect(d.fixed.map((f) => [f.unit, f.rule, f.cell])).toEqual([["TCCS05", "V02", "D16"]]);
    expect(d.remaining.map((f) => [f.unit, f.rule, f.cell])).toEqual([["TCCS07", "V02", "D11"]]);
    expect(d.remaining[0].message).toContain("rất nhiều");
    expect(d.added.map((f) => [f.unit, f.rule, f.cell])).toEqual([["TCCS12", "V03", "D13"]]);
    expect(d.figures.map((f) => [f.unit, f.code, f.before, f.after])).toEqual([
      ["TCCS05", "KN_DAKETNAP", null, 1],
      ["TCCS07", "DV_TONG", null, null],
      ["TCCS12", "QC_BOIDUONG", 12, null],
    ]);
    // What the cells showed, not "(trống)" for a text that was there.
    expect(d.figures.map((f) => [f.beforeText, f.afterText])).toEqual([
      ["“ba”", "1"],
      ["“nhiều”", "“rất nhiều”"],
      ["12", "“-1”"],
    ]);
    // TCCS05 joins the summary (its figures count now), TCCS12 leaves it (blocked by its error).
    const members = d.totals.find((t) => t.code === "DV_TONG")!;
    expect(members.after - members.before).toBe(343 - 279);
    expect(d.totals.find((t) => t.code === "KN_DAKETNAP")).toBeUndefined(); // 1 in, 1 out

  });

  it("sees a unit that sends its report late, and nothing changed between identical inputs", () => {
    const first = sampleGrids().filter((s) => s.name !== "TCCS09");
    const d = compareValidations(analyzeWorkbook({ sheets: first }), analyzeWorkbook({ sheets: sampleGrids() }));
    expect(d.nowReceived).toEqual(["TCCS09"]);
    expect(d.fixed.map((f) => [f.unit, f.rule])).toEqual([["TCCS09", "S03"]]);
    const same = compareValidations(analyzeWorkbook({ sheets: sampleGrids() }), analyzeWorkbook({ sheets: sampleGrids() }));
    expect(same).toEqual({ fixed: [], remaining: [], added: [], figures: [], totals: [], nowReceived: [], noLongerReceived: [] });
  });
});
