/** @jest-environment jsdom */
/**
 * The pane as the Board's staff use it: filtering the units and findings, copying the units to
 * chase, messages that stay on their tab, the focus after an action, cancelling an import and
 * refusals that say what to do.
 */
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { DEFAULT_PARAMS, rosterSheetPlan, unitSheetPlan } from "../../src/core/blank";
import { planToGrid } from "../../src/core/plan";
import type { SheetGrid } from "../../src/core/types";
import { sampleGrids, sampleRoster, sampleValues } from "../helpers/sample";
import { findSheet, setItem } from "../helpers/grids";
import { fakeServices, memoryPort, polyfillDom, renderApp } from "./helpers";

beforeAll(polyfillDom);

const rows = sampleRoster();

function unitFile(code: string): SheetGrid[] {
  const row = rows.find((r) => r.code === code)!;
  return [{ ...planToGrid(unitSheetPlan(DEFAULT_PARAMS, row, sampleValues(row))), name: "PDV-01" }];
}

const text = (el: Element) => el.textContent ?? "";

function district(): SheetGrid[] {
  const grids = sampleGrids(rows).filter((g) => g.name !== "TCCS02" && g.name !== "TCCS07"); // two missing
  setItem(findSheet(grids, "TCCS03"), "DV_TONG", "ba trăm"); // an error
  setItem(findSheet(grids, "TCCS04"), "NGAY_LAP", 44088); // late
  return grids;
}

test("units: counts per status, a status filter, a search without diacritics, and the list to chase copied", async () => {
  const services = fakeServices();
  renderApp(memoryPort(district()), services);
  fireEvent.click(screen.getByRole("button", { name: "Cập nhật trạng thái" }));
  const list = await screen.findByRole("list", { name: "Danh sách đơn vị" });
  // The result of the action has the focus.
  await waitFor(() => expect(document.activeElement?.id).toBe("pdv-result-units"));
  expect(within(list).getAllByRole("listitem")).toHaveLength(48);

  const filters = screen.getByRole("group", { name: "Lọc theo trạng thái" });
  const labels = within(filters).getAllByRole("button").map(text);
  expect(labels).toEqual(["Tất cả 48", "Chưa nộp 2", "Có lỗi 1", "Nộp muộn 1", "Đã nộp 44"]);

  fireEvent.click(within(filters).getByRole("button", { name: "Chưa nộp 2" }));
  expect(within(filters).getByRole("button", { name: "Chưa nộp 2" }).getAttribute("aria-pressed")).toBe("true");
  expect(within(list).getAllByRole("listitem").map((li) => li.getAttribute("aria-label"))).toEqual([
    "TCCS02 Xã Bàn Đạt: Chưa nộp",
    "TCCS07 Xã Hà Châu: Chưa nộp",
  ]);
  expect(text(screen.getByTestId("units-shown"))).toBe("Hiện 2/48 đơn vị");

  fireEvent.change(screen.getByRole("searchbox", { name: "Tìm đơn vị theo mã hoặc tên" }), { target: { value: "ha chau" } });
  expect(within(list).getAllByRole("listitem").map((li) => li.getAttribute("aria-label"))).toEqual(["TCCS07 Xã Hà Châu: Chưa nộp"]);
  fireEvent.click(within(filters).getByRole("button", { name: "Tất cả 48" }));
  fireEvent.change(screen.getByRole("searchbox", { name: "Tìm đơn vị theo mã hoặc tên" }), { target: { value: "khong co xa nay" } });
  expect(screen.getByText("Không có đơn vị nào khớp.")).toBeTruthy();

  fireEvent.click(screen.getByRole("button", { name: "Sao chép danh sách chưa nộp, có lỗi" }));
  await screen.findByText("Đã sao chép.");
  expect(services.copied).toEqual(["TCCS02 – Xã Bàn Đạt: Chưa nộp\nTCCS07 – Xã Hà Châu: Chưa nộp\nTCCS03 – Xã Bảo Lý: Có lỗi (1 lỗi)"]);
});

