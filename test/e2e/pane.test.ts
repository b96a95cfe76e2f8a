/**
 * The task pane as the Board's staff use it, in headless chromium on the browser preview (the
 * production bundles): a pane of 160 CSS px (320 px at 200 % zoom, the page is drawn at device
 * scale 2) and of 350 px, a province-sized workbook of 400 units (?units=400), keyboard only,
 * and cancelling the import of 400 files. Screenshots: test-results/screenshots/pane-*.png.
 */
import { readFileSync } from "fs";
import { join } from "path";
import type { FileChooser, Page } from "playwright-core";
import { parseRosterCsv } from "../../src/core/csv";
import { DEFAULT_PARAMS, reportedValues, unitSheetPlan } from "../../src/core/blank";
import type { RosterRow } from "../../src/core/blank";
import { createXlsxPort } from "../../src/workbook/xlsx";
import { ROOT, SHOTS, axeViolations, usePreviewSession } from "../helpers/previewSession";
import type { PreviewSession } from "../helpers/previewSession";

const SAMPLE_CSV = join(ROOT, "samples", "phu-binh-2020.csv");
/** Every action on 400 units must answer within this (the issue's bound), in the preview. */
const ACTION_MS = 2500;

const current = usePreviewSession({ width: 1000, height: 760 }, 2);
let session: PreviewSession;
let page: Page;

beforeAll(() => {
  session = current();
  page = session.page;
});

const pane = () => page.locator("#container");
const panel = (view: string) => page.locator(`#pdv-panel-${view}`);

/** Open the preview with `query`, the task pane `width` CSS px wide; waits for the pane's first read. */
async function open(query: string, width: number): Promise<void> {
  await page.goto(`${session.base}/preview.html${query}`);
  await page.evaluate((w) => {
    (document.querySelector(".pv-main") as HTMLElement).style.gridTemplateColumns = `minmax(0, 1fr) ${w}px`;
  }, width);
  await pane().getByRole("heading", { name: "Báo cáo phát triển đảng viên" }).waitFor();
}

async function showView(label: string): Promise<void> {
  await pane().getByRole("tab", { name: label, exact: true }).click();
}

async function sheetNames(): Promise<string[]> {
  return page.locator("#pv-tabs [role=tab]").allTextContents();
}

/** Id (or text) of the focused element. */
async function focused(): Promise<{ id: string; text: string; role: string | null }> {
  return page.evaluate(() => {
    const e = document.activeElement as HTMLElement | null;
    // Only the task pane's elements count (the preview's sheet tabs are tabs too).
    if (!e || !document.getElementById("container")!.contains(e)) return { id: "", text: "", role: null };
    return { id: e.id, text: (e.textContent ?? "").trim(), role: e.getAttribute("role") };
  });
}

/**
 * Elements of the pane whose content spills out of their box: status badges whose label leaves
 * them, and anything wider than the pane (a horizontal scrollbar). Lines naming each.
 */
async function overflows(): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const root = document.getElementById("container")!;
    const paneBox = root.getBoundingClientRect();
    for (const badge of root.querySelectorAll<HTMLElement>(".fui-Badge")) {
      if (badge.offsetParent === null) continue; // hidden tab
      const box = badge.getBoundingClientRect();
      const range = document.createRange();
      range.selectNodeContents(badge);
      for (const r of range.getClientRects()) {
        if (r.width === 0) continue;
        if (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5) {
          out.push(`badge "${badge.textContent}" spills out of its box`);
          break;
        }
      }
    }
    for (const e of root.querySelectorAll<HTMLElement>("*")) {
      if (e.offsetParent === null) continue;
      if (e.closest('[role="tablist"]')) continue; // the tab strip scrolls on purpose in a very narrow pane
      const r = e.getBoundingClientRect();
      if (r.width > 0 && r.height > 0 && (r.right > paneBox.right + 1 || r.left < paneBox.left - 1)) {
        // Drawn only if no box around it is collapsed (Fluent keeps an empty search box's clear button in a 0-wide slot).
        let collapsed = false;
        for (let a = e.parentElement; a && a !== root; a = a.parentElement) {
          const b = a.getBoundingClientRect();
          if (b.width === 0 || b.height === 0) collapsed = true;
        }
        if (collapsed) continue;
        out.push(`${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ""} "${(e.textContent ?? "").slice(0, 30)}" goes past the pane (${Math.round(r.left)}–${Math.round(r.right)} of ${Math.round(paneBox.left)}–${Math.round(paneBox.right)})`);
      }
    }
    return [...new Set(out)].slice(0, 20);
  });
}

