/**
 * The preview's stand-in for Excel's window, in plain DOM (no React: the task pane's React is the
 * production bundle's own): a header to choose or open a workbook, the add-in's ribbon buttons, a
 * formula bar, the active sheet as an HTML table (selected cell highlighted) and the sheet tabs.
 * It re-renders whenever the fake workbook changes.
 */
import type { PreviewHost } from "./host";
import { displayValue } from "./format";
import { gridToSeed } from "./workbook";
import { parseAddress, rectA1 } from "../host/fake-address";
import { columnLetters } from "../core/a1";

/** The ribbon buttons of the tab "Phát triển Đảng viên" (manifest ExecuteFunction actions). */
const RIBBON: { id: string; label: string }[] = [
  { id: "validateWorkbook", label: "Kiểm tra" },
  { id: "consolidateWorkbook", label: "Tổng hợp" },
];

const MIN_ROWS = 30;
const ROW_HEAD_PX = 40;
const DEFAULT_COL_PX = 90;
const MIN_COLS = 8;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]) {
  const e = document.createElement(tag);
  Object.assign(e, props);
  for (const c of children) e.append(c);
  return e;
}

function byId<T extends HTMLElement>(id: string): T {
  const e = document.getElementById(id);
  if (!e) throw new Error(`PDV preview: #${id} missing from preview.html`);
  return e as T;
}