test("findings: filtered by severity and by unit; the rule's title is the code's tooltip; the message stays on its tab; focus on the result", async () => {
  renderApp(memoryPort(district()), fakeServices(), { initialView: "check" });
  fireEvent.click(screen.getByRole("button", { name: "Kiểm tra" }));
  await waitFor(() => expect(document.activeElement?.id).toBe("pdv-result-check"));
  expect(text(document.activeElement!)).toMatch(/^Đã nhận 46\/48 báo cáo; 3 lỗi, 1 cảnh báo\.$/);

  const panel = document.getElementById("pdv-panel-check")!;
  const regions = () =>
    within(panel)
      .queryAllByRole("region")
      .map((r) => r.getAttribute("aria-label"))
      .filter((l) => l !== "Kiểm tra");
  expect(regions()).toEqual(["TCCS02 – Xã Bàn Đạt", "TCCS03 – Xã Bảo Lý", "TCCS04 – Xã Dương Thành", "TCCS07 – Xã Hà Châu"]);
  const severity = screen.getByRole("group", { name: "Lọc theo mức độ" });
  fireEvent.click(within(severity).getByRole("button", { name: "Cảnh báo 1" }));
  expect(regions()).toEqual(["TCCS04 – Xã Dương Thành"]);
  fireEvent.click(within(severity).getByRole("button", { name: "Tất cả 4" }));
  fireEvent.change(screen.getByRole("searchbox", { name: "Lọc lỗi theo đơn vị" }), { target: { value: "bao ly" } });
  expect(regions()).toEqual(["TCCS03 – Xã Bảo Lý"]);
  expect(within(panel).getByText("V02").getAttribute("title")).toBe("Số liệu không phải là số");

  // The notice of "Kiểm tra" belongs to that tab.
  expect(text(screen.getByTestId("notice"))).toContain("3 lỗi");
  fireEvent.click(screen.getByRole("tab", { name: "Tổng hợp" }));
  expect(screen.queryByTestId("notice")).toBeNull();
  fireEvent.click(screen.getByRole("tab", { name: "Kiểm tra" }));
  expect(screen.getByTestId("notice")).toBeTruthy();
  // Closing it puts the focus on the tab, not on the top of the page.
  fireEvent.click(screen.getByRole("button", { name: "Đóng thông báo" }));
  await waitFor(() => expect(document.activeElement?.id).toBe("pdv-tab-check"));
});

