/**
 * "Xuất gửi cấp trên": a values-only copy of the summary, for readers without the add-in; and
 * "Báo cáo": the Board's draft report as a Word file the user saves and finishes.
 */
import { Button, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { Summary } from "../../core/model";
import { formatInteger } from "../../core/vi";
import { SHEET_REPORT_UP } from "../../core/template";

const useStyles = makeStyles({
  toolbar: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, margin: `${tokens.spacingVerticalS} 0` },
});

export interface ExportResult {
  sheet: string;
  summary: Summary;
}

export interface ExportViewProps {
  busy: boolean;
  result: ExportResult | null;
  onExport(): void;
  /** Name of the report file last saved, or null. */
  reportSaved: string | null;
  onReport(): void;
}

export function ExportView({ busy, result, onExport, reportSaved, onReport }: ExportViewProps) {
  const styles = useStyles();
  const covered = result?.summary.total.covered ?? 0;
  const listed = result?.summary.total.listed ?? 0;
  return (
    <section aria-label="Xuất gửi cấp trên">
      <Text block>
        Ghi báo cáo của cả đảng bộ (theo số liệu hiện có trong sổ) ra sheet {SHEET_REPORT_UP}: một báo cáo mẫu PDV-01 mang mã MA_DB,
        số đơn vị đã tổng hợp và danh sách đơn vị, chỉ giá trị, để gửi cấp trên; cấp trên tổng hợp như báo cáo của một đơn vị, không
        cần cài PDV để xem. Sheet {SHEET_REPORT_UP} cũ (nếu có) được thay bằng bản mới.
      </Text>
      <div className={styles.toolbar}>
        <Button appearance="primary" disabledFocusable={busy} onClick={onExport}>
          Xuất gửi cấp trên
        </Button>
      </div>
      {result && (
        <Text block role="status" id="pdv-result-export" tabIndex={-1}>
          Đã ghi sheet {result.sheet}: {formatInteger(covered)}/{formatInteger(listed)} đơn vị được tổng hợp
          {result.summary.excluded.length > 0 ? `; ${formatInteger(result.summary.excluded.length)} đơn vị chưa có số liệu hợp lệ.` : "."}
          {result.summary.params.code ? "" : " Sổ chưa có MA_DB ở sheet DanhMuc: cấp trên chưa ghép được báo cáo này, hãy nhập MA_DB rồi xuất lại."}
        </Text>
      )}
      <Text block>
        Lập dự thảo báo cáo kết quả công tác phát triển đảng viên (tệp Word, sửa được) từ số liệu hiện có trong sổ: tiêu đề, các đoạn
        nhận xét, khối chữ ký và bảng tổng hợp ở phụ lục. Tệp được lưu về máy để Ban hoàn thiện; sổ không bị thay đổi.
      </Text>
      <div className={styles.toolbar}>
        <Button disabled={busy} onClick={onReport}>
          Báo cáo
        </Button>
      </div>
      {reportSaved && (
        <Text block role="status">
          Đã lập báo cáo: tệp {reportSaved} đã được lưu về máy.
        </Text>
      )}
    </section>
  );
}