/** The sample's roster lines as provinceRows (src/preview/workbook.ts) numbers them: DV001…. */
function provinceUnit(i: number): RosterRow {
  const sample = parseRosterCsv(readFileSync(SAMPLE_CSV, "utf8"));
  const base = sample[i % sample.length];
  const round = Math.floor(i / sample.length);
  return { ...base, code: `DV${String(i + 1).padStart(3, "0")}`, sheetName: undefined, name: round === 0 ? base.name : `${base.name} ${round + 1}` };
}

/** A unit's report as the bytes of an .xlsx file, written by the ExcelJS adapter. */
async function unitFileBytes(row: RosterRow): Promise<Buffer> {
  const port = createXlsxPort();
  await port.writeSheet({ ...unitSheetPlan(DEFAULT_PARAMS, row, reportedValues(row)), name: "PDV-01" });
  return Buffer.from(await port.toBuffer());
}

describe.each([160, 350])("a pane %i CSS px wide", (width) => {
  test("400 units: every status label stays in its badge, nothing is wider than the pane; search and filter answer quickly", async () => {
    await open("?units=400", width);
    const list = panel("units").getByRole("list", { name: "Danh sách đơn vị" });
    await list.locator("li").first().waitFor({ timeout: 60_000 });
    await expect(list.locator("li").count()).resolves.toBe(400);
    await page.screenshot({ path: join(SHOTS, `pane-${width}-don-vi.png`) });
    expect(await overflows()).toEqual([]);

    // The counts of the status filter add up, and each filter shows exactly its units.
    const filters = panel("units").getByRole("group", { name: "Lọc theo trạng thái" });
    const labels = await filters.getByRole("button").allTextContents();
    const count = (label: string) => Number(labels.find((l) => l.startsWith(label))!.replace(/\D/g, ""));
    expect(labels[0]).toBe("Tất cả 400");
    expect(count("Chưa nộp") + count("Có lỗi") + count("Nộp muộn") + count("Đã nộp")).toBe(400);
    // Units without a sheet are the ones not received: 400 − the unit sheets of the workbook.
    expect(count("Chưa nộp")).toBe(400 - ((await sheetNames()).length - 1));
    for (const label of ["Chưa nộp", "Có lỗi", "Nộp muộn"]) {
      const t0 = Date.now();
      await filters.getByRole("button", { name: new RegExp(`^${label} \\d+$`) }).click();
      await page.waitForFunction(
        ([n, want]) => document.querySelectorAll("#pdv-panel-units ul[aria-label='Danh sách đơn vị'] > li").length === n && want !== "",
        [count(label), label] as const,
      );
      expect(Date.now() - t0).toBeLessThan(ACTION_MS);
      const states = await list.locator("li").evaluateAll((items) => items.map((li) => li.getAttribute("aria-label")!.split(": ").pop()));
      expect(new Set(states)).toEqual(new Set([label]));
      expect(await overflows()).toEqual([]);
    }
    await filters.getByRole("button", { name: "Tất cả 400" }).click();

    // Search without diacritics: "ha chau" finds every "Xã Hà Châu…" (one per 48 units) and nothing else.
    const t0 = Date.now();
    await panel("units").getByRole("searchbox").fill("ha chau");
    const want = Array.from({ length: 400 }, (_, i) => provinceUnit(i)).filter((u) => u.name.startsWith("Xã Hà Châu"));
    await page.waitForFunction((n) => document.querySelectorAll("#pdv-panel-units ul[aria-label='Danh sách đơn vị'] > li").length === n, want.length);
    expect(Date.now() - t0).toBeLessThan(ACTION_MS);
    const shown = await list.locator("li").evaluateAll((items) => items.map((li) => li.getAttribute("aria-label")!.split(":")[0]));
    expect(shown).toEqual(want.map((u) => `${u.code} ${u.name}`));
    await page.screenshot({ path: join(SHOTS, `pane-${width}-tim-ha-chau.png`) });
  }, 180_000);

  test("axe finds no serious or critical violation in any view, with results shown", async () => {
    await open("?broken=1&without=TCCS07", width);
    await pane().getByText("Đã nhận 47/48 báo cáo").first().waitFor();
    const problems: string[] = [];
    const judge = async (label: string) => {
      for (const p of await axeViolations(page, session.base, "#container")) problems.push(`${width}px ${label}: ${p}`);
      for (const p of await overflows()) problems.push(`${width}px ${label}: ${p}`);
    };
    await judge("Đơn vị");
    await showView("Kiểm tra");
    await panel("check").getByRole("button", { name: "Kiểm tra", exact: true }).click();
    await page.locator("#pdv-result-check").waitFor();
    await judge("Kiểm tra");
    await showView("Tổng hợp");
    await panel("summary").getByRole("button", { name: "Tổng hợp", exact: true }).click();
    await page.locator("#pdv-result-summary").waitFor();
    await judge("Tổng hợp");
    await page.screenshot({ path: join(SHOTS, `pane-${width}-tong-hop.png`) });
    await showView("Nhập báo cáo");
    await panel("import").locator('input[type="file"]').setInputFiles([
      { name: "bao-cao-cu.xls", mimeType: "application/vnd.ms-excel", buffer: Buffer.from("not a workbook") },
      { name: "Hà Châu.xlsx", mimeType: "application/octet-stream", buffer: await unitFileBytes(parseRosterCsv(readFileSync(SAMPLE_CSV, "utf8"))[6]) },
    ]);
    await expect(page.locator("#pdv-result-import").textContent()).resolves.toBe("Đã nhập 1 tệp; 1 tệp bị từ chối (xem bên dưới).");
    await judge("Nhập báo cáo");
    await page.screenshot({ path: join(SHOTS, `pane-${width}-nhap.png`) });
    for (const label of ["Tạo sổ mẫu", "Xuất gửi cấp trên"]) {
      await showView(label);
      await judge(label);
    }
    expect(problems).toEqual([]);
  }, 180_000);
});