export function mountView(preview: PreviewHost): void {
  const { host } = preview;
  const grid = byId<HTMLDivElement>("pv-grid");
  const tabs = byId<HTMLDivElement>("pv-tabs");
  const address = byId<HTMLSpanElement>("pv-address");
  const formula = byId<HTMLInputElement>("pv-formula");
  const status = byId<HTMLSpanElement>("pv-status");
  const ribbon = byId<HTMLDivElement>("pv-ribbon");
  const fileInput = byId<HTMLInputElement>("pv-file");
  const bookSelect = byId<HTMLSelectElement>("pv-book");

  const say = (text: string) => {
    status.textContent = text;
  };

  /* ---------------------------------------------------------------- choosing a workbook */

  const params = new URLSearchParams(location.search);
  bookSelect.value = params.get("book") === "empty" ? "empty" : params.has("units") ? "province" : params.has("broken") ? "broken" : "sample";
  bookSelect.addEventListener("change", () => {
    const next = new URLSearchParams();
    if (bookSelect.value === "empty") next.set("book", "empty");
    if (bookSelect.value === "broken") next.set("broken", "1");
    if (bookSelect.value === "province") next.set("units", "400");
    location.search = next.toString();
  });
  byId<HTMLButtonElement>("pv-open").addEventListener("click", () => fileInput.click());
  fileInput.addEventListener("change", async () => {
    const file = fileInput.files?.[0];
    fileInput.value = "";
    if (!file) return;
    say(`Đang mở tệp ${file.name}…`);
    try {
      const { readXlsx } = await import(/* webpackChunkName: "preview-xlsx" */ "../workbook/xlsx/reader");
      const grids = await readXlsx(new Uint8Array(await file.arrayBuffer()), file.name);
      if (grids.length === 0) throw new Error("tệp không có sheet nào.");
      preview.load(grids.map(gridToSeed));
      say(`Đã mở tệp ${file.name} (${grids.length} sheet). Trên ngăn tác vụ, bấm "Kiểm tra" để đọc lại sổ.`);
    } catch (e) {
      say(`Không mở được tệp ${file.name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  });

  /* ---------------------------------------------------------------- ribbon */

  const renderRibbon = () => {
    ribbon.replaceChildren();
    for (const { id, label } of RIBBON) {
      const action = preview.actions.get(id);
      const button = el("button", { type: "button", textContent: label, disabled: !action, title: `Lệnh ${label} trên thẻ Phát triển Đảng viên` });
      button.dataset.command = id;
      button.addEventListener("click", async () => {
        if (!action) return;
        button.disabled = true;
        say(`Lệnh "${label}" đang chạy…`);
        let completed = false;
        try {
          await action({
            completed: () => {
              completed = true;
            },
          });
        } catch (e) {
          console.error(e);
        }
        button.disabled = false;
        say(completed ? `Lệnh "${label}" đã chạy xong.` : `Lệnh "${label}" chưa báo xong (event.completed() không được gọi).`);
      });
      ribbon.append(button);
    }
  };

  /* ---------------------------------------------------------------- grid */

  let shownSheet: string | null = null;

  const render = () => {
    const names = host.book.sheets.filter((s) => s.visibility === "Visible").map((s) => s.name);
    const active = host.activeSheet && names.includes(host.activeSheet) ? host.activeSheet : (names[0] ?? null);
    const sel = host.selection;

    // Tabs
    tabs.replaceChildren(
      ...names.map((name) => {
        const tab = el("button", { type: "button", textContent: name, role: "tab" } as Partial<HTMLButtonElement>);
        tab.setAttribute("aria-selected", String(name === active));
        tab.tabIndex = name === active ? 0 : -1;
        tab.addEventListener("click", () => preview.select(name, "A1"));
        return tab;
      }),
    );
    const activeTab = tabs.querySelector<HTMLElement>('[aria-selected="true"]');
    if (activeTab && shownSheet !== active) activeTab.scrollIntoView({ block: "nearest", inline: "nearest" });

    if (!active) {
      grid.replaceChildren(el("p", { textContent: "Sổ không có sheet nào đang hiện." }));
      address.textContent = "";
      formula.value = "";
      shownSheet = null;
      return;
    }
    const d = host.dump(active);
    const selRect = sel && sel.sheet === active ? parseAddress(sel.address) : null;
    const rows = Math.max(d.values.length, MIN_ROWS);
    const cols = Math.max(d.values[0]?.length ?? 0, MIN_COLS);

    // Merged areas: the top-left cell spans, the others are not drawn.
    const covered = new Set<string>();
    const spans = new Map<string, { rows: number; cols: number }>();
    for (const m of d.merges) {
      const r = parseAddress(m);
      if (!r) continue;
      spans.set(`${r.r0},${r.c0}`, { rows: r.nr, cols: r.nc });
      for (let i = 0; i < r.nr; i++) for (let j = 0; j < r.nc; j++) if (i || j) covered.add(`${r.r0 + i},${r.c0 + j}`);
    }

    const table = el("table", { className: "pv-table" });
    table.setAttribute("aria-label", `Sheet ${active}`);
    const texts = Array.from({ length: rows }, (_, r) =>
      Array.from({ length: cols }, (_, c) => displayValue(d.values[r]?.[c] ?? null, d.numberFormats[r]?.[c] ?? "General")),
    );
    const spills = (r: number, c: number) => {
      const v = d.values[r]?.[c] ?? null;
      return typeof v === "string" && !spans.has(`${r},${c}`) && !d.wrap[r]?.[c] && (d.values[r]?.[c + 1] ?? null) === null;
    };
    /** A column without a stored width (a seeded sheet) is sized to what it shows, within bounds. */
    const fitted = (c: number) => {
      let longest = 0;
      for (let r = 0; r < rows; r++) if (!covered.has(`${r},${c}`) && !spans.has(`${r},${c}`) && !spills(r, c)) longest = Math.max(longest, texts[r][c].length);
      return longest === 0 ? DEFAULT_COL_PX : Math.min(420, Math.max(64, Math.round(longest * 8.5 + 12)));
    };

    // Fixed layout honours the column widths only when the table's own width is set.
    const colgroup = el("colgroup", {}, el("col", { className: "pv-rowhead" }));
    let tableWidth = ROW_HEAD_PX;
    for (let c = 0; c < cols; c++) {
      const col = el("col");
      const w = d.columnWidths[columnLetters(c + 1)];
      const px = w ? Math.max(36, Math.round(w / 0.75)) : fitted(c); // points → px
      col.style.width = `${px}px`;
      tableWidth += px;
      colgroup.append(col);
    }
    table.style.width = `${tableWidth}px`;
    table.append(colgroup);
    const head = el("tr", {}, el("th", { scope: "col", textContent: "" }));
    for (let c = 0; c < cols; c++) head.append(el("th", { scope: "col", textContent: columnLetters(c + 1) }));
    table.append(el("thead", {}, head));
    const body = el("tbody");
    for (let r = 0; r < rows; r++) {
      const tr = el("tr", {}, el("th", { scope: "row", textContent: String(r + 1) }));
      for (let c = 0; c < cols; c++) {
        if (covered.has(`${r},${c}`)) continue;
        const v = d.values[r]?.[c] ?? null;
        const td = el("td", { textContent: texts[r][c] });
        const addr = rectA1({ r0: r, c0: c, nr: 1, nc: 1 });
        td.dataset.address = addr;
        const span = spans.get(`${r},${c}`);
        if (span) {
          td.colSpan = span.cols;
          td.rowSpan = span.rows;
        }
        if (typeof v === "number") td.classList.add("pv-num");
        // As in Excel, text runs on over empty cells to its right.
        else if (spills(r, c)) td.classList.add("pv-spill");
        if (d.bold[r]?.[c]) td.classList.add("pv-bold");
        if (d.italic[r]?.[c]) td.classList.add("pv-italic");
        if (d.wrap[r]?.[c]) td.classList.add("pv-wrap");
        const align = d.align[r]?.[c];
        if (align) td.style.textAlign = align.toLowerCase();
        const fill = d.fills[r]?.[c];
        if (fill) td.style.backgroundColor = fill;
        if (d.formulas[r]?.[c]) td.dataset.formula = d.formulas[r][c]!;
        if (selRect && r >= selRect.r0 && r < selRect.r0 + selRect.nr && c >= selRect.c0 && c < selRect.c0 + selRect.nc) {
          td.classList.add("pv-selected");
          td.setAttribute("aria-selected", "true");
        }
        td.addEventListener("click", () => preview.select(active, addr));
        tr.append(td);
      }
      body.append(tr);
    }
    table.append(body);
    const scroll = { top: grid.scrollTop, left: grid.scrollLeft };
    grid.replaceChildren(table);
    if (shownSheet === active) {
      grid.scrollTop = scroll.top;
      grid.scrollLeft = scroll.left;
    }
    shownSheet = active;

    // Formula bar
    if (selRect) {
      const f = d.formulas[selRect.r0]?.[selRect.c0];
      const v = d.values[selRect.r0]?.[selRect.c0] ?? null;
      address.textContent = `${active}!${sel!.address}`;
      if (document.activeElement !== formula) formula.value = f ?? (v === null ? "" : String(v));
      const cell = grid.querySelector<HTMLElement>(`td[data-address="${rectA1({ ...selRect, nr: 1, nc: 1 })}"]`);
      cell?.scrollIntoView({ block: "nearest", inline: "nearest" });
    } else {
      address.textContent = active;
      if (document.activeElement !== formula) formula.value = "";
    }
  };

  formula.addEventListener("keydown", (e) => {
    if (e.key !== "Enter") return;
    const sel = host.selection;
    if (!sel) return;
    const first = rectA1({ ...parseAddress(sel.address)!, nr: 1, nc: 1 });
    try {
      preview.edit(sel.sheet, first, formula.value);
      say(`Đã ghi vào ô ${sel.sheet}!${first}.`);
    } catch (err) {
      say(`Không ghi được vào ô ${first}: ${err instanceof Error ? err.message : String(err)}`);
    }
    formula.blur();
    render();
  });

  let pending = false;
  preview.subscribe(() => {
    if (pending) return;
    pending = true;
    setTimeout(() => {
      pending = false;
      render();
    }, 0);
  });
  renderRibbon();
  render();
}
