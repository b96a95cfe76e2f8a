/**
 * "Nhập báo cáo": pick or drop units' .xlsx files; each accepted one becomes a new sheet of its
 * unit. The result starts with a one-line summary, then the refused files (what to do with each),
 * then the added ones.
 */
import { useId, useRef, useState } from "react";
import type { DragEvent } from "react";
import { Badge, Button, Text, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import type { ImportOutcome } from "../importReports";
import { importSummary, outcomeMessage, rejectedFirst } from "../importReports";

const useStyles = makeStyles({
  zone: {
    border: `2px dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingVerticalL,
    display: "flex",
    flexDirection: "column",
    alignItems: "center",
    gap: tokens.spacingVerticalS,
    textAlign: "center",
  },
  over: { border: `2px dashed ${tokens.colorBrandStroke1}`, backgroundColor: tokens.colorBrandBackground2 },
  hidden: { display: "none" },
  list: { listStyleType: "none", margin: `${tokens.spacingVerticalM} 0 0`, padding: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  item: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
  line: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "center", flexWrap: "wrap", overflowWrap: "break-word", minWidth: 0 },
  badge: { height: "auto", minHeight: "20px", maxWidth: "100%", whiteSpace: "normal", textAlign: "center", flexShrink: 0 },
  summary: { marginTop: tokens.spacingVerticalM, fontWeight: tokens.fontWeightSemibold },
  wrapButton: { height: "auto", whiteSpace: "normal", minWidth: 0, maxWidth: "100%" },
});

export interface ImportViewProps {
  busy: boolean;
  /** The outcome of the last import, per file. */
  outcomes: ImportOutcome[] | null;
  onImport(files: File[]): void;
}

const VERDICT: Record<ImportOutcome["kind"], { text: string; color: "success" | "danger" | "warning" }> = {
  added: { text: "Đã nhập", color: "success" },
  "unknown-code": { text: "Mã không có trong danh mục", color: "danger" },
  "no-code": { text: "Thiếu mã đơn vị", color: "danger" },
  "not-report": { text: "Không phải mẫu PDV-01", color: "danger" },
  exists: { text: "Sheet đã có", color: "warning" },
  duplicate: { text: "Trùng đơn vị", color: "warning" },
  unreadable: { text: "Không đọc được", color: "danger" },
};

export function ImportView({ busy, outcomes, onImport }: ImportViewProps) {
  const styles = useStyles();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);

  const take = (list: FileList | null) => {
    const files = list ? Array.from(list) : [];
    if (files.length > 0 && !busy) onImport(files);
  };
  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setOver(false);
    take(e.dataTransfer?.files ?? null);
  };

  return (
    <section aria-label="Nhập báo cáo">
      <Text block>
        Nhận tệp báo cáo .xlsx của đơn vị: mỗi tệp được nhận diện theo mã đơn vị (MA_DV) ghi trong báo cáo, không theo tên tệp,
        và được thêm thành một sheet mới; sheet đã có không bị ghi đè.
      </Text>
      <div
        className={mergeClasses(styles.zone, over && styles.over)}
        role="group"
        aria-label="Vùng thả tệp báo cáo .xlsx"
        aria-disabled={busy}
        data-testid="drop-zone"
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <Text>Kéo thả tệp .xlsx vào đây, hoặc</Text>
        <Button appearance="primary" className={styles.wrapButton} disabledFocusable={busy} onClick={() => input.current?.click()}>
          Chọn tệp báo cáo…
        </Button>
        <input
          id={inputId}
          ref={input}
          className={styles.hidden}
          type="file"
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          multiple
          aria-label="Chọn tệp báo cáo .xlsx"
          disabled={busy}
          onChange={(e) => {
            take(e.currentTarget.files);
            e.currentTarget.value = "";
          }}
        />
      </div>
      {outcomes && (
        <Text block role="status" id="pdv-result-import" tabIndex={-1} className={styles.summary} data-testid="import-summary">
          {importSummary(outcomes)}
        </Text>
      )}
      {outcomes && outcomes.length > 0 && (
        <ul className={styles.list} aria-label="Kết quả nhập báo cáo">
          {rejectedFirst(outcomes).map((o, i) => (
            <li key={`${o.file}-${i}`} className={styles.item} data-kind={o.kind}>
              <span className={styles.line}>
                <Badge appearance="tint" className={styles.badge} color={VERDICT[o.kind].color}>
                  {VERDICT[o.kind].text}
                </Badge>
                <Text weight="semibold">{o.file}</Text>
              </span>
              <Text>{outcomeMessage(o)}</Text>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
