/**
 * No data loss in the core: reading, validating, consolidating and planning never change the
 * input grids, and running twice gives identical results.
 */
import { analyzeWorkbook } from "../../src/core/analyze";
import { consolidate } from "../../src/core/consolidate";
import { checkPlan, exportPlan, summaryPlan } from "../../src/core/layout";
import { exportUpPlan } from "../../src/core/export-up";
import type { WorkbookInput } from "../../src/core/types";
import { sampleGrids } from "../helpers/sample";
import { CORPUS } from "../fixtures/corpus";

function deepFreeze<T>(o: T): T {
  if (o && typeof o === "object" && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o as object)) deepFreeze(v);
  }
  return o;
}

function run(input: WorkbookInput) {
  const analysis = analyzeWorkbook(input);
  const summary = analysis.roster ? consolidate(analysis) : null;
  const plans = summary ? [summaryPlan(summary, { links: true, time: "08:00 06/09/2020" }), summaryPlan(summary)] : [];
  if (plans[0]) plans.push(exportPlan(plans[0], "TongHop_gui"));
  if (summary) plans.push(exportUpPlan(summary, 44081)); // the report to the level above, dated 07/09/2020
  plans.push(checkPlan(analysis));
  return { analysis, summary, plans };
}

const inputs: [string, () => WorkbookInput][] = [
  ["the sample district", () => ({ sheets: sampleGrids(), state: { "pdv.tongHop.fingerprint": "old" } })],
  ...CORPUS.filter((_, i) => i % 4 === 0).map((c) => [c.id, c.build] as [string, () => WorkbookInput]),
];

describe("no data loss, idempotent", () => {
  test.each(inputs)("%s: the input is not mutated and a rerun gives the same plans", (_name, make) => {
    const input = make();
    const before = JSON.stringify(input);
    deepFreeze(input);
    // Frozen input: any write in the core throws (modules run in strict mode).
    const first = run(input);
    expect(JSON.stringify(input)).toBe(before);
    const second = run(input);
    expect(second.analysis).toEqual(first.analysis);
    expect(second.summary).toEqual(first.summary);
    expect(second.plans).toEqual(first.plans);
    // The same input rebuilt from scratch gives the same plans as well (nothing hidden in module state).
    const third = run(make());
    expect(third.plans).toEqual(first.plans);
  }, 15_000);

  test("a frozen grid would really throw on a write (the test can fail)", () => {
    const input = deepFreeze({ sheets: sampleGrids() });
    expect(() => {
      (input.sheets[1].values[5] as unknown[])[3] = 1;
    }).toThrow(TypeError);
  });
});
