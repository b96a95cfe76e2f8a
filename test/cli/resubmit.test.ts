/**
 * `pdv validate <new> --truoc <old>` on real files (edited by openpyxl): TCCS05's "ba" fixed to 3,
 * TCCS07's negative member count new; the changed figure is listed; exit status of the new input.
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { runPdv } from "../helpers/cli-run";
import { setCells } from "../helpers/openpyxl";

jest.setTimeout(120_000);

const SAMPLE = path.join(__dirname, "..", "..", "samples", "phu-binh-2020");
let tmp: string;
let old: string;
let fresh: string;

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "pdv-resubmit-"));
  old = path.join(tmp, "lan-1");
  fresh = path.join(tmp, "lan-2");
  await fs.cp(SAMPLE, old, { recursive: true });
  await fs.cp(SAMPLE, fresh, { recursive: true });
  setCells(path.join(old, "TCCS05.xlsx"), [["TCCS05", "D16", "ba"]]);
  setCells(path.join(fresh, "TCCS05.xlsx"), [["TCCS05", "D16", 1]]);
  setCells(path.join(fresh, "TCCS07.xlsx"), [["TCCS07", "D11", -2]]);
});
afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

describe("pdv validate --truoc", () => {
  it("says what was fixed, what is new and which figures changed", async () => {
    const r = await runPdv(["validate", fresh, "--truoc", old]);
    expect(r.code).toBe(1); // TCCS07 now has an error
    // Fixed: D16 "ba", and D23 (KN_TYLE = D16/D15), which showed #VALUE! while D16 held text.
    expect(r.stdout).toContain("Đã sửa: 2; còn lại: 0; mới phát sinh: 1; số liệu thay đổi: 2.");
    expect(r.stdout).toMatch(/Đã sửa:\n- \[LỖI\] V02 TCCS05 .*ô D16/);
    expect(r.stdout).toMatch(/Mới phát sinh:\n- \[LỖI\] V03 TCCS07 .*ô D11/);
    // What the cell showed before: the text typed (“ba”), not "(trống)" as if it were blank.
    expect(r.stdout).toMatch(/TCCS05\s+Xã Đào Xá\s+D16\s+Số đảng viên đã kết nạp\s+“ba”\s+1\n/);
    expect(r.stdout).toMatch(/TCCS07\s+Xã Hà Châu\s+D11\s+Tổng số đảng viên\s+250\s+“-2”\n/);
    // TCCS05 now counts, TCCS07 no longer does: the district's member total moves by their difference.
    expect(r.stdout).toMatch(/Tổng số của các đơn vị được tổng hợp thay đổi:\n- Tổng số đảng viên: [\d.]+ → [\d.]+/);
  });

  it("gives the same as JSON, and exit 0 once everything is fixed", async () => {
    const r = await runPdv(["validate", fresh, "--truoc", old, "--json"]);
    const json = JSON.parse(r.stdout);
    expect(json.fixed).toHaveLength(2);
    expect(json.new[0]).toMatchObject({ rule: "V03", unit: "TCCS07", cell: "D11" });
    expect(json.figures).toContainEqual(expect.objectContaining({ unit: "TCCS07", code: "DV_TONG", after: null }));
    const clean = await runPdv(["validate", SAMPLE, "--truoc", old]);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain("Đã sửa: 2; còn lại: 0; mới phát sinh: 0");
  });
});