describe("import", () => {
  test("cancelled while the files are read: nothing is added, the pane says so", async () => {
    const grids = sampleGrids(rows).filter((g) => !/^TCCS(0[5-9]|1\d)$/.test(g.name));
    const port = memoryPort(grids);
    const before = port.sheets().map((s) => s.name);
    const services = fakeServices();
    const codes = Array.from({ length: 15 }, (_, i) => `TCCS${String(i + 5).padStart(2, "0")}`);
    for (const c of codes) services.files.set(`${c}.xlsx`, unitFile(c));
    let reads = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const read = services.readXlsx;
    services.readXlsx = async (bytes, name) => {
      if (++reads === 6) await gate; // hold the 6th file until the user has pressed Cancel
      return read(bytes, name);
    };
    renderApp(port, services, { initialView: "import" });
    fireEvent.drop(screen.getByRole("group", { name: "Vùng thả tệp báo cáo .xlsx" }), {
      dataTransfer: { files: codes.map((c) => new File(["x"], `${c}.xlsx`)) },
    });
    await screen.findByText("Đang đọc tệp 6/15: TCCS10.xlsx");
    fireEvent.click(screen.getByRole("button", { name: "Hủy nhập" }));
    await act(async () => release());
    const notice = await screen.findByTestId("notice");
    expect(text(notice)).toBe("Đã hủy nhập báo cáo: chưa thêm sheet nào, sổ giữ nguyên như trước.Đóng");
    expect(reads).toBe(6);
    expect(port.sheets().map((s) => s.name)).toEqual(before);
    await waitFor(() => expect(document.activeElement?.id).toBe("pdv-notice"));
    expect(screen.queryByRole("list", { name: "Kết quả nhập báo cáo" })).toBeNull();
  });

  test("an .xls, a roster workbook and a report without a code are refused with what to do next; the result's summary has the focus", async () => {
    const port = memoryPort(sampleGrids(rows).filter((g) => g.name !== "TCCS05"));
    const services = fakeServices();
    services.files.set("TCCS05.xlsx", unitFile("TCCS05"));
    services.files.set("danh-muc.xlsx", [planToGrid(rosterSheetPlan(DEFAULT_PARAMS, rows))]);
    const nocode = unitFile("TCCS06");
    setItem(nocode[0], "MA_DV", null, false);
    services.files.set("khong-ma.xlsx", nocode);
    renderApp(port, services, { initialView: "import" });
    const names = ["TCCS05.xlsx", "bao-cao-cu.xls", "danh-muc.xlsx", "khong-ma.xlsx"];
    fireEvent.change(screen.getByLabelText("Chọn tệp báo cáo .xlsx"), { target: { files: names.map((n) => new File(["x"], n)) } });
    const summary = await screen.findByTestId("import-summary");
    expect(text(summary)).toBe("Đã nhập 1 tệp; 3 tệp bị từ chối (xem bên dưới).");
    await waitFor(() => expect(document.activeElement).toBe(summary));
    const items = within(screen.getByRole("list", { name: "Kết quả nhập báo cáo" })).getAllByRole("listitem");
    expect(items.map((i) => i.getAttribute("data-kind"))).toEqual(["unreadable", "not-report", "no-code", "added"]);
    expect(text(items[0])).toContain("Lưu thành");
    expect(text(items[0])).toContain(".xlsx");
    expect(text(items[1])).toContain("sổ danh mục");
    expect(text(items[1])).not.toContain("cột C");
    expect(text(items[2])).toContain("nhập lại");
  });
});

test("after the user edits a report, coming back to the pane says the findings are stale; a new check clears it", async () => {
  const outside = document.body.appendChild(document.createElement("button"));
  const port = memoryPort(district());
  const { container } = renderApp(port, fakeServices(), { initialView: "check" });
  fireEvent.click(screen.getByRole("button", { name: "Kiểm tra" }));
  await waitFor(() => expect(document.activeElement?.id).toBe("pdv-result-check"));

  // Leaving and coming back without any edit: nothing is said.
  fireEvent.focusIn(outside);
  fireEvent.pointerDown(within(container).getByRole("tab", { name: "Kiểm tra" }));
  await act(async () => new Promise((r) => setTimeout(r, 50)));
  expect(screen.queryByTestId("stale")).toBeNull();

  setItem(findSheet(port.sheets(), "TCCS03"), "DV_TONG", 300); // the user corrects the cell in Excel
  await act(async () => new Promise((r) => setTimeout(r, 2100))); // past the quiet check's interval
  fireEvent.focusIn(outside);
  fireEvent.pointerDown(within(container).getByRole("tab", { name: "Kiểm tra" }));
  expect(text(await screen.findByTestId("stale"))).toBe("Số liệu đã thay đổi sau lần kiểm tra; bấm Kiểm tra để cập nhật.");
  // The units tab shows the same figures and says so too; the summary tab shows none yet.
  fireEvent.click(screen.getByRole("tab", { name: "Tổng hợp" }));
  expect(screen.queryByTestId("stale")).toBeNull();
  fireEvent.click(screen.getByRole("tab", { name: "Đơn vị" }));
  expect(text(screen.getByTestId("stale"))).toContain("Cập nhật trạng thái");
  fireEvent.click(screen.getByRole("tab", { name: "Kiểm tra" }));
  fireEvent.click(screen.getByRole("button", { name: "Kiểm tra" }));
  await waitFor(() => expect(screen.queryByTestId("stale")).toBeNull());
  expect(text(screen.getByTestId("notice"))).toContain("2 lỗi");
  outside.remove();
});
