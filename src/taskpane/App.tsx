/**
 * The PDV task pane: six views over one workbook port. Everything it touches comes in through
 * props (the port, and the services for files, clipboard and clock), so tests and the browser
 * preview can run it against an in-memory workbook. It displays what the core returns.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type { ReactNode } from "react";
import { Tab, TabList, makeStyles, tokens } from "@fluentui/react-components";
import type { Analysis, DistrictParams, Summary } from "../core/model";
import type { WorkbookPort } from "../workbook/port";
import type { TaskpaneServices } from "./services";
import type { ImportOutcome } from "../flows/import-plan";
import { checkWorkbook, runValidation } from "../flows/check";
import { runConsolidation } from "../flows/consolidate";
import { exportForProvince } from "../flows/export";
import { importReportFiles } from "../flows/import";
import { createTemplate } from "../flows/template";
import type { TemplateResult } from "../flows/template";
import { TaskCancelled } from "../flows/outcome";
import type { FlowLevel, FlowProgress as Progress } from "../flows/outcome";
import { DOCX_TYPE, boardReport } from "../flows/report";
import { ZIP_TYPE, unitFeedbackFiles } from "../flows/feedback";
import type { FeedbackFiles } from "../flows/feedback";
import { latestNotice, subscribeNotices } from "../commands/notices";
import { useTaskRunner } from "./useTask";
import { useStale } from "./useStale";
import { PaneMessages } from "./PaneMessages";
import type { PaneNoticeText } from "./PaneMessages";
import { UnitsView } from "./views/UnitsView";
import { CheckView } from "./views/CheckView";
import { SummaryView } from "./views/SummaryView";
import { ImportView } from "./views/ImportView";
import { useReplace } from "./useReplace";
import { TemplateView } from "./views/TemplateView";
import { ExportView } from "./views/ExportView";
import type { ExportResult } from "./views/ExportView";

export type ViewKey = "units" | "check" | "summary" | "import" | "template" | "export";

export const VIEW_LABELS: Record<ViewKey, string> = {
  units: "Đơn vị",
  check: "Kiểm tra",
  summary: "Tổng hợp",
  import: "Nhập báo cáo",
  template: "Tạo sổ mẫu",
  export: "Xuất gửi cấp trên",
};

const VIEWS = Object.keys(VIEW_LABELS) as ViewKey[];

/** The tab a ribbon command's notice belongs to, by the command's title (notices.ts). */
function noticeView(title: string): ViewKey {
  if (title === VIEW_LABELS.check) return "check";
  if (title === VIEW_LABELS.summary) return "summary";
  return "units";
}

/** A message shown under the tabs, only while its own tab is open. */
interface PaneNotice extends PaneNoticeText {
  view: ViewKey;
}

/** What the pane says on a tab whose figures the user's edits may have made stale. */
const STALE_TEXT: Partial<Record<ViewKey, string>> = {
  units: "Số liệu đã thay đổi sau lần kiểm tra; bấm Cập nhật trạng thái để cập nhật.",
  check: "Số liệu đã thay đổi sau lần kiểm tra; bấm Kiểm tra để cập nhật.",
  summary: "Số liệu đã thay đổi sau lần tổng hợp; bấm Tổng hợp để cập nhật.",
};

export interface AppProps {
  /** The workbook: Office.js in Excel, memory in tests and the preview. */
  port: WorkbookPort;
  services: TaskpaneServices;
  /** The view shown first (default "units"). */
  initialView?: ViewKey;
  /** Read the workbook once when the pane opens, to fill the unit list (default false). */
  autoCheck?: boolean;
}

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    minWidth: 0,
    containerType: "inline-size",
  },
  // The tab strip stays in view while a long list scrolls under it.
  header: {
    position: "sticky",
    top: 0,
    zIndex: 1,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    marginInline: `calc(-1 * ${tokens.spacingHorizontalM})`,
    paddingInline: tokens.spacingHorizontalM,
  },
  // Wrapped on two or three rows in a usual pane; one scrolling row in a very narrow one (160 px
  // at 200 % zoom), where six wrapped rows would cover half of the pane.
  tabs: {
    flexWrap: "wrap",
    "@container (max-width: 279px)": { flexWrap: "nowrap", overflowX: "auto", scrollbarWidth: "thin" },
  },
  tab: { flexShrink: 0, maxWidth: "100%", whiteSpace: "nowrap" },
  title: { fontSize: tokens.fontSizeBase400, margin: 0 },
});

