/**
 * Child process of the CLI benchmark, the baseline: open every .xlsx file of a folder with the same
 * reader the `pdv` command uses (ExcelJS, Workbook.xlsx.load of the file's bytes), in the same
 * order, one after the other, keeping nothing. Prints the number of files and worksheets opened.
 */
import { promises as fs } from "fs";
import * as path from "path";
import * as ExcelJS from "exceljs";

async function main(): Promise<void> {
  const dir = process.argv[2];
  const names = (await fs.readdir(dir)).filter((n) => n.toLowerCase().endsWith(".xlsx")).sort((a, b) => a.localeCompare(b, "vi", { numeric: true }));
  let sheets = 0;
  for (const name of names) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await fs.readFile(path.join(dir, name))) as unknown as ExcelJS.Buffer);
    sheets += wb.worksheets.length;
  }
  process.stdout.write(`${JSON.stringify({ files: names.length, sheets })}\n`);
}

main().catch((e) => {
  process.stderr.write(`${String(e)}\n`);
  process.exitCode = 2;
});
