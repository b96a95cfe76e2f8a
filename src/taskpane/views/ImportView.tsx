/**
 * "Nhập báo cáo": pick or drop units' .xlsx files; each accepted one becomes a new sheet of its
 * unit. The result starts with a one-line summary, then the refused files (what to do with each),
 * then the added ones.
 */
import { useId, useRef, useState } from "react";
import type { DragEvent } from "react";
import { Badge, Button, Text, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import type { ImportOutcome } from "../../flows/import-plan";
import { importSummary, outcomeMessage, rejectedFirst } from "../../flows/import-plan";
import type { ReplacementPreview } from "../../flows/replace";

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
  confirm: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingVerticalS,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    overflowWrap: "break-word",
  },
  changes: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
});

/** The replacement the user is asked to confirm, for the outcome at `index` of the import's outcomes. */
export interface ReplaceConfirmation {
  index: number;
  preview: ReplacementPreview;
  /** The sheet changed since the preview was first shown: these are the figures as they are now. */
  refreshed?: boolean;
}

export interface ImportViewProps {
  busy: boolean;
  /** The outcome of the last import, per file. */
  outcomes: ImportOutcome[] | null;
  onImport(files: File[]): void;
  /** Ask to replace the unit's sheet with the file of outcome `index` (shows the confirmation). */
  onReplace(index: number): void;
  confirmation: ReplaceConfirmation | null;
  onConfirmReplace(): void;
  onCancelReplace(): void;
}

const VERDICT: Record<ImportOutcome["kind"], { text: string; color: "success" | "danger" | "warning" }> = {
  added: { text: "Đã nhập", color: "success" },
  "unknown-code": { text: "Mã không có trong danh mục", color: "danger" },
  "no-code": { text: "Thiếu mã đơn vị", color: "danger" },
  "not-report": { text: "Không phải mẫu PDV-01", color: "danger" },
  exists: { text: "Sheet đã có", color: "warning" },
  replaced: { text: "Đã thay", color: "success" },
  duplicate: { text: "Trùng đơn vị", color: "warning" },
  unreadable: { text: "Không đọc được", color: "danger" },
};

/** The confirmation of a replacement: what changes, figure by figure, and where the old sheet goes. */
function ConfirmReplace({ c, busy, onConfirm, onCancel }: { c: ReplaceConfirmation; busy: boolean; onConfirm(): void; onCancel(): void }) {
  const styles = useStyles();
  const { preview: p } = c;
  return (
    <div className={styles.confirm} role="group" aria-labelledby="pdv-confirm-title" id="pdv-confirm-replace" tabIndex={-1} data-testid="confirm-replace">
      <Text id="pdv-confirm-title" weight="semibold">
        Thay báo cáo của đơn vị {p.unit} ở sheet &apos;{p.sheet}&apos; bằng tệp {p.file}?
      </Text>
      {c.refreshed && <Text>Sheet &apos;{p.sheet}&apos; vừa thay đổi trong sổ; số liệu dưới đây đã được cập nhật, hãy xem lại.</Text>}
      {p.changes.length > 0 ? (
        <>
          <Text>Số liệu thay đổi (trước → sau):</Text>
          <ul className={styles.changes} aria-label="Số liệu thay đổi" data-testid="replace-changes">
            {p.changes.map((ch) => (
              <li key={ch.code}>
                {ch.label}: {ch.before} → {ch.after}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <Text>Tệp mới có cùng số liệu với sheet đang có.</Text>
      )}
      <Text>
        Sheet cũ được giữ lại, ẩn, với tên &apos;{p.backup}&apos; cho đến lần Tổng hợp sau (khi đó sheet cũ được xóa).
      </Text>
      <div className={styles.actions}>
        <Button appearance="primary" className={styles.wrapButton} disabledFocusable={busy} onClick={onConfirm}>
          Thay báo cáo
        </Button>
        <Button className={styles.wrapButton} disabledFocusable={busy} onClick={onCancel}>
          Không thay
        </Button>
      </div>
    </div>
  );
}

export function ImportView({ busy, outcomes, onImport, onReplace, confirmation, onConfirmReplace, onCancelReplace }: ImportViewProps) {
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
          {rejectedFirst(outcomes).map((o) => {
            const index = outcomes.indexOf(o);
            return (
              <li key={`${o.file}-${index}`} className={styles.item} data-kind={o.kind}>
                <span className={styles.line}>
                  <Badge appearance="tint" className={styles.badge} color={VERDICT[o.kind].color}>
                    {VERDICT[o.kind].text}
                  </Badge>
                  <Text weight="semibold">{o.file}</Text>
                </span>
                <Text>{outcomeMessage(o)}</Text>
                {o.kind === "exists" && o.incoming && confirmation?.index !== index && (
                  <span>
                    <Button id={`pdv-replace-${index}`} className={styles.wrapButton} disabledFocusable={busy} onClick={() => onReplace(index)}>
                      Thay báo cáo…
                    </Button>
                  </span>
                )}
                {confirmation?.index === index && (
                  <ConfirmReplace c={confirmation} busy={busy} onConfirm={onConfirmReplace} onCancel={onCancelReplace} />
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
