/** "Xuất gửi cấp trên": a values-only copy of the summary, for readers without the add-in. */
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
}

export function ExportView({ busy, result, onExport }: ExportViewProps) {
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
    </section>
  );
}