test("the Tạo sổ mẫu form fits a 175 px pane", async () => {
  await open("?book=empty", 175);
  await showView("Tạo sổ mẫu");
  await panel("template").getByRole("button", { name: "Tạo sổ mẫu", exact: true }).waitFor();
  await page.screenshot({ path: join(SHOTS, "pane-175-tao-so-mau.png") });
  expect(await overflows()).toEqual([]);
  const values = await panel("template").getByRole("textbox").evaluateAll((boxes) => boxes.map((b) => (b as HTMLInputElement).value));
  expect(values.filter((v) => v !== "")).toEqual([]);
});

test("keyboard only: Kiểm tra, jump to a finding, Tổng hợp, import a file; the focus lands on each result", async () => {
  await open("?broken=1&without=TCCS07", 350);
  await pane().getByText("Đã nhận 47/48 báo cáo").first().waitFor();
  const press = async (key: string, until: (f: { id: string; text: string; role: string | null }) => boolean, max = 80) => {
    for (let i = 0; i < max; i++) {
      await page.keyboard.press(key);
      if (until(await focused())) return;
    }
    throw new Error(`${key} × ${max} never reached the wanted element (focus: ${JSON.stringify(await focused())})`);
  };
  // Tabs by their ids (pdv-tab-<view>): a Fluent tab's text is doubled (a hidden copy reserves its bold width).
  const toTab = async (view: string) => {
    await press("Shift+Tab", (f) => f.role === "tab");
    await press("ArrowRight", (f) => f.id === `pdv-tab-${view}`, 8);
    await page.keyboard.press("Enter");
    await page.waitForFunction((v) => document.getElementById(`pdv-tab-${v}`)?.getAttribute("aria-selected") === "true", view);
  };

  // The file dialog the import button opens (listened to from the start, so that it is intercepted).
  const chooser = (() => {
    let take!: (c: FileChooser) => void;
    const promise = new Promise<FileChooser>((resolve) => (take = resolve));
    page.once("filechooser", (c) => take(c));
    return { promise };
  })();

  // Into the pane from the page's top, by Tab alone.
  await page.locator("#pv-book").focus();
  await press("Tab", (f) => f.role === "tab");
  await press("ArrowRight", (f) => f.id === "pdv-tab-check", 8);
  await page.keyboard.press("Enter");
  await press("Tab", (f) => f.text === "Kiểm tra" && f.role !== "tab");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.activeElement?.id === "pdv-result-check");
  expect((await focused()).text).toMatch(/^Đã nhận 47\/48 báo cáo; 2 lỗi/);

  // Jump to the typed-in text of TCCS03: the cell is selected, the focus stays on the finding.
  await press("Tab", (f) => f.text.includes("V02") && f.text.includes("TCCS03!"));
  const finding = (await focused()).text;
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => (window as unknown as { pdvPreview: { host: { selection: { sheet: string } | null } } }).pdvPreview.host.selection?.sheet === "TCCS03");
  expect((await focused()).text).toBe(finding);

  await toTab("summary");
  await press("Tab", (f) => f.text === "Tổng hợp" && f.role !== "tab");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.activeElement?.id === "pdv-result-summary", undefined, { timeout: 30_000 });
  await expect(page.locator("#pv-tabs [role=tab]", { hasText: "TongHop" }).count()).resolves.toBe(1);

  await toTab("import");
  await press("Tab", (f) => f.text === "Chọn tệp báo cáo…");
  await page.keyboard.press("Enter");
  const row = parseRosterCsv(readFileSync(SAMPLE_CSV, "utf8")).find((r) => r.code === "TCCS07")!;
  await (await chooser.promise).setFiles({ name: "Xã Hà Châu.xlsx", mimeType: "application/octet-stream", buffer: await unitFileBytes(row) });
  await page.waitForFunction(() => document.activeElement?.id === "pdv-result-import", undefined, { timeout: 30_000 });
  expect((await focused()).text).toBe("Đã nhập 1 tệp.");
  expect(await sheetNames()).toContain("TCCS07");
  await page.screenshot({ path: join(SHOTS, "pane-350-ban-phim.png") });
}, 180_000);

