/**
 * A sheet written into a workbook openpyxl saved: openpyxl declares the relationships prefix on
 * each <sheet> of workbook.xml rather than on <workbook>, so the new <sheet> must declare it
 * itself (else workbook.xml is not namespace-well-formed and Excel repairs the file). Checked by
 * opening the result with openpyxl, which refused it before.
 */
import { execFileSync } from "child_process";
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { PYTHON } from "../helpers/openpyxl";
import { openPackagePort } from "../../src/workbook/xlsx";

jest.setTimeout(60_000);

const SAMPLE = path.join(__dirname, "..", "..", "samples", "phu-binh-2020.xlsx");

test("a sheet added to an openpyxl-saved workbook opens in openpyxl with the others", async () => {
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), "pdv-splice-"));
  try {
    const input = path.join(tmp, "so.xlsx");
    const out = path.join(tmp, "ra.xlsx");
    await fs.copyFile(SAMPLE, input);
    execFileSync(PYTHON, ["-c", "import sys, openpyxl; wb = openpyxl.load_workbook(sys.argv[1]); wb.save(sys.argv[1])", input]);
    const port = await openPackagePort(input);
    await port.writeSheet({ name: "Moi", rows: [[{ value: "xin chào" }]] });
    await port.save(out);
    const listed = execFileSync(PYTHON, ["-c", "import sys, openpyxl; wb = openpyxl.load_workbook(sys.argv[1]); print(wb.sheetnames[0], wb.sheetnames[-1], wb['Moi']['A1'].value)", out], {
      encoding: "utf8",
    });
    expect(listed.trim()).toBe("DanhMuc Moi xin chào");
  } finally {
    await fs.rm(tmp, { recursive: true, force: true });
  }
});
