/**
 * The PDV task pane: six views over one workbook port. Everything it touches comes in through
 * props (the port, and the services for files, clipboard and clock), so tests and the browser
 * preview can run it against an in-memory workbook. It displays what the core returns.
 */
import { useCallback, useEffect, useState } from "react";
import type { ReactNode } from "react";
import {
  Field,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Button,
  ProgressBar,
  Tab,
  TabList,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { Analysis, DistrictParams, Summary } from "../core/model";
import type { WorkbookPort } from "../workbook/port";
import type { TaskpaneServices } from "./services";
import type { ImportOutcome } from "./importReports";
import type { TemplateResult } from "./tasks";
import { checkWorkbook, createTemplate, exportForProvince, importReportFiles } from "./tasks";
import { runConsolidation, runValidation } from "../commands/flows";
import type { FlowLevel } from "../commands/flows";
import { latestNotice, subscribeNotices } from "../commands/notices";
import { useTaskRunner } from "./useTask";
import { UnitsView } from "./views/UnitsView";
import { CheckView } from "./views/CheckView";
import { SummaryView } from "./views/SummaryView";
import { ImportView } from "./views/ImportView";
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
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, padding: tokens.spacingHorizontalM },
  tabs: { flexWrap: "wrap" },
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
  const [copied, setCopied] = useState(false);
  const [outcomes, setOutcomes] = useState<ImportOutcome[] | null>(null);
  const [template, setTemplate] = useState<TemplateResult | null>(null);
  const [exported, setExported] = useState<ExportResult | null>(null);
  /** The one-sentence result of the last "Kiểm tra"/"Tổng hợp". */
  const [notice, setNotice] = useState<{ level: FlowLevel | "info"; message: string } | null>(null);

  // What a ribbon command (same runtime) posted: shown when the pane opens, and as it arrives.
  useEffect(() => {
    const show = (n: { level: FlowLevel | "info"; title: string; message: string }) =>
      setNotice({ level: n.level, message: `${n.title}: ${n.message}` });
    const last = latestNotice();
    if (last) show(last);
    return subscribeNotices(show);
  }, []);

  const check = useCallback(async () => {
    const a = await run("check", async (progress) => {
      progress({ value: 0.3, label: "Đang đọc và kiểm tra báo cáo…" });
      await services.pause();
      return checkWorkbook(port);
    });
    if (a) setAnalysis(a);
  }, [run, port, services]);

  useEffect(() => {
    if (autoCheck) void check();
  }, [autoCheck, check]);

  /** "Kiểm tra": the ribbon's flow (writes KiemTra too); the pane lists the findings. */
  const validate = async () => {
    setNotice(null);
    const r = await run("validate", async (progress) => {
      progress({ value: 0.3, label: "Đang đọc và kiểm tra báo cáo…" });
      await services.pause();
      return runValidation(port);
    });
    if (r) {
      setAnalysis(r.analysis);
      setNotice({ level: r.level, message: r.message });
    }
  };

  const select = (sheet: string, cell: string) => run("select", () => port.selectCell(sheet, cell));

  const consolidateNow = async () => {
    setCopied(false);
    setNotice(null);
    const r = await run("consolidate", async (progress) => {
      progress({ value: 0.02, label: "Đang chuẩn bị tổng hợp…" });
      await services.pause();
      return runConsolidation(port, progress, { now: services.now });
    });
    if (r) {
      setAnalysis(r.analysis);
      setSummary(r.summary);
      setNotice({ level: r.level, message: r.message });
    }
  };

  const copy = (text: string) =>
    run("copy", async () => {
      setCopied(false);
      await services.copyText(text);
      setCopied(true);
    });

  const importFiles = async (files: File[]) => {
    const r = await run("import", (progress) => importReportFiles(port, files, services, progress));
    if (r) {
      setOutcomes(r);
      if (r.some((o) => o.kind === "added")) await check(); // new reports change the units' status
    }
  };

  const createBlank = async (csv: File, params: DistrictParams) => {
    const r = await run("template", async (progress) => {
      progress({ value: 0.2, label: "Đang đọc tệp danh mục…" });
      const text = await services.readText(csv);
      progress({ value: 0.5, label: "Đang tạo các sheet…" });
      await services.pause();
      return createTemplate(port, text, params);
    });
    if (r) {
      setTemplate(r);
      await check();
    }
  };

  const exportNow = async () => {
    const r = await run("export", async (progress) => {
      progress({ value: 0.3, label: "Đang lập bảng tổng hợp để xuất…" });
      await services.pause();
      return exportForProvince(port);
    });
    if (r) {
      setExported({ sheet: r.sheet, summary: r.summary });
      setAnalysis(r.analysis);
    }
  };

  return (
    <main className={styles.root} aria-label="PDV – Báo cáo phát triển đảng viên" aria-busy={busy}>
      <h1 className={styles.title}>Báo cáo phát triển đảng viên</h1>
      <TabList
        className={styles.tabs}
        size="small"
        selectedValue={view}
        onTabSelect={(_, data) => setView(data.value as ViewKey)}
        aria-label="Chức năng"
      >
        {VIEWS.map((v) => (
          <Tab key={v} id={`pdv-tab-${v}`} value={v} aria-controls={`pdv-panel-${v}`}>
            {VIEW_LABELS[v]}
          </Tab>
        ))}
      </TabList>

      {runner.error && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>
            <MessageBarTitle>Không thực hiện được</MessageBarTitle>
            {runner.error}
          </MessageBarBody>
          <MessageBarActions>
            <Button appearance="transparent" size="small" aria-label="Đóng thông báo lỗi" onClick={runner.clearError}>
              Đóng
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}

      {notice && !runner.error && (
        <MessageBar intent={notice.level} data-testid="notice">
          <MessageBarBody>{notice.message}</MessageBarBody>
          <MessageBarActions>
            <Button appearance="transparent" size="small" aria-label="Đóng thông báo" onClick={() => setNotice(null)}>
              Đóng
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}

      {runner.running && runner.progress && (
        <Field validationMessage={runner.progress.label} validationState="none">
          <ProgressBar value={runner.progress.value} thickness="large" aria-label={runner.progress.label} />
        </Field>
      )}

      <Panel id="units" active={view === "units"}>
        <UnitsView analysis={analysis} busy={busy} onRefresh={check} onOpenSheet={(sheet) => select(sheet, "A1")} />
      </Panel>
      <Panel id="check" active={view === "check"}>
        <CheckView analysis={analysis} busy={busy} onCheck={validate} onSelect={select} />
      </Panel>
      <Panel id="summary" active={view === "summary"}>
        <SummaryView summary={summary} busy={busy} copied={copied} onConsolidate={consolidateNow} onCopy={copy} />
      </Panel>
      <Panel id="import" active={view === "import"}>
        <ImportView busy={busy} outcomes={outcomes} onImport={importFiles} />
      </Panel>
      <Panel id="template" active={view === "template"}>
        <TemplateView busy={busy} result={template} onCreate={createBlank} />
      </Panel>
      <Panel id="export" active={view === "export"}>
        <ExportView busy={busy} result={exported} onExport={exportNow} />
      </Panel>
    </main>
  );
}