test("importing 400 files can be cancelled midway: the workbook's sheets stay as they were", async () => {
  const files = [];
  for (let i = 0; i < 400; i++) {
    const row = provinceUnit(i);
    files.push({ name: `${row.code} ${row.name}.xlsx`, mimeType: "application/octet-stream", buffer: await unitFileBytes(row) });
  }
  await open("?units=400&reports=0", 350);
  await pane().getByText("Đã nhận 0/400 báo cáo").first().waitFor({ timeout: 60_000 });
  const dump = () => page.evaluate(() => JSON.stringify((window as unknown as { pdvPreview: { host: { dump(n: string): unknown } } }).pdvPreview.host.dump("DanhMuc")));
  const before = { names: await sheetNames(), roster: await dump() };
  expect(before.names).toEqual(["DanhMuc"]);

  await showView("Nhập báo cáo");
  await panel("import").locator('input[type="file"]').setInputFiles(files);
  // Per-file progress; cancel once a good part of the batch has been read.
  await page.waitForFunction(() => {
    const m = /Đang đọc tệp (\d+)\/400/.exec(document.getElementById("container")?.textContent ?? "");
    return m !== null && Number(m[1]) >= 60;
  }, undefined, { timeout: 120_000 });
  await page.screenshot({ path: join(SHOTS, "pane-350-nhap-400.png") });
  await pane().getByRole("button", { name: "Hủy nhập" }).click();
  const notice = pane().getByTestId("notice");
  await notice.waitFor({ timeout: 60_000 });
  await expect(notice.textContent()).resolves.toContain("Đã hủy nhập báo cáo: chưa thêm sheet nào, sổ giữ nguyên như trước.");
  await page.waitForFunction(() => document.activeElement?.id === "pdv-notice");
  expect(await sheetNames()).toEqual(before.names);
  expect(await dump()).toBe(before.roster);
  expect(session.blocked).toEqual([]);
  expect(session.pageErrors).toEqual([]);
}, 300_000);

test("after the user edits a report in the grid, coming back to the pane says the findings are stale", async () => {
  await open("?broken=1", 350);
  await showView("Kiểm tra");
  await panel("check").getByRole("button", { name: "Kiểm tra", exact: true }).click();
  await page.locator("#pdv-result-check").waitFor();
  const finding = panel("check").getByRole("button").filter({ hasText: "V02" }).filter({ hasText: "TCCS03!" });
  await finding.click();
  await page.waitForFunction(() => (window as unknown as { pdvPreview: { host: { selection: { sheet: string } | null } } }).pdvPreview.host.selection?.sheet === "TCCS03");
  await page.waitForTimeout(2100); // the quiet re-read happens at most every 2 s (STALE_CHECK_INTERVAL_MS)
  // The user corrects the cell in the grid, then comes back to the pane.
  await page.locator("#pv-formula").fill("265");
  await page.locator("#pv-formula").press("Enter");
  await pane().getByRole("tab", { name: "Kiểm tra", exact: true }).click();
  await expect(pane().getByTestId("stale").textContent()).resolves.toBe("Số liệu đã thay đổi sau lần kiểm tra; bấm Kiểm tra để cập nhật.");
  await page.screenshot({ path: join(SHOTS, "pane-350-so-lieu-cu.png") });
  await panel("check").getByRole("button", { name: "Kiểm tra", exact: true }).click();
  await pane().getByTestId("stale").waitFor({ state: "detached" });
  await expect(page.locator("#pdv-result-check").textContent()).resolves.toMatch(/^Đã nhận 48\/48 báo cáo; 0 lỗi/);
}, 120_000);
