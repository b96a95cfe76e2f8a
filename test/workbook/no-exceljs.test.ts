/**
 * `pdv consolidate` writes without ExcelJS (issue 11): the module is never loaded on that path
 * (a quarter of a second and tens of MB). Jest's registry stands in for require.cache: the mock
 * factory below runs the first time anything requires "exceljs".
 */
import * as path from "path";
import { runPdv } from "../helpers/pdv";
import { SAMPLES, useTempDir } from "../helpers/tmp";

const mockExcelJs = { loads: 0 };
jest.mock("exceljs", () => {
  mockExcelJs.loads++;
  return jest.requireActual("exceljs");
});

jest.setTimeout(60_000);
const tmp = useTempDir("pdv-no-exceljs-");

test("pdv consolidate of the sample folder never loads ExcelJS; a workbook PDV makes does", async () => {
  const out = path.join(tmp(), "tong-hop.xlsx");
  const r = await runPdv(["consolidate", path.join(SAMPLES, "phu-binh-2020"), "--out", out, "--json"]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  expect(JSON.parse(r.stdout).totals).toMatchObject({ DV_TONG: 7335, KN_DAKETNAP: 31 });
  expect(mockExcelJs.loads).toBe(0);
  // The check can fail: the blank template is still made with ExcelJS, which is then loaded.
  const t = await runPdv(["template", "--roster", path.join(SAMPLES, "phu-binh-2020.csv"), "--out", path.join(tmp(), "mau.xlsx")]);
  expect(t.code).toBe(0);
  expect(mockExcelJs.loads).toBe(1);
});