function Panel({ id, active, children }: { id: ViewKey; active: boolean; children: ReactNode }) {
  return (
    <div role="tabpanel" id={`pdv-panel-${id}`} aria-labelledby={`pdv-tab-${id}`} hidden={!active}>
      {children}
    </div>
  );
}

export function App({ port, services, initialView = "units", autoCheck = false }: AppProps) {
  const styles = useStyles();
  const runner = useTaskRunner();
  const { run } = runner;
  const busy = runner.running !== null;
  const [view, setView] = useState<ViewKey>(initialView);
  const [analysis, setAnalysis] = useState<Analysis | null>(null);
  const [summary, setSummary] = useState<Summary | null>(null);
  /** The view whose "Sao chép" just succeeded (summary: the narrative; units: the list to chase). */
  const [copied, setCopied] = useState<ViewKey | null>(null);
  const [outcomes, setOutcomes] = useState<ImportOutcome[] | null>(null);
  const [template, setTemplate] = useState<TemplateResult | null>(null);
  const [exported, setExported] = useState<ExportResult | null>(null);
  /** Name of the report file last saved ("Báo cáo"), and who got a file at the last "Gửi lại đơn vị". */
  const [reportSaved, setReportSaved] = useState<string | null>(null);
  const [feedback, setFeedback] = useState<FeedbackFiles | null>(null);
  /** The one-sentence result of the last action that reports one, on the tab that raised it. */
  const [notice, setNotice] = useState<PaneNotice | null>(null);
  /** The tab the last task was started from: its failure is shown there. */
  const [errorView, setErrorView] = useState<ViewKey>(initialView);
  /** Element (id) to move the focus to once the running task is over: the action's result. */
  const [focusTarget, setFocusTarget] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const viewRef = useRef(view);
  viewRef.current = view;
  const [root, setRoot] = useState<HTMLElement | null>(null);
  const stale = useStale(analysis, busy, () => checkWorkbook(port), root);

  /** Run a task on behalf of the open tab (its failure is shown on that tab). */
  const runHere = useCallback(
    <T,>(name: string, work: (progress: (p: Progress) => void) => Promise<T>) => {
      setErrorView(viewRef.current);
      return run(name, work);
    },
    [run],
  );

  useEffect(() => {
    if (busy || !focusTarget) return;
    const target = focusTarget;
    setFocusTarget(null);
    // After React has painted the result.
    requestAnimationFrame(() => document.getElementById(target)?.focus());
  }, [busy, focusTarget]);

  useEffect(() => {
    if (runner.error) setFocusTarget("pdv-error");
  }, [runner.error]);

  const check = useCallback(async () => {
    const a = await runHere("check", async (progress) => {
      progress({ value: 0.3, label: "Đang đọc và kiểm tra báo cáo…" });
      await services.pause();
      return checkWorkbook(port);
    });
    if (a) setAnalysis(a);
    return a;
  }, [runHere, port, services]);

  useEffect(() => {
    if (autoCheck) void check();
  }, [autoCheck, check]);

  // What a ribbon command (same runtime) posted: shown when the pane opens, and as it arrives, on
  // the tab of that command, which is brought to the front; once it has finished, the pane re-reads
  // the workbook.
  useEffect(() => {
    const show = (n: { level: FlowLevel | "info"; title: string; message: string }) => {
      const where = noticeView(n.title);
      setNotice({ level: n.level, message: `${n.title}: ${n.message}`, view: where });
      setView(where);
    };
    const last = latestNotice();
    if (last) show(last);
    return subscribeNotices((n) => {
      show(n);
      // A command's progress ("info") is only shown; its outcome may have changed the units' status.
      if (n.level !== "info") void check();
    });
  }, [check]);

  const refresh = async () => {
    if (await check()) setFocusTarget("pdv-result-units");
  };

  /** "Kiểm tra": the ribbon's flow (writes KiemTra too); the pane lists the findings. */
  const validate = async () => {
    setNotice(null);
    const r = await runHere("validate", async (progress) => {
      progress({ value: 0.3, label: "Đang đọc và kiểm tra báo cáo…" });
      await services.pause();
      return runValidation(port);
    });
    if (r) {
      setAnalysis(r.analysis);
      setNotice({ level: r.level, message: r.message, view: "check" });
      setFocusTarget("pdv-result-check");
    }
  };

  const select = (sheet: string, cell: string) => runHere("select", () => port.selectCell(sheet, cell));

  const consolidateNow = async () => {
    setCopied(null);
    setNotice(null);
    const r = await runHere("consolidate", async (progress) => {
      progress({ value: 0.02, label: "Đang chuẩn bị tổng hợp…" });
      await services.pause();
      return runConsolidation(port, progress, { now: services.now });
    });
    if (r) {
      setAnalysis(r.analysis);
      setSummary(r.summary);
      setNotice({ level: r.level, message: r.message, view: "summary" });
      setFocusTarget("pdv-result-summary");
    }
  };

  const copy = (text: string) => {
    const from = viewRef.current;
    return runHere("copy", async () => {
      setCopied(null);
      await services.copyText(text);
      setCopied(from);
    });
  };

  const replace = useReplace({
    port,
    pause: services.pause,
    outcomes,
    setOutcomes,
    runHere,
    check,
    notify: (n) => setNotice(n && { ...n, view: "import" }),
    focus: setFocusTarget,
  });

  const importFiles = async (files: File[]) => {
    const controller = new AbortController();
    abort.current = controller;
    setCancelling(false);
    setNotice(null);
    replace.clear();
    const r = await runHere("import", async (progress) => {
      try {
        return await importReportFiles(port, files, services, progress, controller.signal);
      } catch (err) {
        if (err instanceof TaskCancelled) return err;
        throw err;
      }
    });
    abort.current = null;
    setCancelling(false);
    if (r instanceof TaskCancelled) {
      setNotice({ level: "info", message: r.message, view: "import" });
      setFocusTarget("pdv-notice");
    } else if (r) {
      setOutcomes(r);
      if (r.some((o) => o.kind === "added")) await check(); // new reports change the units' status
      setFocusTarget("pdv-result-import");
    }
  };


  const cancelImport = () => {
    abort.current?.abort();
    setCancelling(true);
  };

  const createBlank = async (csv: File, params: DistrictParams) => {
    const r = await runHere("template", async (progress) => {
      progress({ value: 0.2, label: "Đang đọc tệp danh mục…" });
      const text = await services.readText(csv);
      progress({ value: 0.5, label: "Đang tạo các sheet…" });
      await services.pause();
      return createTemplate(port, text, params);
    });
    if (r) {
      setTemplate(r);
      await check();
      setFocusTarget("pdv-result-template");
    }
  };

  const exportNow = async () => {
    const r = await runHere("export", async (progress) => {
      progress({ value: 0.3, label: "Đang lập bảng tổng hợp để xuất…" });
      await services.pause();
      return exportForProvince(port);
    });
    if (r) {
      setExported({ sheet: r.sheet, summary: r.summary });
      setAnalysis(r.analysis);
      setFocusTarget("pdv-result-export");
    }
  };

  /** Closing a message puts the focus back on the open tab (never on the page's top). */
  const focusTab = () => setFocusTarget(`pdv-tab-${viewRef.current}`);

  /** "Báo cáo": the Board's report as .docx, saved for the user (the renderer is a lazy chunk). */
  const reportNow = async () => {
    setReportSaved(null);
    const r = await runHere("report", async (progress) => {
      progress({ value: 0.2, label: "Đang đọc số liệu và lập báo cáo…" });
      await services.pause();
      const { renderReportDocx } = await import(/* webpackChunkName: "report-docx" */ "../report/docx");
      const file = await boardReport(port, renderReportDocx, services.now());
      progress({ value: 0.9, label: "Đang lưu tệp báo cáo…" });
      await services.saveFile(file.fileName, file.bytes, DOCX_TYPE);
      return file.fileName;
    });
    if (r) {
      setReportSaved(r);
      setFocusTarget("pdv-result-report");
    }
  };

  /** "Gửi lại đơn vị": one .xlsx per unit with findings, in one .zip saved for the user (writers in a lazy chunk). */
  const feedbackNow = async () => {
    setFeedback(null);
    const r = await runHere("feedback", async (progress) => {
      progress({ value: 0.2, label: "Đang đọc số liệu và lập phản hồi cho từng đơn vị…" });
      await services.pause();
      const writers = await import(/* webpackChunkName: "plans-file" */ "../workbook/xlsx/plans-file");
      const files = await unitFeedbackFiles(port, writers, services.now());
      if (files.zip) {
        progress({ value: 0.9, label: "Đang lưu tệp phản hồi…" });
        await services.saveFile(files.zip.fileName, files.zip.bytes, ZIP_TYPE);
      }
      return files;
    });
    if (r) {
      setFeedback(r);
      setFocusTarget("pdv-result-feedback");
    }
  };

  return (
    <main ref={setRoot} className={styles.root} aria-label="PDV – Báo cáo phát triển đảng viên" aria-busy={busy}>
      <h1 className={styles.title}>Báo cáo phát triển đảng viên</h1>
      <div className={styles.header}>
        <TabList
          className={styles.tabs}
          size="small"
          selectedValue={view}
          onTabSelect={(_, data) => setView(data.value as ViewKey)}
          aria-label="Chức năng"
        >
          {VIEWS.map((v) => (
            <Tab key={v} id={`pdv-tab-${v}`} className={styles.tab} value={v} aria-controls={`pdv-panel-${v}`}>
              {VIEW_LABELS[v]}
            </Tab>
          ))}
        </TabList>
      </div>

      <PaneMessages
        error={runner.error && errorView === view ? runner.error : null}
        onCloseError={() => {
          runner.clearError();
          focusTab();
        }}
        notice={notice && notice.view === view ? notice : null}
        onCloseNotice={() => {
          setNotice(null);
          focusTab();
        }}
        stale={stale && (view !== "summary" || summary) ? STALE_TEXT[view] ?? null : null}
        progress={runner.running ? runner.progress : null}
        onCancel={runner.running === "import" ? cancelImport : null}
        cancelling={cancelling}
      />

      <Panel id="units" active={view === "units"}>
        <UnitsView
          analysis={analysis}
          busy={busy}
          onRefresh={refresh}
          onOpenSheet={(sheet) => select(sheet, "A1")}
          onCopy={copy}
          copied={copied === "units"}
        />
      </Panel>
      <Panel id="check" active={view === "check"}>
        <CheckView analysis={analysis} busy={busy} onCheck={validate} onSelect={select} />
      </Panel>
      <Panel id="summary" active={view === "summary"}>
        <SummaryView summary={summary} busy={busy} copied={copied === "summary"} onConsolidate={consolidateNow} onCopy={copy} />
      </Panel>
      <Panel id="import" active={view === "import"}>
        <ImportView
          busy={busy}
          outcomes={outcomes}
          onImport={importFiles}
          onReplace={replace.ask}
          confirmation={replace.pending}
          onConfirmReplace={replace.confirm}
          onCancelReplace={replace.cancel}
        />
      </Panel>
      <Panel id="template" active={view === "template"}>
        <TemplateView busy={busy} result={template} onCreate={createBlank} />
      </Panel>
      <Panel id="export" active={view === "export"}>
        <ExportView busy={busy} result={exported} onExport={exportNow} reportSaved={reportSaved} onReport={reportNow} feedback={feedback} onFeedback={feedbackNow} />
      </Panel>
    </main>
  );
}
